import { idFloorAt, type ListResponse } from '@hookport/contracts';
import {
  endpointRestrictionOf,
  headersFor,
  HookportError,
  keysetPage,
  keysetWindow,
  type Principal,
  type SecretBox,
  type Sql,
} from '@hookport/platform';
import type { ListMessagesQuery } from '@hookport/api-schema';
import { likePatternOf } from './search';
import type { MessageLogRowOut } from '@hookport/api-schema';

interface Row {
  id: string;
  event_type: string;
  event_id: string | null;
  created_at: Date;
  deliveries: {
    endpointId: string;
    status: MessageLogRowOut['deliveries'][number]['status'];
    attempts: number;
    lastResponseStatus: number | null;
    lastAttemptAt: string | null;
    nextAttemptAt: string | null;
  }[];
}

// Each message's deliveries as a JSON array, newest state per endpoint; only the endpoints in
// `only` (a parameter holding an array) when the reader is restricted to some.
const deliveriesJson = (only: string | null) => `COALESCE(
  (SELECT json_agg(json_build_object(
            'endpointId', d.endpoint_id, 'status', d.status, 'attempts', d.attempts,
            'lastResponseStatus', d.last_response_status, 'lastAttemptAt', d.last_attempt_at,
            'nextAttemptAt', CASE WHEN d.status IN ('pending', 'retrying') THEN d.next_attempt_at END)
          ORDER BY d.endpoint_id)
     FROM logs.deliveries d WHERE d.message_id = m.id${only ? ` AND d.endpoint_id = ANY(${only})` : ''}),
  '[]')`;

// json_build_object renders timestamps in Postgres' format: answer ISO 8601 like everywhere else.
const normalizeDelivery = (delivery: Row['deliveries'][number]) => ({
  ...delivery,
  lastAttemptAt: delivery.lastAttemptAt ? new Date(delivery.lastAttemptAt).toISOString() : null,
  nextAttemptAt: delivery.nextAttemptAt ? new Date(delivery.nextAttemptAt).toISOString() : null,
});

/**
 * `ORDER BY` for one application's rows by id: naming the (constant) application first makes
 * Postgres walk the (app_id, id) index, never the primary key with a filter, which is slow
 * when other applications' rows are the newest.
 */
export const appOrder = (alias: string, order: 'ASC' | 'DESC') =>
  order === 'DESC' ? `${alias}.app_id, ${alias}.id DESC` : `${alias}.app_id DESC, ${alias}.id ASC`;

/**
 * A page of an application's delivery log, newest first, filtered, by keyset (never OFFSET).
 * A reader restricted to some endpoints sees only messages sent to them, and only their
 * deliveries.
 */
export const listMessages = async (
  sql: Sql,
  appId: string,
  query: ListMessagesQuery,
  only: readonly string[] | null,
): Promise<ListResponse<MessageLogRowOut>> => {
  if (query.before && query.after && query.after >= query.before)
    throw new HookportError('validation', '"after" must be earlier than "before"', [
      { field: 'after', message: 'after must be earlier than before' },
    ]);
  const window = keysetWindow('descending', query.iterator);
  // Only the filters in use go into the statement: `$n IS NULL OR ...` for absent ones would
  // keep Postgres from using the right index once it caches a generic plan.
  const params: unknown[] = [appId];
  const param = (value: unknown) => `$${params.push(value)}`;

  const delivery: string[] = [];
  const onlyParam = only ? param(only) : null;
  if (onlyParam) delivery.push(`d.endpoint_id = ANY(${onlyParam})`);
  if (query.endpointId) delivery.push(`d.endpoint_id = ${param(query.endpointId)}`);
  if (query.status) {
    delivery.push(`d.status = ${param(query.status)}`);
    // Spelled out so that even a generic plan may use the index of unsettled deliveries.
    if (query.status !== 'succeeded') delivery.push(`d.status <> 'succeeded'`);
  }
  if (query.statusCodeClass) {
    const low = Number(query.statusCodeClass[0]) * 100;
    delivery.push(
      `d.last_response_status >= ${param(low)} AND d.last_response_status < ${low + 100}`,
    );
    // A delivery answered 4xx or 5xx has not succeeded: its index is the small one.
    if (low >= 400) delivery.push(`d.status <> 'succeeded'`);
  }
  // With delivery filters, the walk is over deliveries, which carry their message's id, event
  // type and time: every filter is tested in the index walk, and messages are joined for the
  // page only (search, which needs the payload, is the exception). Without, over messages.
  const overDeliveries = delivery.length > 0;
  const column = overDeliveries
    ? { id: 'd.message_id', eventType: 'd.event_type', at: 'd.message_at' }
    : { id: 'm.id', eventType: 'm.event_type', at: 'm.created_at' };
  const where = overDeliveries ? ['d.app_id = $1', ...delivery] : ['m.app_id = $1'];
  if (window.cursor !== null)
    where.push(`${column.id} ${window.comparison} ${param(window.cursor)}`);
  if (query.eventType) where.push(`${column.eventType} = ${param(query.eventType)}`);
  // Ids sort by creation time: a bound on the id (a minute of slack for clock skew between the
  // services and Postgres) starts the index walk near the time asked for.
  if (query.before) {
    where.push(`${column.at} < ${param(query.before)}`);
    where.push(
      `${column.id} < ${param(idFloorAt('message', new Date(query.before.getTime() + 60_000)))}`,
    );
  }
  if (query.after) {
    where.push(`${column.at} > ${param(query.after)}`);
    where.push(
      `${column.id} >= ${param(idFloorAt('message', new Date(query.after.getTime() - 60_000)))}`,
    );
  }
  const searching = Boolean(query.search);
  if (query.search) {
    const term = param(query.search);
    const like = likePatternOf(query.search);
    where.push(
      `(m.id = ${term} OR m.event_id = ${term}${like ? ` OR m.payload ILIKE ${param(like)}` : ''})`,
    );
  }
  const statement = overDeliveries
    ? `SELECT m.id, m.event_type, m.event_id, m.created_at, ${deliveriesJson(onlyParam)} AS deliveries
         FROM (SELECT DISTINCT ON (d.message_id) d.message_id
                 FROM logs.deliveries d
                 ${searching ? 'JOIN logs.messages m ON m.app_id = d.app_id AND m.id = d.message_id' : ''}
                WHERE ${where.join(' AND ')}
                ORDER BY d.message_id ${window.direction}
                LIMIT ${param(query.limit + 1)}) hit
         JOIN logs.messages m ON m.app_id = $1 AND m.id = hit.message_id
        ORDER BY m.id ${window.direction}`
    : `SELECT m.id, m.event_type, m.event_id, m.created_at, ${deliveriesJson(null)} AS deliveries
         FROM logs.messages m
        WHERE ${where.join(' AND ')}
        ORDER BY ${appOrder('m', window.direction)}
        LIMIT ${param(query.limit + 1)}`;
  const { rows } = await sql.query<Row>(statement, params);
  return keysetPage(
    rows,
    query.limit,
    window,
    (row) => row.id,
    (row) => ({
      id: row.id,
      eventType: row.event_type,
      eventId: row.event_id,
      timestamp: row.created_at.toISOString(),
      deliveries: row.deliveries.map(normalizeDelivery),
    }),
  );
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

/**
 * One message of an application with its payload, deliveries and every attempt. A reader
 * restricted to some endpoints sees only a message sent to one of them (any other is missing),
 * with only their deliveries and attempts; header values only with the right to read secrets.
 */
export const findMessageDetail = async (
  sql: Sql,
  appId: string,
  messageId: string,
  principal: Principal,
  box: SecretBox,
) => {
  const only = endpointRestrictionOf(principal);
  const { rows } = await sql.query<{
    id: string;
    event_type: string;
    event_id: string | null;
    payload: string;
    channels: string[] | null;
    tags: string[] | null;
    created_at: Date;
    deliveries: Row['deliveries'];
  }>(
    `SELECT m.*, ${deliveriesJson(only ? '$3' : null)} AS deliveries
       FROM logs.messages m WHERE m.app_id = $1 AND m.id = $2`,
    only ? [appId, messageId, only] : [appId, messageId],
  );
  const message = rows[0];
  if (!message || (only && message.deliveries.length === 0)) return null;
  const attempts = await sql.query<AttemptRow>(
    `SELECT * FROM logs.attempts WHERE message_id = $1 AND app_id = $2
        ${only ? 'AND endpoint_id = ANY($3)' : ''} ORDER BY id`,
    only ? [messageId, appId, only] : [messageId, appId],
  );
  return {
    id: message.id,
    eventType: message.event_type,
    eventId: message.event_id,
    payload: JSON.parse(message.payload) as unknown,
    channels: message.channels,
    tags: message.tags,
    timestamp: message.created_at.toISOString(),
    deliveries: message.deliveries.map(normalizeDelivery),
    attempts: attempts.rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      attemptNumber: row.attempt_number,
      trigger: row.trigger,
      url: row.url,
      requestHeaders: headersFor(principal, row.request_headers, box, {
        keepHookportHeaders: true,
      }),
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
