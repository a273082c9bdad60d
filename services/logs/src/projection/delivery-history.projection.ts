import { Controller, Inject } from '@nestjs/common';
import {
  CONSUMER_GROUPS,
  EXPUNGED_PAYLOAD,
  EXPUNGED_RESPONSE,
  TOPICS,
  type AttemptContentExpungedV1,
  type DeliveryAttemptedV1,
  type DeliveryEvents,
  type EndpointCircuitChangedV1,
  type EndpointHealthChangedV1,
  type EventEnvelope,
  type EnvelopeOf,
  type MessageAcceptedV1,
  type MessageContentExpungedV1,
} from '@hookport/contracts';
import {
  ConsumeEvents,
  Database,
  hookportHeaderNames,
  SecretBox,
  sealHeaderValues,
  type ConsumerSpec,
  type Sql,
  type TopicBatch,
} from '@hookport/platform';
import { bucketOf, emptyHistogram } from '../stats/latency-histogram';
import {
  INSERT_MESSAGES,
  INSERT_PENDING_DELIVERIES,
  INSERT_ATTEMPTS,
  ADD_TO_ENDPOINT_STATS,
  ADVANCE_DELIVERIES,
  REQUEUE_DELIVERY,
  EXPUNGE_MESSAGE_PAYLOAD,
  CANCEL_UNSENT_DELIVERIES,
  EXPUNGE_ATTEMPT_RESPONSE,
  UPSERT_CIRCUIT,
  UPSERT_HEALTH,
} from './delivery-history.sql';

type DeliveryEvent = EnvelopeOf<DeliveryEvents>;

/** The projection's consumer group; the rebuild reads the same topics under a group of its own. */
export const DELIVERY_HISTORY_CONSUMER = {
  groupId: CONSUMER_GROUPS.logsProjection,
  topics: [TOPICS.delivery],
  fromBeginning: true,
} satisfies ConsumerSpec<typeof TOPICS.delivery>;

/** Events that commute within a batch (see `handle`): all but resends and expunges. */
type RunEvent = Exclude<
  DeliveryEvent,
  { type: 'delivery.requeued' | 'message.content-expunged' | 'attempt.content-expunged' }
>;

/** One delivery (message x endpoint) as a map key. */
const deliveryKey = (messageId: string, endpointId: string) => `${messageId} ${endpointId}`;

/**
 * Projects messages and delivery attempts into the read models the portal and the management
 * API query. Idempotent without an inbox: every write is keyed by what it reflects (a message
 * or attempt id inserted once, stats counted only for a newly inserted attempt, a delivery or
 * endpoint row moved only to a newer attempt or event), so a redelivered batch, or the same
 * batch applied by a rebuild beside the running service, changes nothing.
 */
@Controller()
export class DeliveryHistoryProjection {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  @ConsumeEvents(DELIVERY_HISTORY_CONSUMER)
  async consume(batch: TopicBatch<typeof TOPICS.delivery>): Promise<void> {
    await this.handle(batch.events);
  }

  /**
   * Applies a batch in one transaction, a statement per kind of row rather than per event:
   * messages, then their deliveries, then attempts with their stats and delivery states. Those
   * commute (a delivery row only moves to a newer attempt), so they are applied together; a
   * resend or an expunge does not, so the batch is cut into runs at each one and the runs
   * applied in order.
   */
  async handle(events: DeliveryEvent[]): Promise<void> {
    await this.db.transaction(async (sql) => {
      let run: RunEvent[] = [];
      for (const event of events) {
        switch (event.type) {
          case 'delivery.requeued':
            await this.applyRun(sql, run);
            run = [];
            await this.onRequeued(sql, event);
            break;
          case 'message.content-expunged':
            await this.applyRun(sql, run);
            run = [];
            await this.onMessageExpunged(sql, event.data);
            break;
          case 'attempt.content-expunged':
            await this.applyRun(sql, run);
            run = [];
            await this.onAttemptExpunged(sql, event.data);
            break;
          case 'message.accepted':
          case 'delivery.attempted':
          case 'endpoint.health-changed':
          case 'endpoint.circuit-changed':
            run.push(event);
            break;
        }
      }
      await this.applyRun(sql, run);
    });
  }

  private async applyRun(sql: Sql, events: RunEvent[]): Promise<void> {
    const accepted: EventEnvelope<'message.accepted', MessageAcceptedV1>[] = [];
    const attempted: EventEnvelope<'delivery.attempted', DeliveryAttemptedV1>[] = [];
    for (const event of events) {
      switch (event.type) {
        case 'message.accepted':
          accepted.push(event);
          break;
        case 'delivery.attempted':
          attempted.push(event);
          break;
        case 'endpoint.circuit-changed':
          await this.onCircuitChanged(sql, event);
          break;
        case 'endpoint.health-changed':
          await this.onHealthChanged(sql, event);
          break;
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
    events: EventEnvelope<'message.accepted', MessageAcceptedV1>[],
  ): Promise<void> {
    if (events.length === 0) return;
    await sql.query(
      INSERT_MESSAGES,
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
    deliveries: {
      event: EventEnvelope<'message.accepted', MessageAcceptedV1>;
      endpointId: string;
    }[],
  ): Promise<void> {
    if (deliveries.length === 0) return;
    await sql.query(
      INSERT_PENDING_DELIVERIES,
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
    events: EventEnvelope<'delivery.attempted', DeliveryAttemptedV1>[],
  ): Promise<DeliveryAttemptedV1[]> {
    if (events.length === 0) return [];
    const inserted = await sql.query<{ id: string }>(
      INSERT_ATTEMPTS,
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
      ADD_TO_ENDPOINT_STATS,
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
      ADVANCE_DELIVERIES,
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
  private async onRequeued(sql: Sql, event: Extract<DeliveryEvent, { type: 'delivery.requeued' }>) {
    const data = event.data;
    await sql.query(
      REQUEUE_DELIVERY,
      [data.messageId, data.endpointId, data.appId, data.requestedAt],
      { prepare: true },
    );
  }

  /** The payload is gone from the log too (Svix's placeholder instead); unsent ones canceled. */
  private async onMessageExpunged(sql: Sql, data: MessageContentExpungedV1) {
    await sql.query(EXPUNGE_MESSAGE_PAYLOAD, [data.appId, data.messageId, EXPUNGED_PAYLOAD]);
    await sql.query(CANCEL_UNSENT_DELIVERIES, [data.messageId, data.appId]);
  }

  private async onAttemptExpunged(sql: Sql, data: AttemptContentExpungedV1) {
    await sql.query(EXPUNGE_ATTEMPT_RESPONSE, [data.attemptId, data.appId, EXPUNGED_RESPONSE]);
  }

  private async onCircuitChanged(
    sql: Sql,
    event: EventEnvelope<'endpoint.circuit-changed', EndpointCircuitChangedV1>,
  ) {
    const data = event.data;
    await sql.query(
      UPSERT_CIRCUIT,
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

  private async onHealthChanged(
    sql: Sql,
    event: EventEnvelope<'endpoint.health-changed', EndpointHealthChangedV1>,
  ) {
    const data = event.data;
    await sql.query(
      UPSERT_HEALTH,
      [data.endpointId, data.appId, data.health, data.reason, event.globalPosition, data.changedAt],
      { prepare: true },
    );
  }
}
