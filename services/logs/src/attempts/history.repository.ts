import { HookportError, keysetPage, keysetWindow, type Sql } from '@hookport/platform';
import { appOrder } from '../messages/message-log.repository';
import { likePatternOf, searchCondition } from '../messages/search';
import type { AttemptQuery, HistoryQuery } from '@hookport/api-schema';

/** Svix's `MessageOut`. */
export interface SvixMessageOut {
  id: string;
  eventId: string | null;
  eventType: string;
  payload: unknown;
  channels: string[] | null;
  tags: string[] | null;
  timestamp: string;
}

/** Svix's `MessageAttemptOut`: status 0 success, 2 fail; triggerType 0 scheduled, 1 manual. */
export interface SvixAttemptOut {
  id: string;
  msgId: string;
  endpointId: string;
  url: string;
  response: string;
  responseStatusCode: number;
  responseDurationMs: number;
  status: 0 | 1 | 2;
  statusText: 'success' | 'pending' | 'fail';
  triggerType: 0 | 1;
  timestamp: string;
  /** Hookport additions: why an attempt failed without an answer, and a test send's marker. */
  errorClass: string | null;
  trigger: string;
}

const checkWindow = (query: HistoryQuery) => {
  if (query.before && query.after && query.after >= query.before) {
    throw new HookportError('validation', '"after" must be earlier than "before"', [
      { field: 'after', message: 'history-window-reversed' },
    ]);
  }
};

interface MessageRow {
  id: string;
  event_id: string | null;
  event_type: string;
  payload: string;
  channels: string[] | null;
  tags: string[] | null;
  created_at: Date;
}

const toMessageOut = (row: MessageRow): SvixMessageOut => ({
  id: row.id,
  eventId: row.event_id,
  eventType: row.event_type,
  payload: JSON.parse(row.payload) as unknown,
  channels: row.channels,
  tags: row.tags,
  timestamp: row.created_at.toISOString(),
});

/** An application's messages, newest first by keyset on the (time-sortable) id. */
export const listMessagesOut = async (sql: Sql, appId: string, query: HistoryQuery) => {
  checkWindow(query);
  const window = keysetWindow('descending', query.iterator);
  const { rows } = await sql.query<MessageRow>(
    `SELECT id, event_id, event_type, payload, channels, tags, created_at FROM logs.messages m
      WHERE app_id = $1 AND ($2::text IS NULL OR m.id ${window.comparison} $2)
        AND ($3::timestamptz IS NULL OR created_at < $3) AND ($4::timestamptz IS NULL OR created_at > $4)
        AND ($5::text[] IS NULL OR event_type = ANY($5)) AND ($6::text IS NULL OR $6 = ANY(channels))
        AND ($7::text IS NULL OR $7 = ANY(tags)) AND ${searchCondition('m', '$9', '$10')}
      ORDER BY ${appOrder('m', window.direction)} LIMIT $8`,
    [
      appId,
      window.cursor,
      query.before ?? null,
      query.after ?? null,
      query.event_types ?? null,
      query.channel ?? null,
      query.tag ?? null,
      query.limit + 1,
      query.search ?? null,
      likePatternOf(query.search),
    ],
  );
  return keysetPage(rows, query.limit, window, (row) => row.id, toMessageOut);
};

/** One message by its id or, as Svix's `msg/{msg_id}` allows, by the operator's `eventId`. */
export const findMessageOut = async (sql: Sql, appId: string, idOrEventId: string) => {
  const { rows } = await sql.query<MessageRow>(
    `SELECT id, event_id, event_type, payload, channels, tags, created_at FROM logs.messages
      WHERE app_id = $1 AND (id = $2 OR event_id = $2)
      ORDER BY id = $2 DESC LIMIT 1`,
    [appId, idOrEventId],
  );
  return rows[0] ? toMessageOut(rows[0]) : null;
};

/** Svix's `EndpointMessageOut`: a message sent to one endpoint, with that delivery's state. */
export interface SvixEndpointMessageOut extends SvixMessageOut {
  status: SvixStatus;
  statusText: SvixStatusText;
  nextAttempt: string | null;
}

// A delivery's state in Svix's terms: retrying counts as pending, as on Svix. Svix's 3
// (sending) is a delivery in flight, which the log does not see: it matches none here.
const SVIX_STATUS = {
  succeeded: [0, 'success'],
  failed: [2, 'fail'],
  pending: [1, 'pending'],
  retrying: [1, 'pending'],
  canceled: [4, 'canceled'],
} as const;
type SvixStatus = (typeof SVIX_STATUS)[keyof typeof SVIX_STATUS][0];
type SvixStatusText = (typeof SVIX_STATUS)[keyof typeof SVIX_STATUS][1];
const STATUSES_OF_SVIX: Record<number, string[]> = {
  0: ['succeeded'],
  1: ['pending', 'retrying'],
  2: ['failed'],
  3: [],
  4: ['canceled'],
};

/**
 * The messages sent to one endpoint (Svix's "attempted messages"), newest first by keyset on
 * the message id, each with its delivery's state; filters as the message list's, plus status.
 */
export const listAttemptedMessages = async (
  sql: Sql,
  appId: string,
  endpointId: string,
  query: AttemptQuery,
) => {
  checkWindow(query);
  const window = keysetWindow('descending', query.iterator);
  const { rows } = await sql.query<
    MessageRow & { status: keyof typeof SVIX_STATUS; next_attempt_at: Date | null }
  >(
    `SELECT m.id, m.event_id, m.event_type, m.payload, m.channels, m.tags, m.created_at,
            d.status, d.next_attempt_at
       FROM logs.deliveries d JOIN logs.messages m ON m.app_id = d.app_id AND m.id = d.message_id
      WHERE d.app_id = $1 AND d.endpoint_id = $2 AND ($3::text IS NULL OR d.message_id ${window.comparison} $3)
        AND ($4::timestamptz IS NULL OR d.message_at < $4) AND ($5::timestamptz IS NULL OR d.message_at > $5)
        AND ($6::text[] IS NULL OR d.event_type = ANY($6)) AND ($7::text IS NULL OR $7 = ANY(m.channels))
        AND ($8::text IS NULL OR $8 = ANY(m.tags)) AND ($9::text[] IS NULL OR d.status = ANY($9))
      ORDER BY d.app_id, d.endpoint_id, d.message_id ${window.direction} LIMIT $10`,
    [
      appId,
      endpointId,
      window.cursor,
      query.before ?? null,
      query.after ?? null,
      query.event_types ?? null,
      query.channel ?? null,
      query.tag ?? null,
      query.status === undefined ? null : STATUSES_OF_SVIX[query.status],
      query.limit + 1,
    ],
  );
  return keysetPage(
    rows,
    query.limit,
    window,
    (row) => row.id,
    (row): SvixEndpointMessageOut => {
      const [status, statusText] = SVIX_STATUS[row.status];
      return {
        ...toMessageOut(row),
        status,
        statusText,
        nextAttempt: row.next_attempt_at?.toISOString() ?? null,
      };
    },
  );
};

interface AttemptRow {
  id: string;
  message_id: string;
  endpoint_id: string;
  url: string;
  response_body: string;
  response_status: number | null;
  duration_ms: number;
  succeeded: boolean;
  trigger: string;
  error_class: string | null;
  attempted_at: Date;
}

const toAttemptOut = (row: AttemptRow): SvixAttemptOut => ({
  id: row.id,
  msgId: row.message_id,
  endpointId: row.endpoint_id,
  url: row.url,
  response: row.response_body,
  // Svix reports 0 when no HTTP answer came (timeout, refused, SSRF-blocked).
  responseStatusCode: row.response_status ?? 0,
  responseDurationMs: row.duration_ms,
  status: row.succeeded ? 0 : 2,
  statusText: row.succeeded ? 'success' : 'fail',
  triggerType: row.trigger === 'manual' ? 1 : 0,
  timestamp: row.attempted_at.toISOString(),
  errorClass: row.error_class,
  trigger: row.trigger,
});

const ATTEMPT_COLUMNS =
  'a.id, a.message_id, a.endpoint_id, a.url, a.response_body, a.response_status, a.duration_ms, a.succeeded, a.trigger, a.error_class, a.attempted_at';

/**
 * Attempts of an application by endpoint or by message, newest first, filtered (by their
 * message's event type, channel and tag too).
 */
export const listAttempts = async (
  sql: Sql,
  appId: string,
  by: { endpointId: string } | { messageId: string },
  query: AttemptQuery,
) => {
  checkWindow(query);
  const codeClass = query.status_code_class;
  const window = keysetWindow('descending', query.iterator);
  const { rows } = await sql.query<AttemptRow>(
    `SELECT ${ATTEMPT_COLUMNS} FROM logs.attempts a
      WHERE a.app_id = $1
        AND ($2::text IS NULL OR a.endpoint_id = $2) AND ($3::text IS NULL OR a.message_id = $3)
        AND ($4::text IS NULL OR a.id ${window.comparison} $4)
        AND ($5::timestamptz IS NULL OR a.attempted_at < $5) AND ($6::timestamptz IS NULL OR a.attempted_at > $6)
        AND ($7::int IS NULL OR ($7 = 0 AND a.succeeded) OR ($7 = 2 AND NOT a.succeeded))
        AND ($8::int IS NULL OR ($8 = 0 AND a.response_status IS NULL) OR (a.response_status / 100) * 100 = $8)
        AND (($9::text[] IS NULL AND $11::text IS NULL AND $12::text IS NULL) OR EXISTS (
              SELECT 1 FROM logs.messages m
               WHERE m.app_id = a.app_id AND m.id = a.message_id
                 AND ($9::text[] IS NULL OR m.event_type = ANY($9))
                 AND ($11::text IS NULL OR $11 = ANY(m.channels))
                 AND ($12::text IS NULL OR $12 = ANY(m.tags))))
      ORDER BY a.id ${window.direction} LIMIT $10`,
    [
      appId,
      'endpointId' in by ? by.endpointId : null,
      'messageId' in by ? by.messageId : null,
      window.cursor,
      query.before ?? null,
      query.after ?? null,
      // Recorded attempts only succeeded or failed: 1, 3 and 4 (pending, sending, canceled)
      // match none.
      query.status === undefined || query.status === 0 || query.status === 2
        ? (query.status ?? null)
        : -1,
      codeClass ?? null,
      query.event_types ?? null,
      query.limit + 1,
      query.channel ?? null,
      query.tag ?? null,
    ],
  );
  return keysetPage(rows, query.limit, window, (row) => row.id, toAttemptOut);
};

export const findAttempt = async (
  sql: Sql,
  appId: string,
  messageId: string,
  attemptId: string,
) => {
  const { rows } = await sql.query<AttemptRow>(
    `SELECT ${ATTEMPT_COLUMNS} FROM logs.attempts a WHERE a.app_id = $1 AND a.message_id = $2 AND a.id = $3`,
    [appId, messageId, attemptId],
  );
  return rows[0] ? toAttemptOut(rows[0]) : null;
};

/** One delivery of a message as Svix's attempted destinations list it, before the endpoint. */
export interface MessageDestination {
  endpointId: string;
  status: SvixStatus;
  statusText: SvixStatusText;
  nextAttempt: string | null;
}

/** The endpoints a message went to (Svix's attempted destinations), by endpoint id ascending. */
export const listMessageDestinations = async (
  sql: Sql,
  appId: string,
  idOrEventId: string,
  page: { limit: number; iterator?: string },
) => {
  const message = await findMessageOut(sql, appId, idOrEventId);
  if (!message) return null;
  const { rows } = await sql.query<{
    endpoint_id: string;
    status: keyof typeof SVIX_STATUS;
    next_attempt_at: Date | null;
  }>(
    `SELECT endpoint_id, status, next_attempt_at FROM logs.deliveries
      WHERE app_id = $1 AND message_id = $2 AND ($3::text IS NULL OR endpoint_id > $3)
      ORDER BY endpoint_id LIMIT $4`,
    [appId, message.id, page.iterator ?? null, page.limit + 1],
  );
  const data = rows.slice(0, page.limit).map((row): MessageDestination => {
    const [status, statusText] = SVIX_STATUS[row.status];
    return {
      endpointId: row.endpoint_id,
      status,
      statusText,
      nextAttempt: row.next_attempt_at?.toISOString() ?? null,
    };
  });
  const done = rows.length <= page.limit;
  return {
    data,
    iterator: done ? null : (data.at(-1)?.endpointId ?? null),
    prevIterator: null,
    done,
  };
};
