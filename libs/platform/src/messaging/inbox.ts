import type { EventEnvelope } from '@hookport/contracts';
import type { Sql } from '../database/database';

/**
 * Idempotent consumption: records which events `consumer` handled, inside the handler's own
 * transaction, and returns only those it has not handled before. A redelivered batch (after a
 * crash before the offset commit) changes nothing.
 */
export const claimUnhandled = async <T extends EventEnvelope>(
  sql: Sql,
  schema: string,
  consumer: string,
  events: T[],
): Promise<T[]> => {
  if (events.length === 0) return [];
  const { rows } = await sql.query<{ event_id: string }>(
    `INSERT INTO ${schema}.consumed_events (consumer, event_id)
     SELECT $1, unnest($2::text[])
     ON CONFLICT DO NOTHING
     RETURNING event_id`,
    [consumer, events.map((event) => event.id)],
    { prepare: true },
  );
  const fresh = new Set(rows.map((row) => row.event_id));
  return events.filter((event) => fresh.has(event.id));
};
