import type { ListResponse, PortalMessageRow } from '@hookport/contracts';
import { HookportError, type Sql } from '@hookport/platform';
import { keysetOf, keysetPage } from './keyset';
import type { ListMessagesQuery } from './list-messages.query';
import { likePatternOf, searchCondition } from './search';

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
  const codeClass = query.statusCodeClass ? Number(query.statusCodeClass[0]) * 100 : null;
  const { rows } = await sql.query<Row>(
    `SELECT m.id, m.event_type, m.event_id, m.created_at,
            ${DELIVERIES_JSON} AS deliveries
       FROM logs.messages m
      WHERE m.app_id = $1 AND ${keyset.condition('m.id', '$2')}
        AND ($4::text IS NULL OR m.event_type = $4)
        AND ($5::timestamptz IS NULL OR m.created_at < $5)
        AND ($6::timestamptz IS NULL OR m.created_at > $6)
        AND ${searchCondition('m', '$7', '$8')}
        AND ($9::text IS NULL AND $10::text IS NULL AND $11::int IS NULL OR EXISTS (
              SELECT 1 FROM logs.deliveries d
               WHERE d.message_id = m.id
                 AND ($9::text IS NULL OR d.endpoint_id = $9)
                 AND ($10::text IS NULL OR d.status = $10)
                 AND ($11::int IS NULL OR d.last_response_status / 100 * 100 = $11)))
      ORDER BY m.id ${keyset.order}
      LIMIT $3`,
    [
      appId,
      keyset.cursor,
      query.limit + 1,
      query.eventType ?? null,
      query.before ?? null,
      query.after ?? null,
      query.search ?? null,
      likePatternOf(query.search),
      query.endpointId ?? null,
      query.status ?? null,
      codeClass,
    ],
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
