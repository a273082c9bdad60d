import { Inject, Injectable } from '@nestjs/common';
import {
  CONSUMER_GROUPS,
  EXPUNGED_PAYLOAD,
  EXPUNGED_RESPONSE,
  TOPICS,
  type AttemptContentExpungedV1,
  type DeliveryAttemptedV1,
  type DeliveryRequeuedV1,
  type EndpointCircuitChangedV1,
  type EndpointHealthChangedV1,
  type EventEnvelope,
  type MessageAcceptedV1,
  type MessageContentExpungedV1,
} from '@hookport/contracts';
import {
  Database,
  hookportHeaderNames,
  SecretBox,
  sealHeaderValues,
  type ConsumedBatch,
  type Sql,
} from '@hookport/platform';
import { bucketOf, emptyHistogram } from '../stats/latency-histogram';

/** One delivery (message x endpoint) as a map key. */
const deliveryKey = (messageId: string, endpointId: string) => `${messageId} ${endpointId}`;

/**
 * Projects messages and delivery attempts into the read models the portal and the management
 * API query. Idempotent without an inbox: every write is keyed by what it reflects (a message
 * or attempt id inserted once, stats counted only for a newly inserted attempt, a delivery or
 * endpoint row moved only to a newer attempt or event), so a redelivered batch, or the same
 * batch applied by a rebuild beside the running service, changes nothing.
 */
@Injectable()
export class DeliveryHistoryProjection {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  get subscription() {
    return {
      groupId: CONSUMER_GROUPS.logsProjection,
      topics: [TOPICS.delivery],
      fromBeginning: true,
      handle: (batch: ConsumedBatch) => this.handle(batch.events),
    };
  }

  /**
   * Applies a batch in one transaction, a statement per kind of row rather than per event:
   * messages, then their deliveries, then attempts with their stats and delivery states. Those
   * commute (a delivery row only moves to a newer attempt), so they are applied together; a
   * resend or an expunge does not, so the batch is cut into runs at each one and the runs
   * applied in order.
   */
  async handle(events: EventEnvelope[]): Promise<void> {
    await this.db.transaction(async (sql) => {
      let run: EventEnvelope[] = [];
      for (const event of events) {
        if (event.type === 'delivery.requeued') {
          await this.applyRun(sql, run);
          run = [];
          await this.onRequeued(sql, event as EventEnvelope<string, DeliveryRequeuedV1>);
        } else if (event.type === 'message.content-expunged') {
          await this.applyRun(sql, run);
          run = [];
          await this.onMessageExpunged(sql, event.data as MessageContentExpungedV1);
        } else if (event.type === 'attempt.content-expunged') {
          await this.applyRun(sql, run);
          run = [];
          await this.onAttemptExpunged(sql, event.data as AttemptContentExpungedV1);
        } else {
          run.push(event);
        }
      }
      await this.applyRun(sql, run);
    });
  }

  private async applyRun(sql: Sql, events: EventEnvelope[]): Promise<void> {
    const accepted: EventEnvelope<string, MessageAcceptedV1>[] = [];
    const attempted: EventEnvelope<string, DeliveryAttemptedV1>[] = [];
    for (const event of events) {
      if (event.type === 'message.accepted') {
        accepted.push(event as EventEnvelope<string, MessageAcceptedV1>);
      } else if (event.type === 'delivery.attempted') {
        attempted.push(event as EventEnvelope<string, DeliveryAttemptedV1>);
      } else if (event.type === 'endpoint.circuit-changed') {
        await this.onCircuitChanged(sql, event as EventEnvelope<string, EndpointCircuitChangedV1>);
      } else if (event.type === 'endpoint.health-changed') {
        await this.onHealthChanged(sql, event as EventEnvelope<string, EndpointHealthChangedV1>);
      }
    }
    await this.insertMessages(sql, accepted);
    const fresh = await this.insertAttempts(sql, attempted);
    // A delivery attempted in this run is written once, in its attempted state, by
    // advanceDeliveries: written pending first, then updated, its row and its four indexes took
    // twice the writes (under load a message and its first attempts mostly share a batch).
    const attemptedNow = new Set(fresh.map((data) => deliveryKey(data.messageId, data.endpointId)));
    await this.insertPendingDeliveries(
      sql,
      accepted.flatMap((event) =>
        event.data.endpointIds
          .filter((endpointId) => !attemptedNow.has(deliveryKey(event.data.messageId, endpointId)))
          .map((endpointId) => ({ event, endpointId })),
      ),
    );
    await this.countAttempts(sql, fresh);
    await this.advanceDeliveries(sql, fresh);
  }

  private async insertMessages(
    sql: Sql,
    events: EventEnvelope<string, MessageAcceptedV1>[],
  ): Promise<void> {
    if (events.length === 0) return;
    await sql.query(
      `INSERT INTO logs.messages (id, app_id, event_type, event_id, payload, channels, tags, created_at, position)
       SELECT m.id, m.app_id, m.event_type, m.event_id, m.payload,
              CASE WHEN m.channels IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(m.channels)) END,
              CASE WHEN m.tags IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(m.tags)) END,
              m.created_at, m.position
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
                     $7::jsonb[], $8::timestamptz[], $9::bigint[])
           AS m(id, app_id, event_type, event_id, payload, channels, tags, created_at, position)
       ON CONFLICT (app_id, id) DO NOTHING`,
      [
        events.map((event) => event.data.messageId),
        events.map((event) => event.data.appId),
        events.map((event) => event.data.eventType),
        events.map((event) => event.data.eventId),
        events.map((event) => event.data.payload),
        events.map((event) => (event.data.channels ? JSON.stringify(event.data.channels) : null)),
        events.map((event) => (event.data.tags ? JSON.stringify(event.data.tags) : null)),
        events.map((event) => event.occurredAt),
        events.map((event) => event.globalPosition),
      ],
      { prepare: true },
    );
  }

  /**
   * A message's deliveries, pending. A delivery carries its message's type and time (the
   * delivery log filters on them); a row an attempt wrote before its message came gets them.
   */
  private async insertPendingDeliveries(
    sql: Sql,
    deliveries: { event: EventEnvelope<string, MessageAcceptedV1>; endpointId: string }[],
  ): Promise<void> {
    if (deliveries.length === 0) return;
    await sql.query(
      `INSERT INTO logs.deliveries AS d (message_id, endpoint_id, app_id, status, event_type, message_at)
       SELECT message_id, endpoint_id, app_id, 'pending', event_type, message_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
           AS n(message_id, endpoint_id, app_id, event_type, message_at)
       ON CONFLICT (message_id, endpoint_id) DO UPDATE
         SET event_type = EXCLUDED.event_type, message_at = EXCLUDED.message_at
       WHERE d.event_type IS NULL`,
      [
        deliveries.map(({ event }) => event.data.messageId),
        deliveries.map(({ endpointId }) => endpointId),
        deliveries.map(({ event }) => event.data.appId),
        deliveries.map(({ event }) => event.data.eventType),
        deliveries.map(({ event }) => event.occurredAt),
      ],
      { prepare: true },
    );
  }

  /** Inserts the attempts and returns those that are new (a replayed one inserts nothing). */
  private async insertAttempts(
    sql: Sql,
    events: EventEnvelope<string, DeliveryAttemptedV1>[],
  ): Promise<DeliveryAttemptedV1[]> {
    if (events.length === 0) return [];
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO logs.attempts
         (id, message_id, endpoint_id, app_id, attempt_number, trigger, url, request_headers,
          response_status, response_headers, response_body, duration_ms, error_class, error_message,
          succeeded, attempted_at, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[],
                            $7::text[], $8::jsonb[], $9::int[], $10::jsonb[], $11::text[], $12::int[],
                            $13::text[], $14::text[], $15::boolean[], $16::timestamptz[], $17::bigint[])
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        events.map(({ data }) => data.attemptId),
        events.map(({ data }) => data.messageId),
        events.map(({ data }) => data.endpointId),
        events.map(({ data }) => data.appId),
        events.map(({ data }) => data.attemptNumber),
        events.map(({ data }) => data.trigger),
        events.map(({ data }) => data.url),
        // Sealed here too: a replay (rebuild) or an older release's event may carry them clear.
        events.map(({ data }) =>
          JSON.stringify(sealHeaderValues(this.box, data.requestHeaders, hookportHeaderNames)),
        ),
        events.map(({ data }) => data.responseStatus),
        events.map(({ data }) => JSON.stringify(data.responseHeaders)),
        events.map(({ data }) => data.responseBody),
        events.map(({ data }) => data.durationMs),
        events.map(({ data }) => data.errorClass),
        events.map(({ data }) => data.errorMessage),
        events.map(({ data }) => data.succeeded),
        events.map(({ data }) => data.attemptedAt),
        events.map((event) => event.globalPosition),
      ],
      { prepare: true },
    );
    // Counted and applied once: only attempts whose row is new.
    const isNew = new Set(inserted.rows.map((row) => row.id));
    return events.map(({ data }) => data).filter((data) => isNew.has(data.attemptId));
  }

  /** Adds attempts to their endpoint's per-minute stats, one row per endpoint and minute. */
  private async countAttempts(sql: Sql, attempts: DeliveryAttemptedV1[]): Promise<void> {
    const rows = new Map<
      string,
      {
        endpointId: string;
        appId: string;
        bucket: string;
        succeeded: number;
        failed: number;
        latency: number[];
        minMs: number;
        maxMs: number;
      }
    >();
    for (const attempt of attempts) {
      const minute = new Date(attempt.attemptedAt);
      minute.setUTCSeconds(0, 0);
      const bucket = minute.toISOString();
      const key = `${attempt.endpointId} ${bucket}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          endpointId: attempt.endpointId,
          appId: attempt.appId,
          bucket,
          succeeded: 0,
          failed: 0,
          latency: emptyHistogram(),
          minMs: attempt.durationMs,
          maxMs: attempt.durationMs,
        };
        rows.set(key, row);
      }
      row.minMs = Math.min(row.minMs, attempt.durationMs);
      row.maxMs = Math.max(row.maxMs, attempt.durationMs);
      if (attempt.succeeded) row.succeeded += 1;
      else row.failed += 1;
      row.latency[bucketOf(attempt.durationMs)]! += 1;
    }
    if (rows.size === 0) return;
    const all = [...rows.values()];
    await sql.query(
      `INSERT INTO logs.endpoint_stats AS s
              (endpoint_id, app_id, bucket, succeeded, failed, latency, min_ms, max_ms)
       SELECT endpoint_id, app_id, bucket, succeeded, failed, latency::int[], min_ms, max_ms
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::text[],
                     $7::int[], $8::int[])
           AS n(endpoint_id, app_id, bucket, succeeded, failed, latency, min_ms, max_ms)
       ON CONFLICT (endpoint_id, bucket) DO UPDATE SET
         succeeded = s.succeeded + EXCLUDED.succeeded,
         failed = s.failed + EXCLUDED.failed,
         latency = ARRAY(SELECT a + b FROM unnest(s.latency, EXCLUDED.latency) AS t(a, b)),
         min_ms = LEAST(s.min_ms, EXCLUDED.min_ms),
         max_ms = GREATEST(s.max_ms, EXCLUDED.max_ms)`,
      [
        all.map((row) => row.endpointId),
        all.map((row) => row.appId),
        all.map((row) => row.bucket),
        all.map((row) => row.succeeded),
        all.map((row) => row.failed),
        all.map((row) => `{${row.latency.join(',')}}`),
        all.map((row) => row.minMs),
        all.map((row) => row.maxMs),
      ],
      { prepare: true },
    );
  }

  /**
   * Moves each delivery to its newest attempt. Attempts of one delivery can arrive out of order
   * across restarts, so the newest (highest attempt number, the later one on a tie) wins, both
   * among this batch's attempts and against the row.
   */
  private async advanceDeliveries(sql: Sql, attempts: DeliveryAttemptedV1[]): Promise<void> {
    const newest = new Map<
      string,
      { attempt: DeliveryAttemptedV1; count: number; lastAt: string }
    >();
    for (const attempt of attempts) {
      const key = deliveryKey(attempt.messageId, attempt.endpointId);
      const seen = newest.get(key);
      if (!seen) {
        newest.set(key, { attempt, count: 1, lastAt: attempt.attemptedAt });
        continue;
      }
      seen.count += 1;
      if (new Date(attempt.attemptedAt) > new Date(seen.lastAt)) seen.lastAt = attempt.attemptedAt;
      if (attempt.attemptNumber >= seen.attempt.attemptNumber) seen.attempt = attempt;
    }
    if (newest.size === 0) return;
    const all = [...newest.values()];
    await sql.query(
      `INSERT INTO logs.deliveries AS d
         (message_id, endpoint_id, app_id, status, attempts, last_response_status, last_attempt_at,
          next_attempt_at, last_attempt_number, event_type, message_at)
       SELECT n.message_id, n.endpoint_id, n.app_id, n.status, n.attempts, n.last_response_status,
              n.last_attempt_at, n.next_attempt_at, n.last_attempt_number, m.event_type, m.created_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[],
                     $7::timestamptz[], $8::timestamptz[], $9::int[])
           AS n(message_id, endpoint_id, app_id, status, attempts, last_response_status,
                last_attempt_at, next_attempt_at, last_attempt_number)
         LEFT JOIN logs.messages m ON m.app_id = n.app_id AND m.id = n.message_id
       ON CONFLICT (message_id, endpoint_id) DO UPDATE SET
         attempts = d.attempts + EXCLUDED.attempts,
         -- A row an earlier attempt wrote before its message came gets the message's type and
         -- time from a later one (its message's pending row is not written when attempted).
         event_type = COALESCE(d.event_type, EXCLUDED.event_type),
         message_at = COALESCE(d.message_at, EXCLUDED.message_at),
         -- A delivery canceled by an expunge while its attempt was in flight stays canceled.
         status = CASE WHEN d.status = 'canceled' AND EXCLUDED.status = 'retrying' THEN 'canceled'
                       WHEN EXCLUDED.last_attempt_number >= d.last_attempt_number THEN EXCLUDED.status ELSE d.status END,
         last_response_status = CASE WHEN EXCLUDED.last_attempt_number >= d.last_attempt_number THEN EXCLUDED.last_response_status ELSE d.last_response_status END,
         last_attempt_at = GREATEST(d.last_attempt_at, EXCLUDED.last_attempt_at),
         next_attempt_at = CASE WHEN EXCLUDED.last_attempt_number >= d.last_attempt_number THEN EXCLUDED.next_attempt_at ELSE d.next_attempt_at END,
         last_attempt_number = GREATEST(d.last_attempt_number, EXCLUDED.last_attempt_number)`,
      [
        all.map(({ attempt }) => attempt.messageId),
        all.map(({ attempt }) => attempt.endpointId),
        all.map(({ attempt }) => attempt.appId),
        all.map(({ attempt }) => attempt.deliveryStatus),
        all.map(({ count }) => count),
        all.map(({ attempt }) => attempt.responseStatus),
        all.map(({ lastAt }) => lastAt),
        all.map(({ attempt }) => attempt.nextAttemptAt),
        all.map(({ attempt }) => attempt.attemptNumber),
      ],
      { prepare: true },
    );
  }

  /** A resend puts the delivery back to pending, unless an attempt newer than it already ran. */
  private async onRequeued(sql: Sql, event: EventEnvelope<string, DeliveryRequeuedV1>) {
    const data = event.data;
    await sql.query(
      `INSERT INTO logs.deliveries AS d (message_id, endpoint_id, app_id, status, event_type, message_at)
       SELECT $1, $2, $3, 'pending', m.event_type, m.created_at
         FROM (SELECT 1) one
         LEFT JOIN logs.messages m ON m.app_id = $3 AND m.id = $1
       ON CONFLICT (message_id, endpoint_id) DO UPDATE SET status = 'pending', next_attempt_at = $4
       WHERE d.last_attempt_at IS NULL OR d.last_attempt_at <= $4`,
      [data.messageId, data.endpointId, data.appId, data.requestedAt],
      { prepare: true },
    );
  }

  /** The payload is gone from the log too (Svix's placeholder instead); unsent ones canceled. */
  private async onMessageExpunged(sql: Sql, data: MessageContentExpungedV1) {
    await sql.query(`UPDATE logs.messages SET payload = $3 WHERE app_id = $1 AND id = $2`, [
      data.appId,
      data.messageId,
      EXPUNGED_PAYLOAD,
    ]);
    await sql.query(
      `UPDATE logs.deliveries SET status = 'canceled', next_attempt_at = NULL
        WHERE message_id = $1 AND app_id = $2 AND status IN ('pending', 'retrying')`,
      [data.messageId, data.appId],
    );
  }

  private async onAttemptExpunged(sql: Sql, data: AttemptContentExpungedV1) {
    await sql.query(`UPDATE logs.attempts SET response_body = $3 WHERE id = $1 AND app_id = $2`, [
      data.attemptId,
      data.appId,
      EXPUNGED_RESPONSE,
    ]);
  }

  private async onCircuitChanged(sql: Sql, event: EventEnvelope<string, EndpointCircuitChangedV1>) {
    const data = event.data;
    await sql.query(
      `INSERT INTO logs.endpoint_health AS h
         (endpoint_id, app_id, circuit_state, next_probe_at, consecutive_failures, circuit_position, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (endpoint_id) DO UPDATE SET
         circuit_state = EXCLUDED.circuit_state, next_probe_at = EXCLUDED.next_probe_at,
         consecutive_failures = EXCLUDED.consecutive_failures,
         circuit_position = EXCLUDED.circuit_position, updated_at = EXCLUDED.updated_at
       WHERE h.circuit_position < EXCLUDED.circuit_position`,
      [
        data.endpointId,
        data.appId,
        data.state,
        data.nextProbeAt,
        data.consecutiveFailures,
        event.globalPosition,
        data.changedAt,
      ],
      { prepare: true },
    );
  }

  private async onHealthChanged(sql: Sql, event: EventEnvelope<string, EndpointHealthChangedV1>) {
    const data = event.data;
    await sql.query(
      `INSERT INTO logs.endpoint_health AS h
         (endpoint_id, app_id, health, health_reason, health_position, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (endpoint_id) DO UPDATE SET
         health = EXCLUDED.health, health_reason = EXCLUDED.health_reason,
         health_position = EXCLUDED.health_position, updated_at = EXCLUDED.updated_at
       WHERE h.health_position < EXCLUDED.health_position`,
      [data.endpointId, data.appId, data.health, data.reason, event.globalPosition, data.changedAt],
      { prepare: true },
    );
  }
}
