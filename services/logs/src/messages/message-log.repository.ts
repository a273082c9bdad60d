import type { ListResponse, PortalMessageRow } from '@hookport/contracts';
import { HookportError, type Sql } from '@hookport/platform';
import { keysetOf, keysetPage } from './keyset';
import type { ListMessagesQuery } from './list-messages.query';
import { likePatternOf } from './search';

interface Row {
  id: string;
  event_type: string;
  event_id: string | null;
  created_at: Date;
  deliveries: {
    endpointId: string;
    status: PortalMessageRow['deliveries'][number]['status'];
    attempts: number;
    lastResponseStatus: number | null;
    lastAttemptAt: string | null;
  }[];
}

// Each message's deliveries as a JSON array, newest state per endpoint.
const DELIVERIES_JSON = `COALESCE(
  (SELECT json_agg(json_build_object(
            'endpointId', d.endpoint_id, 'status', d.status, 'attempts', d.attempts,
            'lastResponseStatus', d.last_response_status, 'lastAttemptAt', d.last_attempt_at)
          ORDER BY d.endpoint_id)
     FROM logs.deliveries d WHERE d.message_id = m.id),
  '[]')`;

// json_build_object renders timestamps in Postgres' format: answer ISO 8601 like everywhere else.
const normalizeDelivery = (delivery: Row['deliveries'][number]) => ({
  ...delivery,
  lastAttemptAt: delivery.lastAttemptAt ? new Date(delivery.lastAttemptAt).toISOString() : null,
});

/** A page of an application's delivery log, newest first, filtered, by keyset (never OFFSET). */
export const listMessages = async (
  sql: Sql,
  appId: string,
  query: ListMessagesQuery,
): Promise<ListResponse<PortalMessageRow>> => {
  if (query.before && query.after && query.after >= query.before)
    throw new HookportError('validation', '"after" must be earlier than "before"', [
      { field: 'after', message: 'after must be earlier than before' },
    ]);
  const keyset = keysetOf(query.iterator);
  // Only the filters in use go into the statement: `$n IS NULL OR ...` for absent ones would
  // keep Postgres from using the right index once it caches a generic plan.
  const params: unknown[] = [appId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = ['m.app_id = $1'];
  if (keyset.cursor !== null)
    where.push(`m.id ${keyset.backward ? '>' : '<'} ${param(keyset.cursor)}`);
  if (query.eventType) where.push(`m.event_type = ${param(query.eventType)}`);
  if (query.before) where.push(`m.created_at < ${param(query.before)}`);
  if (query.after) where.push(`m.created_at > ${param(query.after)}`);
  if (query.search) {
    const term = param(query.search);
    const like = likePatternOf(query.search);
    where.push(
      `(m.id = ${term} OR m.event_id = ${term}${like ? ` OR m.payload ILIKE ${param(like)}` : ''})`,
    );
  }
  const delivery: string[] = [];
  if (query.endpointId) delivery.push(`d.endpoint_id = ${param(query.endpointId)}`);
  if (query.status) delivery.push(`d.status = ${param(query.status)}`);
  if (query.statusCodeClass) {
    const low = Number(query.statusCodeClass[0]) * 100;
    delivery.push(
      `d.last_response_status >= ${param(low)} AND d.last_response_status < ${low + 100}`,
    );
  }
  if (delivery.length > 0)
    where.push(`m.id IN (SELECT d.message_id FROM logs.deliveries d
                          WHERE d.app_id = $1 AND ${delivery.join(' AND ')})`);
  const { rows } = await sql.query<Row>(
    `SELECT m.id, m.event_type, m.event_id, m.created_at, ${DELIVERIES_JSON} AS deliveries
       FROM logs.messages m
      WHERE ${where.join(' AND ')}
      ORDER BY m.id ${keyset.order}
      LIMIT ${param(query.limit + 1)}`,
    params,
  );
  const page = keysetPage(rows, query.limit, keyset);
  return {
    ...page,
    data: page.data.map((row) => ({
      id: row.id,
      eventType: row.event_type,
      eventId: row.event_id,
      timestamp: row.created_at.toISOString(),
      deliveries: row.deliveries.map(normalizeDelivery),
    })),
  };
};

interface AttemptRow {
  id: string;
  endpoint_id: string;
  attempt_number: number;
  trigger: string;
  url: string;
  request_headers: Record<string, string>;
  response_status: number | null;
  response_headers: Record<string, string>;
  response_body: string;
  duration_ms: number;
  error_class: string | null;
  error_message: string | null;
  succeeded: boolean;
  attempted_at: Date;
}

/** One message of an application with its payload, deliveries and every attempt. */
export const findMessageDetail = async (sql: Sql, appId: string, messageId: string) => {
  const { rows } = await sql.query<{
    id: string;
    event_type: string;
    event_id: string | null;
    payload: string;
    channels: string[] | null;
    tags: string[] | null;
    created_at: Date;
  }>('SELECT * FROM logs.messages WHERE app_id = $1 AND id = $2', [appId, messageId]);
  const message = rows[0];
  if (!message) return null;
  const attempts = await sql.query<AttemptRow>(
    'SELECT * FROM logs.attempts WHERE message_id = $1 AND app_id = $2 ORDER BY id',
    [messageId, appId],
  );
  const page = await listMessagesById(sql, appId, messageId);
  return {
    id: message.id,
    eventType: message.event_type,
    eventId: message.event_id,
    payload: JSON.parse(message.payload) as unknown,
    channels: message.channels,
    tags: message.tags,
    timestamp: message.created_at.toISOString(),
    deliveries: page?.deliveries ?? [],
    attempts: attempts.rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      attemptNumber: row.attempt_number,
      trigger: row.trigger,
      url: row.url,
      requestHeaders: row.request_headers,
      responseStatus: row.response_status,
      responseHeaders: row.response_headers,
      responseBody: row.response_body,
      durationMs: row.duration_ms,
      errorClass: row.error_class,
      errorMessage: row.error_message,
      succeeded: row.succeeded,
      timestamp: row.attempted_at.toISOString(),
    })),
  };
};

const listMessagesById = async (sql: Sql, appId: string, messageId: string) => {
  const { rows } = await sql.query<Row>(
    `SELECT m.id, m.event_type, m.event_id, m.created_at, ${DELIVERIES_JSON} AS deliveries
       FROM logs.messages m WHERE m.app_id = $1 AND m.id = $2`,
    [appId, messageId],
  );
  return rows[0] ? { deliveries: rows[0].deliveries.map(normalizeDelivery) } : null;
};
