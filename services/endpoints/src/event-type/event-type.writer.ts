import { Inject, Injectable } from '@nestjs/common';
import Ajv from 'ajv';
import type { EventTypeV1, EndpointsEvents, EventOf } from '@hookport/contracts';
import {
  actorOf,
  Database,
  EventStore,
  HookportError,
  StreamVersionConflict,
  type Principal,
} from '@hookport/platform';
import { exampleFromSchema } from './example-from-schema';
import { findEventType, projectEventType } from './event-type.repository';
import type { EventTypeOut } from '@hookport/api-schema';

/**
 * Compiles a schema only to check it is valid JSON Schema (payloads are not validated yet), with
 * an Ajv of its own: a shared one keeps every compiled schema forever and refuses a second
 * schema with an `$id` it has seen ("already exists"), so an event type could never be updated.
 */
const compileAlone = (schema: Record<string, unknown>) =>
  new Ajv({ strict: false, allErrors: true, validateSchema: true }).compile(schema);

/** The newest schema version's schema, by numeric version key. */
const newestSchema = (schemas: EventTypeV1['schemas']) =>
  Object.entries(schemas).sort(([a], [b]) => Number(b) - Number(a))[0]?.[1];

/**
 * Writes an event type: validates its schemas as JSON Schema, derives an example when none is
 * given, appends the event (installation-wide stream) and projects the catalogue row.
 */
@Injectable()
export class EventTypeWriter {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<EndpointsEvents>>,
  ) {}

  async write(
    type: 'event-type.created' | 'event-type.updated',
    input: Omit<EventTypeV1, 'example'> & { example?: unknown },
    expectedVersion: number,
    principal: Principal,
  ): Promise<EventTypeOut> {
    for (const [version, schema] of Object.entries(input.schemas)) {
      if (!/^\d+$/.test(version)) {
        throw new HookportError('validation', 'Schema versions are whole numbers', [
          { field: `schemas.${version}`, message: 'event-type-schema-version' },
        ]);
      }
      try {
        compileAlone(schema);
      } catch (error) {
        throw new HookportError('validation', `schemas.${version} is not a valid JSON Schema`, [
          { field: `schemas.${version}`, message: (error as Error).message },
        ]);
      }
    }
    const data: EventTypeV1 = {
      ...input,
      example:
        input.example !== undefined
          ? input.example
          : exampleFromSchema(newestSchema(input.schemas)),
    };
    try {
      await this.db.transaction(async (sql) => {
        const [stored] = await this.store.append(
          sql,
          `event-type:${data.name}`,
          expectedVersion,
          [{ type, data }],
          {
            applicationId: null,
            actor: actorOf(principal),
          },
        );
        await projectEventType(sql, data, stored!);
      });
    } catch (error) {
      if (error instanceof StreamVersionConflict) {
        throw new HookportError(
          'conflict',
          expectedVersion === 0
            ? `The event type "${data.name}" already exists`
            : `The event type "${data.name}" changed meanwhile; read it and retry`,
        );
      }
      throw error;
    }
    return (await findEventType(this.db, data.name))!.eventType;
  }
}
