import type { DeliveryStatus } from '@hookport/contracts';
import type { Sql } from '@hookport/platform';
import type { DeliveryStateOut, MessageOut } from '@hookport/api-schema';

interface MessageRow {
  id: string;
  event_type: string;
  event_id: string | null;
  payload: string;
  channels: string[] | null;
  tags: string[] | null;
  created_at: Date;
}

export const toMessageOut = (row: MessageRow): MessageOut => ({
  id: row.id,
  eventId: row.event_id,
  eventType: row.event_type,
  payload: JSON.parse(row.payload) as unknown,
  channels: row.channels,
  tags: row.tags,
  timestamp: row.created_at.toISOString(),
});

/** One message by its id or, as Svix's `msg/{msg_id}` allows, by the operator's `eventId`. */
export const findMessage = async (
  sql: Sql,
  appId: string,
  idOrEventId: string,
): Promise<MessageOut | null> => {
  const { rows } = await sql.query<MessageRow>(
    `SELECT * FROM delivery.messages WHERE app_id = $1 AND (id = $2 OR event_id = $2)
      ORDER BY id = $2 DESC LIMIT 1`,
    [appId, idOrEventId],
  );
  return rows[0] ? toMessageOut(rows[0]) : null;
};

/**
 * The state of each of a message's deliveries as delivery holds it, by endpoint. Attempts are
 * counted when leased, so one in flight counts; delivery keeps no response, the log does.
 */
export const findDeliveryStates = async (
  sql: Sql,
  appId: string,
  messageId: string,
): Promise<DeliveryStateOut[]> => {
  const { rows } = await sql.query<{
    endpoint_id: string;
    status: DeliveryStatus;
    attempts: number;
    updated_at: Date;
    next_attempt_at: Date | null;
  }>(
    `SELECT endpoint_id, status, attempts, updated_at, next_attempt_at FROM delivery.deliveries
      WHERE message_id = $1 AND app_id = $2 ORDER BY endpoint_id`,
    [messageId, appId],
  );
  return rows.map((row) => ({
    endpointId: row.endpoint_id,
    status: row.status,
    attempts: row.attempts,
    lastResponseStatus: null,
    lastAttemptAt: row.status === 'pending' ? null : row.updated_at.toISOString(),
    nextAttemptAt:
      row.status === 'pending' || row.status === 'retrying'
        ? (row.next_attempt_at?.toISOString() ?? null)
        : null,
  }));
};

/** The message an idempotency key of the application answers with, within its window. */
export const findIdempotencyKey = async (
  sql: Sql,
  appId: string,
  key: string,
  windowSeconds: number,
): Promise<{ requestHash: string; messageId: string } | null> => {
  const { rows } = await sql.query<{ request_hash: string; message_id: string }>(
    `SELECT request_hash, message_id FROM delivery.idempotency_keys
      WHERE app_id = $1 AND key = $2 AND created_at > now() - make_interval(secs => $3)`,
    [appId, key, windowSeconds],
  );
  const row = rows[0];
  return row ? { requestHash: row.request_hash, messageId: row.message_id } : null;
};

/** Forgets the application's idempotency key once past its window; false if none was. */
export const deleteExpiredIdempotencyKey = async (
  sql: Sql,
  appId: string,
  key: string,
  windowSeconds: number,
): Promise<boolean> => {
  const { rowCount } = await sql.query(
    `DELETE FROM delivery.idempotency_keys
      WHERE app_id = $1 AND key = $2 AND created_at <= now() - make_interval(secs => $3)`,
    [appId, key, windowSeconds],
  );
  return rowCount > 0;
};
