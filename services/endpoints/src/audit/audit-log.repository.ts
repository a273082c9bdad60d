import type { Actor } from '@hookport/contracts';
import type { Sql } from '@hookport/platform';

export interface AuditEventRow {
  position: string;
  event_id: string;
  type: string;
  stream_id: string;
  actor: Actor;
  data: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Up to `limit` of the application's events before the `before` position, newest first,
 * signing secrets left out; with `only`, the application's own and those endpoints' alone.
 */
export const listAuditEvents = async (
  sql: Sql,
  appId: string,
  before: number | null,
  limit: number,
  only: readonly string[] | null,
): Promise<AuditEventRow[]> => {
  // The position is compared and ordered as the number it is (as text, 10 sorts before 9).
  const { rows } = await sql.query<AuditEventRow>(
    `SELECT e.global_position::text AS position, e.event_id, e.type, e.stream_id, e.actor,
            e.data - 'secrets' AS data, e.occurred_at
       FROM endpoints.events e
      WHERE e.application_id = $1 AND ($2::bigint IS NULL OR e.global_position < $2)
        ${only ? 'AND (e.stream_id = $1 OR e.stream_id = ANY($4))' : ''}
      ORDER BY e.global_position DESC LIMIT $3`,
    only ? [appId, before, limit, only] : [appId, before, limit],
  );
  return rows;
};
