import { Inject, Injectable } from '@nestjs/common';
import {
  CONSUMER_GROUPS,
  TOPICS,
  type DeliveryAttemptedV1,
  type DeliveryRequeuedV1,
  type EndpointCircuitChangedV1,
  type EndpointHealthChangedV1,
  type EventEnvelope,
  type MessageAcceptedV1,
} from '@hookport/contracts';
import { claimUnhandled, Database, type ConsumedBatch, type Sql } from '@hookport/platform';
import { bucketOf, emptyHistogram } from '../stats/latency-histogram';

/**
 * Projects messages and delivery attempts into the read models the portal and the management
 * API query. Idempotent: each event is applied once, and a delivery row only moves forward.
 */
@Injectable()
export class DeliveryHistoryProjection {
  static readonly consumer = 'delivery-history';

  constructor(@Inject(Database) private readonly db: Database) {}

  get subscription() {
    return {
      groupId: CONSUMER_GROUPS.logsProjection,
      topics: [TOPICS.delivery],
      fromBeginning: true,
      handle: (batch: ConsumedBatch) => this.handle(batch.events),
    };
  }

  async handle(events: EventEnvelope[]): Promise<void> {
    await this.db.transaction(async (sql) => {
      const fresh = await claimUnhandled(sql, 'logs', DeliveryHistoryProjection.consumer, events);
      for (const event of fresh) {
        if (event.type === 'message.accepted') {
          await this.onMessageAccepted(sql, event as EventEnvelope<string, MessageAcceptedV1>);
        } else if (event.type === 'delivery.attempted') {
          await this.onAttempt(sql, event as EventEnvelope<string, DeliveryAttemptedV1>);
        } else if (event.type === 'delivery.requeued') {
          await this.onRequeued(sql, event as EventEnvelope<string, DeliveryRequeuedV1>);
        } else if (event.type === 'endpoint.circuit-changed') {
          await this.onCircuitChanged(
            sql,
            event as EventEnvelope<string, EndpointCircuitChangedV1>,
          );
        } else if (event.type === 'endpoint.health-changed') {
          await this.onHealthChanged(sql, event as EventEnvelope<string, EndpointHealthChangedV1>);
        }
      }
    });
  }

  private async onMessageAccepted(sql: Sql, event: EventEnvelope<string, MessageAcceptedV1>) {
    const data = event.data;
    await sql.query(
      `INSERT INTO logs.messages (id, app_id, event_type, event_id, payload, channels, tags, created_at, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (app_id, id) DO NOTHING`,
      [
        data.messageId,
        data.appId,
        data.eventType,
        data.eventId,
        data.payload,
        data.channels,
        data.tags,
        event.occurredAt,
        event.globalPosition,
      ],
    );
    if (data.endpointIds.length > 0) {
      await sql.query(
        `INSERT INTO logs.deliveries (message_id, endpoint_id, app_id, status)
         SELECT $1, unnest($2::text[]), $3, 'pending'
         ON CONFLICT DO NOTHING`,
        [data.messageId, data.endpointIds, data.appId],
      );
    }
  }

  private async onAttempt(sql: Sql, event: EventEnvelope<string, DeliveryAttemptedV1>) {
    const data = event.data;
    const inserted = await sql.query(
      `INSERT INTO logs.attempts
         (id, message_id, endpoint_id, app_id, attempt_number, trigger, url, request_headers,
          response_status, response_headers, response_body, duration_ms, error_class, error_message,
          succeeded, attempted_at, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        data.attemptId,
        data.messageId,
        data.endpointId,
        data.appId,
        data.attemptNumber,
        data.trigger,
        data.url,
        JSON.stringify(data.requestHeaders),
        data.responseStatus,
        JSON.stringify(data.responseHeaders),
        data.responseBody,
        data.durationMs,
        data.errorClass,
        data.errorMessage,
        data.succeeded,
        data.attemptedAt,
        event.globalPosition,
      ],
    );
    // Counted once: only when this attempt's row is new (a replay inserts nothing).
    if (inserted.rows.length === 1) await this.countAttempt(sql, data);
    // Attempts of one delivery can arrive out of order across restarts: the newest wins.
    await sql.query(
      `INSERT INTO logs.deliveries AS d
         (message_id, endpoint_id, app_id, status, attempts, last_response_status, last_attempt_at,
          next_attempt_at, last_attempt_number)
       VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8)
       ON CONFLICT (message_id, endpoint_id) DO UPDATE SET
         attempts = d.attempts + 1,
         status = CASE WHEN EXCLUDED.last_attempt_number >= d.last_attempt_number THEN EXCLUDED.status ELSE d.status END,
         last_response_status = CASE WHEN EXCLUDED.last_attempt_number >= d.last_attempt_number THEN EXCLUDED.last_response_status ELSE d.last_response_status END,
         last_attempt_at = GREATEST(d.last_attempt_at, EXCLUDED.last_attempt_at),
         next_attempt_at = CASE WHEN EXCLUDED.last_attempt_number >= d.last_attempt_number THEN EXCLUDED.next_attempt_at ELSE d.next_attempt_at END,
         last_attempt_number = GREATEST(d.last_attempt_number, EXCLUDED.last_attempt_number)`,
      [
        data.messageId,
        data.endpointId,
        data.appId,
        data.deliveryStatus,
        data.responseStatus,
        data.attemptedAt,
        data.nextAttemptAt,
        data.attemptNumber,
      ],
    );
  }

  private async countAttempt(sql: Sql, data: DeliveryAttemptedV1) {
    const latency = emptyHistogram();
    latency[bucketOf(data.durationMs)] = 1;
    await sql.query(
      `INSERT INTO logs.endpoint_stats AS s (endpoint_id, app_id, bucket, succeeded, failed, latency)
       VALUES ($1, $2, date_trunc('minute', $3::timestamptz), $4, $5, $6::int[])
       ON CONFLICT (endpoint_id, bucket) DO UPDATE SET
         succeeded = s.succeeded + EXCLUDED.succeeded,
         failed = s.failed + EXCLUDED.failed,
         latency = ARRAY(SELECT a + b FROM unnest(s.latency, EXCLUDED.latency) AS t(a, b))`,
      [
        data.endpointId,
        data.appId,
        data.attemptedAt,
        data.succeeded ? 1 : 0,
        data.succeeded ? 0 : 1,
        latency,
      ],
    );
  }

  /** A resend puts the delivery back to pending, unless an attempt newer than it already ran. */
  private async onRequeued(sql: Sql, event: EventEnvelope<string, DeliveryRequeuedV1>) {
    const data = event.data;
    await sql.query(
      `INSERT INTO logs.deliveries AS d (message_id, endpoint_id, app_id, status)
       VALUES ($1, $2, $3, 'pending')
       ON CONFLICT (message_id, endpoint_id) DO UPDATE SET status = 'pending', next_attempt_at = $4
       WHERE d.last_attempt_at IS NULL OR d.last_attempt_at <= $4`,
      [data.messageId, data.endpointId, data.appId, data.requestedAt],
    );
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
    );
  }
}
