import { EXPUNGED_PAYLOAD, EXPUNGED_RESPONSE } from '@hookport/contracts';
import type { Sql } from '@hookport/platform';

/** The messages of one endpoint's recover or replay: sent since a time and before `until`. */
export interface ControlWindow {
  appId: string;
  endpointId: string;
  since: Date;
  until: Date | null;
}

/** A message of the application, for a resend: whether its content was expunged; null if none. */
export const findMessageToResend = async (
  sql: Sql,
  appId: string,
  messageId: string,
): Promise<{ isExpunged: boolean } | null> => {
  const { rows } = await sql.query<{ id: string; expunged_at: Date | null }>(
    'SELECT id, expunged_at FROM delivery.messages WHERE id = $1 AND app_id = $2',
    [messageId, appId],
  );
  return rows[0] ? { isExpunged: rows[0].expunged_at !== null } : null;
};

/**
 * Queues the message to the endpoint now, as a manual attempt; false when an attempt in flight
 * holds the delivery's lease (requeueing under it would be overwritten by its outcome).
 */
export const requeueDelivery = async (
  sql: Sql,
  appId: string,
  messageId: string,
  endpointId: string,
): Promise<boolean> => {
  const queued = await sql.query(
    `INSERT INTO delivery.deliveries (message_id, endpoint_id, app_id, status, next_attempt_at, trigger)
     VALUES ($1, $2, $3, 'pending', now(), 'manual')
     ON CONFLICT (message_id, endpoint_id) DO UPDATE
       SET status = 'pending', next_attempt_at = now(), trigger = 'manual', updated_at = now()
     WHERE delivery.deliveries.lease_until IS NULL OR delivery.deliveries.lease_until < now()
     RETURNING message_id`,
    [messageId, endpointId, appId],
  );
  return queued.rowCount > 0;
};

// The window's deliveries in one status, their content not expunged: `$1`..`$4` are the
// window's application, endpoint, since and until.
const deliveriesInWindow = (status: 'failed' | 'retrying') => `FROM delivery.deliveries d
       JOIN delivery.messages m ON m.id = d.message_id
       WHERE d.app_id = $1 AND d.endpoint_id = $2 AND d.status = '${status}'
         AND m.expunged_at IS NULL
         AND m.created_at >= $3 AND ($4::timestamptz IS NULL OR m.created_at < $4)`;

const windowParams = (window: ControlWindow) => [
  window.appId,
  window.endpointId,
  window.since,
  window.until,
];

/** How many failed deliveries the window holds, counted up to `cap`. */
export const countFailedInWindow = async (
  sql: Sql,
  window: ControlWindow,
  cap: number,
): Promise<number> => {
  const { rows } = await sql.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM (SELECT 1 ${deliveriesInWindow('failed')} LIMIT $5) capped`,
    [...windowParams(window), cap],
  );
  return rows[0]?.count ?? 0;
};

/** How many deliveries of the window are still on their retry schedule, and the next due. */
export const retryingInWindow = async (
  sql: Sql,
  window: ControlWindow,
): Promise<{ count: number; nextAt: Date | null }> => {
  const { rows } = await sql.query<{ count: number; next: Date | null }>(
    `SELECT count(*)::int AS count, min(d.next_attempt_at) AS next ${deliveriesInWindow('retrying')}`,
    windowParams(window),
  );
  return { count: rows[0]?.count ?? 0, nextAt: rows[0]?.next ?? null };
};

/**
 * Puts up to `limit` failed deliveries of the window back in the queue as manual attempts, now
 * (not those an attempt in flight holds); returns their messages' ids.
 */
export const requeueFailedInWindow = async (
  sql: Sql,
  window: ControlWindow,
  limit: number,
): Promise<string[]> => {
  const { rows } = await sql.query<{ message_id: string }>(
    `UPDATE delivery.deliveries AS q
        SET status = 'pending', next_attempt_at = now(), trigger = 'manual', updated_at = now()
      WHERE (q.message_id, q.endpoint_id) IN (
              SELECT d.message_id, d.endpoint_id ${deliveriesInWindow('failed')}
               ORDER BY d.message_id LIMIT ${limit})
        AND (q.lease_until IS NULL OR q.lease_until < now())
      RETURNING q.message_id`,
    windowParams(window),
  );
  return rows.map((row) => row.message_id);
};

/**
 * Up to `limit` messages of the window that the endpoint never had a delivery of, oldest
 * first: neither expunged nor test sends (a test send was meant for its one endpoint).
 */
export const findMessagesToReplay = async (
  sql: Sql,
  window: ControlWindow,
  limit: number,
): Promise<{ id: string; event_type: string; channels: string[] | null }[]> => {
  const { rows } = await sql.query<{ id: string; event_type: string; channels: string[] | null }>(
    `SELECT m.id, m.event_type, m.channels FROM delivery.messages m
      WHERE m.app_id = $1 AND m.created_at >= $3 AND ($4::timestamptz IS NULL OR m.created_at < $4)
        AND m.expunged_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM delivery.deliveries t
                         WHERE t.message_id = m.id AND t.trigger = 'test')
        AND NOT EXISTS (SELECT 1 FROM delivery.deliveries d
                         WHERE d.message_id = m.id AND d.endpoint_id = $2)
      ORDER BY m.id LIMIT $5`,
    [...windowParams(window), limit],
  );
  return rows;
};

/** Queues the messages to the endpoint now, as manual attempts; an existing delivery stays. */
export const queueReplays = async (
  sql: Sql,
  appId: string,
  endpointId: string,
  messageIds: string[],
): Promise<void> => {
  await sql.query(
    `INSERT INTO delivery.deliveries (message_id, endpoint_id, app_id, status, next_attempt_at, trigger)
     SELECT id, $2, $3, 'pending', now(), 'manual' FROM unnest($1::text[]) AS m(id)
     ON CONFLICT (message_id, endpoint_id) DO NOTHING`,
    [messageIds, endpointId, appId],
  );
};

/** The id of the application's message by its id or event id, locked for an expunge. */
export const lockMessageId = async (
  sql: Sql,
  appId: string,
  idOrEventId: string,
): Promise<string | null> => {
  const { rows } = await sql.query<{ id: string }>(
    `SELECT id FROM delivery.messages WHERE app_id = $1 AND (id = $2 OR event_id = $2)
      ORDER BY id = $2 DESC LIMIT 1 FOR UPDATE`,
    [appId, idOrEventId],
  );
  return rows[0]?.id ?? null;
};

/**
 * Clears a message's payload from its row and its `message.accepted` event, and cancels its
 * deliveries not yet sent. An attempt in flight holds its lease and finishes; its outcome keeps
 * the cancel.
 */
export const expungeMessageContent = async (sql: Sql, messageId: string): Promise<void> => {
  await sql.query(
    `UPDATE delivery.messages SET payload = $2, expunged_at = COALESCE(expunged_at, now())
      WHERE id = $1`,
    [messageId, EXPUNGED_PAYLOAD],
  );
  await sql.query(
    `UPDATE delivery.events SET data = jsonb_set(data, '{payload}', to_jsonb($2::text))
      WHERE stream_id = $1 AND type = 'message.accepted'`,
    [messageId, EXPUNGED_PAYLOAD],
  );
  await sql.query(
    `UPDATE delivery.deliveries SET status = 'canceled', updated_at = now()
      WHERE message_id = $1 AND status IN ('pending', 'retrying')`,
    [messageId],
  );
};

/**
 * Clears an attempt's response body from its `delivery.attempted` event, which is on its
 * delivery's stream (message:endpoint); false when the message has no such attempt.
 */
export const expungeAttemptResponse = async (
  sql: Sql,
  messageId: string,
  attemptId: string,
): Promise<boolean> => {
  const { rowCount } = await sql.query(
    `UPDATE delivery.events SET data = jsonb_set(data, '{responseBody}', to_jsonb($3::text))
      WHERE stream_id IN (SELECT message_id || ':' || endpoint_id FROM delivery.deliveries
                           WHERE message_id = $1)
        AND type = 'delivery.attempted' AND data->>'attemptId' = $2`,
    [messageId, attemptId, EXPUNGED_RESPONSE],
  );
  return rowCount > 0;
};
