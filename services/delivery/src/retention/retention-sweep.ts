import { idFloorAt, TOPICS } from '@hookport/contracts';
import { deleteInBatches, PeriodicSweep, type Database, type Logger } from '@hookport/platform';
import { findLapsedPayloads } from './payload-retention.repository';
import {
  PURGE_BATCH,
  PURGE_MESSAGES_BEFORE,
  PURGE_PUBLISHED_EVENTS_BEFORE,
  PURGE_BACKGROUND_TASKS_BEFORE,
  PURGE_IDEMPOTENCY_KEYS_BEFORE,
} from './retention.sql';

export interface DeliveryRetention {
  /** Messages (with their payloads), their deliveries and their events older than this go. */
  retentionDays: number;
  /** Idempotency keys answer repeats for this long; older ones go. */
  idempotencyKeyHours: number;
  everySeconds: number;
  /** Expunges one message's payload as an operator's content expunge does (every copy, an event). */
  expungePayload(appId: string, messageId: string): Promise<void>;
}

export interface DeliveryRetentionCounts {
  payloads: number;
  messages: number;
  events: number;
  keys: number;
}

/**
 * Expunges the payloads whose message asked for a shorter retention (the same expunge an
 * operator may ask for, so the delivery log and its rebuilds clear their copy too), then purges
 * what delivery keeps of old messages: the message rows (with the payload), their
 * queued deliveries, their events in the event store (which carry the payload too) once
 * published, and idempotency keys past their window. The delivery log (the logs service) purges
 * its own copy on the same retention. In batches, so that no statement holds locks for long.
 */
export class DeliveryRetentionSweep extends PeriodicSweep<DeliveryRetentionCounts> {
  constructor(db: Database, logger: Logger, settings: DeliveryRetention) {
    const purge = (statement: string, params: unknown[]) =>
      deleteInBatches(db, statement, params, PURGE_BATCH);
    super(
      logger,
      settings.everySeconds,
      async (now) => {
        let payloads = 0;
        for (let lapsed = await findLapsedPayloads(db, now, PURGE_BATCH); lapsed.length > 0; ) {
          for (const message of lapsed) await settings.expungePayload(message.app_id, message.id);
          payloads += lapsed.length;
          lapsed =
            lapsed.length < PURGE_BATCH ? [] : await findLapsedPayloads(db, now, PURGE_BATCH);
        }
        const cutoff = new Date(now.getTime() - settings.retentionDays * 86_400_000);
        // Message ids sort by creation time: "older than" is a range on the primary key.
        const messages = await purge(PURGE_MESSAGES_BEFORE, [idFloorAt('message', cutoff)]);
        // Oldest first, and only what the outbox relay has published: the batch stops at the
        // first recent event, so a sweep with nothing to do reads one batch of the index.
        const events = await purge(PURGE_PUBLISHED_EVENTS_BEFORE, [cutoff, TOPICS.delivery]);
        // Background tasks are answered for as long as the messages they sent.
        await purge(PURGE_BACKGROUND_TASKS_BEFORE, [cutoff]);
        const keys = await purge(PURGE_IDEMPOTENCY_KEYS_BEFORE, [
          new Date(now.getTime() - settings.idempotencyKeyHours * 3_600_000),
        ]);
        if (payloads + messages + events + keys > 0)
          logger.info({ payloads, messages, events, keys, cutoff }, 'retention: purged');
        return { payloads, messages, events, keys };
      },
      { payloads: 0, messages: 0, events: 0, keys: 0 },
    );
  }
}
