import type { Actor, EventEnvelope } from '@hookport/contracts';
import { newId } from '@hookport/contracts';
import { isUniqueViolation, type Sql } from '../database/database';
import { StatementParameters } from '../database/statement-parameters';

export interface NewEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  schemaVersion?: number;
}

export interface StreamAppend<E extends NewEvent = NewEvent> {
  streamId: string;
  expectedVersion: number;
  events: E[];
  context: AppendContext;
}

export interface AppendContext {
  applicationId: string | null;
  actor: Actor;
  correlationId?: string | null;
  causationId?: string | null;
}

/** Thrown when another writer appended to the stream first: surfaced as 409. */
export class StreamVersionConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} is no longer at version ${expectedVersion}`);
  }
}

interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_position: number;
  application_id: string | null;
  type: string;
  schema_version: number;
  data: unknown;
  actor: Actor;
  correlation_id: string | null;
  causation_id: string | null;
  occurred_at: Date | string;
}

/** What Postgres assigned to an appended event: the rows of the `appended` CTE. */
export interface AssignedRow {
  event_id: string;
  global_position: string;
  occurred_at: Date | string;
}

/**
 * An append as part of a larger statement, so that a whole write (events and the rows they
 * project) is one round trip. `ctes` defines `appended` (the assigned rows) and `relay_woken`;
 * the statement must select from both (`SELECT appended.* FROM appended, relay_woken`).
 */
export interface AppendParts {
  ctes: string;
  /** Nothing to append: no parameters were bound, and `ctes` must not be used. */
  isEmpty: boolean;
  /**
   * The envelopes, from the `appended` rows the statement returned on `sql`; the store's
   * commit listeners (the outbox relay) hear of them once `sql` has committed.
   */
  envelopes(assigned: AssignedRow[], sql: Sql): EventEnvelope[];
  /** For a statement that returns no `appended` rows: the relay hears once `sql` commits. */
  announce(sql: Sql): void;
}

export const toEnvelope = (row: EventRow): EventEnvelope => ({
  id: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  streamId: row.stream_id,
  streamPosition: row.stream_position,
  globalPosition: String(row.global_position),
  applicationId: row.application_id,
  occurredAt: new Date(row.occurred_at).toISOString(),
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  actor: row.actor,
  data: row.data,
});

export const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_position, application_id, type, schema_version, data, actor, correlation_id, causation_id, occurred_at';

/**
 * Append-only event store of one service schema. Appends run inside the caller's transaction, so
 * the current-state tables it projects commit or roll back together with the events. Typed by
 * the owning service's events, `EventOf<its event map>`: only its types, each with its payload,
 * can be appended (untyped only in tests of the store itself).
 */
export class EventStore<E extends NewEvent = NewEvent> {
  private readonly commitListeners: {
    listener: () => void;
    types: ReadonlySet<string> | null;
  }[] = [];

  constructor(readonly schema: string) {}

  /**
   * `listener` runs after each commit that appended events in this process (with `types`, only
   * events of those types): the outbox relay publishes at once instead of waiting for Postgres'
   * NOTIFY, the dispatcher claims what a requeue queued. No writer wakes either by hand.
   */
  onCommitted(listener: () => void, types?: readonly string[]): void {
    this.commitListeners.push({ listener, types: types ? new Set(types) : null });
  }

  private notifyCommitted(appended: ReadonlySet<string>): void {
    for (const { listener, types } of this.commitListeners) {
      if (!types || [...appended].some((type) => types.has(type))) listener();
    }
  }

  /**
   * Appends events to a stream expected to be at `expectedVersion` (0 for a new stream).
   * A concurrent writer makes the insert hit the (stream_id, stream_position) key: conflict.
   */
  async append(
    sql: Sql,
    streamId: string,
    expectedVersion: number,
    events: E[],
    context: AppendContext,
  ): Promise<EventEnvelope[]> {
    return this.appendMany(sql, [{ streamId, expectedVersion, events, context }]);
  }

  /**
   * Appends to many streams in one statement, the batched form the hot paths use. The same
   * statement wakes the outbox relay (NOTIFY is delivered at commit); it returns only what
   * Postgres assigned (position, time), so the envelopes carry each event's data as given
   * rather than a copy of the payload read back.
   */
  async appendMany(sql: Sql, appends: StreamAppend<E>[]): Promise<EventEnvelope[]> {
    const params = new StatementParameters();
    const parts = this.appendParts(appends, params);
    if (parts.isEmpty) return [];
    try {
      const result = await sql.query<AssignedRow>(
        `WITH ${parts.ctes} SELECT appended.* FROM appended, relay_woken`,
        params.values,
        { prepare: true },
      );
      return parts.envelopes(result.rows, sql);
    } catch (error) {
      throw this.conflictOr(error, appends);
    }
  }

  /**
   * The statement parts of an append (see AppendParts), its parameters bound to `params`, the
   * statement's; none when there is nothing to append.
   */
  appendParts(appends: StreamAppend<E>[], params: StatementParameters): AppendParts {
    const rows = appends.flatMap((item) =>
      item.events.map((event, index) => ({
        eventId: newId('event'),
        streamId: item.streamId,
        position: item.expectedVersion + index + 1,
        applicationId: item.context.applicationId,
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: event.data,
        actor: item.context.actor,
        correlationId: item.context.correlationId ?? null,
        causationId: item.context.causationId ?? null,
      })),
    );
    const appendedTypes = new Set(rows.map((row) => row.type));
    const announce = (sql: Sql) => sql.afterCommit(() => this.notifyCommitted(appendedTypes));
    if (rows.length === 0) {
      return { ctes: '', isEmpty: true, envelopes: () => [], announce: () => undefined };
    }
    const $ = params.bind([
      rows.map((row) => row.eventId),
      rows.map((row) => row.streamId),
      rows.map((row) => row.position),
      rows.map((row) => row.applicationId),
      rows.map((row) => row.type),
      rows.map((row) => row.schemaVersion),
      rows.map((row) => JSON.stringify(row.data)),
      rows.map((row) => JSON.stringify(row.actor)),
      rows.map((row) => row.correlationId),
      rows.map((row) => row.causationId),
      this.notifyChannel,
    ]);
    return {
      ctes: `appended AS (
           INSERT INTO ${this.schema}.events
             (event_id, stream_id, stream_position, application_id, type, schema_version, data, actor, correlation_id, causation_id)
           SELECT * FROM unnest(${$(1)}::text[], ${$(2)}::text[], ${$(3)}::int[], ${$(4)}::text[], ${$(5)}::text[], ${$(6)}::int[],
                                ${$(7)}::jsonb[], ${$(8)}::jsonb[], ${$(9)}::text[], ${$(10)}::text[])
           RETURNING event_id, global_position, occurred_at
         ), relay_woken AS (SELECT pg_notify(${$(11)}, ''))`,
      isEmpty: false,
      announce,
      envelopes: (assignedRows, sql) => {
        announce(sql);
        const assigned = new Map(assignedRows.map((row) => [row.event_id, row]));
        return rows.map((row) => {
          const { global_position, occurred_at } = assigned.get(row.eventId)!;
          return {
            id: row.eventId,
            type: row.type,
            schemaVersion: row.schemaVersion,
            streamId: row.streamId,
            streamPosition: row.position,
            globalPosition: String(global_position),
            applicationId: row.applicationId,
            occurredAt: new Date(occurred_at).toISOString(),
            correlationId: row.correlationId,
            causationId: row.causationId,
            actor: row.actor,
            data: row.data,
          };
        });
      },
    };
  }

  /** A unique violation of an append is another writer's append: StreamVersionConflict. */
  conflictOr(error: unknown, appends: StreamAppend<E>[]): unknown {
    if (!isUniqueViolation(error)) return error;
    const first = appends[0]!;
    return new StreamVersionConflict(first.streamId, first.expectedVersion);
  }

  async readStream(sql: Sql, streamId: string): Promise<EventEnvelope[]> {
    const result = await sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.schema}.events WHERE stream_id = $1 ORDER BY stream_position`,
      [streamId],
    );
    return result.rows.map((row) => toEnvelope(row));
  }

  /** The NOTIFY channel that wakes this schema's outbox relay. */
  get notifyChannel(): string {
    return `${this.schema}_events`;
  }
}
