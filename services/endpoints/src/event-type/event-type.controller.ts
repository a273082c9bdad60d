import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Database, HookportError, type Principal } from '@hookport/platform';
import {
  EventTypeImportIn,
  EventTypeIn,
  EventTypeListQuery,
  EventTypePatch,
} from '@hookport/api-schema';
import { isIdOrUid } from '@hookport/contracts';
import { findEventType, listEventTypes } from './event-type.repository';
import { EventTypeWriter } from './event-type.writer';
import type { EventTypeOut } from '@hookport/api-schema';

const notFound = (name: string) => new HookportError('notFound', `Event type ${name} not found`);

/** Internal routes behind the gateway's `/api/v1/event-type` and the portal's catalogue. */
@Controller('internal/event-types')
export class EventTypeController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventTypeWriter) private readonly writer: EventTypeWriter,
  ) {}

  /** Creates it; as on Svix, creating an archived one restores it with the body's fields. */
  @Post()
  @HttpCode(201)
  async create(@Body() body: EventTypeIn, @CurrentPrincipal() principal: Principal) {
    const found = await findEventType(this.db, body.name);
    if (found?.eventType.archived) {
      const { name: _name, ...fields } = body;
      return this.change(body.name, { ...fields, archived: false }, principal, 'replace');
    }
    return this.createNamed(body.name, body, principal);
  }

  /** The whole catalogue, archived types included, in the shape `import` takes. */
  @Get('export')
  async export(): Promise<{ eventTypes: EventTypeOut[] }> {
    const eventTypes: EventTypeOut[] = [];
    let iterator: string | undefined;
    for (;;) {
      const page = await listEventTypes(this.db, 250, iterator, true);
      eventTypes.push(...page.data);
      if (page.done || !page.iterator) return { eventTypes };
      iterator = page.iterator;
    }
  }

  /** Creates each event type, or replaces it when it exists (each one its own event). */
  @Post('import')
  @HttpCode(200)
  async import(@Body() body: EventTypeImportIn, @CurrentPrincipal() principal: Principal) {
    let created = 0;
    let updated = 0;
    for (const type of body.eventTypes) {
      const existing = await findEventType(this.db, type.name);
      const data = {
        name: type.name,
        description: type.description ?? '',
        groupName: type.groupName ?? null,
        schemas: type.schemas ?? {},
        example: type.example,
        deprecated: type.deprecated ?? false,
        archived: type.archived ?? false,
      };
      if (existing) {
        await this.writer.write('event-type.updated', data, existing.version, principal);
        updated += 1;
      } else {
        await this.writer.write('event-type.created', data, 0, principal);
        created += 1;
      }
    }
    return { created, updated };
  }

  @Get()
  list(@Query() query: EventTypeListQuery) {
    return listEventTypes(
      this.db,
      query.limit,
      query.iterator,
      query.include_archived === 'true',
      query.order,
    );
  }

  /** The event type with its schemas and example (used for test sends). */
  @Get(':name')
  async get(@Param('name') name: string) {
    const found = await findEventType(this.db, name);
    if (!found) throw notFound(name);
    return found.eventType;
  }

  @Patch(':name')
  patch(
    @Param('name') name: string,
    @Body() body: EventTypePatch,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.change(name, body, principal, 'patch');
  }

  /** Archives the event type (Svix's delete); archiving twice changes nothing more. */
  @Delete(':name')
  @HttpCode(204)
  async archive(@Param('name') name: string, @CurrentPrincipal() principal: Principal) {
    const found = await findEventType(this.db, name);
    if (!found) throw notFound(name);
    if (found.eventType.archived) return;
    await this.change(name, { archived: true }, principal, 'patch');
  }

  /** Replaces the event type, or creates it when absent (201), as Svix's upsert does. */
  @Put(':name')
  async put(
    @Param('name') name: string,
    @Body() body: EventTypePatch,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (await findEventType(this.db, name)) return this.change(name, body, principal, 'replace');
    // An event type's name has the alphabet and length of a uid.
    if (!isIdOrUid(name))
      throw new HookportError('validation', 'Invalid event type name', [
        {
          field: 'name',
          message: 'name may contain letters, digits, ".", "_" and "-"',
          in: 'path',
        },
      ]);
    void reply.status(201);
    return this.createNamed(name, body, principal);
  }

  private async change(
    name: string,
    body: EventTypePatch,
    principal: Principal,
    mode: 'patch' | 'replace',
  ) {
    const found = await findEventType(this.db, name);
    if (!found) throw notFound(name);
    const current = found.eventType;
    const base =
      mode === 'patch'
        ? current
        : {
            ...current,
            description: '',
            groupName: null,
            schemas: {},
            example: undefined,
            deprecated: false,
            archived: false,
          };
    const given = Object.fromEntries(
      Object.entries(body).filter(([, value]) => value !== undefined),
    );
    const next = { ...base, ...given };
    return this.writer.write(
      'event-type.updated',
      {
        name,
        description: next.description,
        groupName: next.groupName ?? null,
        schemas: next.schemas ?? {},
        // A new schema without a new example gets a new derived example.
        example: 'example' in given || !('schemas' in given) ? next.example : undefined,
        deprecated: next.deprecated,
        archived: next.archived,
      },
      found.version,
      principal,
    );
  }

  /** A new event type: what the body leaves out takes its default. */
  private createNamed(name: string, body: EventTypePatch, principal: Principal) {
    return this.writer.write(
      'event-type.created',
      {
        name,
        description: body.description ?? '',
        groupName: body.groupName ?? null,
        schemas: body.schemas ?? {},
        example: body.example,
        deprecated: body.deprecated ?? false,
        archived: body.archived ?? false,
      },
      0,
      principal,
    );
  }
}
