import type { Sql } from '@hookport/platform';

/**
 * Messages whose own payload retention (Svix's `payloadRetentionPeriod`/`Hours`) has lapsed and
 * whose payload is still there, soonest due first.
 */
export const findLapsedPayloads = async (
  sql: Sql,
  now: Date,
  limit: number,
): Promise<{ id: string; app_id: string }[]> => {
  const { rows } = await sql.query<{ id: string; app_id: string }>(
    `SELECT id, app_id FROM delivery.messages
      WHERE payload_expires_at <= $1 AND expunged_at IS NULL
      ORDER BY payload_expires_at LIMIT $2`,
    [now, limit],
  );
  return rows;
};
