import { Inject, Injectable } from '@nestjs/common';
import type {
  AttemptTrigger,
  MessageAcceptedV1,
  DeliveryEvents,
  EventOf,
} from '@hookport/contracts';
import {
  Database,
  EventStore,
  StatementParameters,
  type actorOf,
  type AssignedRow,
} from '@hookport/platform';
import { Dispatcher, type ClaimedDelivery } from '../dispatch/dispatcher';
import { acceptMessagesStatement } from './ingest.sql';

/** One message to make durable: its event, its row, its queued deliveries, its idempotency key. */
export interface IngestItem {
  data: MessageAcceptedV1;
  trigger: AttemptTrigger;
  idempotency: { key: string; requestHash: string } | null;
  /** Scheduled delivery (Svix's `deliverAt`): its deliveries wait in the queue until then. */
  deliverAt: Date | null;
  /** Svix's payload retention: the payload is expunged this many hours after acceptance. */
  payloadRetentionHours: number | null;
  actor: ReturnType<typeof actorOf>;
}

const MAX_BATCH = 200;

/**
 * Group commit for ingest: messages accepted while a transaction is in flight are written
 * together by the next one, in one multi-row statement and one fsync, instead of a
 * transaction each. Callers still get their answer only once their message is committed. If a
 * batch fails (a duplicate event id or idempotency key in it), each of its messages is written
 * alone, so one bad message never fails another.
 */
@Injectable()
export class IngestBatcher {
  private queue: {
    item: IngestItem;
    resolve: (at: string) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private draining = false;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<DeliveryEvents>>,
    @Inject(Dispatcher) private readonly dispatcher: Dispatcher,
  ) {}

  /** Resolves with the message's acceptance time once it is committed. */
  write(item: IngestItem): Promise<string> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const times = await this.commit(batch.map((entry) => entry.item));
          batch.forEach((entry, index) => entry.resolve(times[index]!));
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error);
            continue;
          }
          for (const entry of batch) {
            try {
              const [at] = await this.commit([entry.item]);
              entry.resolve(at!);
            } catch (alone) {
              entry.reject(alone);
            }
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Writes the items; once committed, sends the deliveries it leased and wakes the queue. */
  private async commit(items: IngestItem[]): Promise<string[]> {
    const { times, leased, queued } = await this.insert(items);
    this.dispatcher.sendLeased(leased);
    if (queued) this.dispatcher.wake();
    return times;
  }

  /**
   * One statement writes everything (the events, the message rows, the queued deliveries, the
   * idempotency keys): atomic on its own, and one round trip instead of a transaction's five.
   */
  private async insert(
    items: IngestItem[],
  ): Promise<{ times: string[]; leased: ClaimedDelivery[]; queued: boolean }> {
    const params = new StatementParameters();
    const events = this.store.appendParts(
      items.map((item) => ({
        streamId: item.data.messageId,
        expectedVersion: 0,
        events: [{ type: 'message.accepted', data: item.data }],
        context: { applicationId: item.data.appId, actor: item.actor },
      })),
      params,
    );
    // Deliveries this process can send now are leased in the same statement (as a claim
    // would lease them): sent straight after the commit, they skip the queue's round trip.
    // Should the process die first, the lease lapses and the claim loop sends them.
    const sendable = this.dispatcher.sendableNow();
    let room = sendable.room;
    const leased: ClaimedDelivery[] = [];
    const deliveries = items.flatMap((item) =>
      item.data.endpointIds.map((endpointId) => {
        const sendNow = item.deliverAt === null && room > 0 && sendable.allows(endpointId);
        if (sendNow) {
          room -= 1;
          leased.push({
            message_id: item.data.messageId,
            endpoint_id: endpointId,
            app_id: item.data.appId,
            attempts: 1,
            trigger: item.trigger,
            payload: item.data.payload,
          });
        }
        return { item, endpointId, sendNow };
      }),
    );
    const keyed = items.filter((item) => item.idempotency !== null);
    const m = params.bind([
      items.map((item) => item.data.messageId),
      items.map((item) => item.data.appId),
      items.map((item) => item.data.eventType),
      items.map((item) => item.data.eventId),
      items.map((item) => item.data.payload),
      items.map((item) => JSON.stringify(item.data.channels)),
      items.map((item) => JSON.stringify(item.data.tags)),
      items.map((item) => item.payloadRetentionHours),
    ]);
    const d = params.bind([
      deliveries.map((row) => row.item.data.messageId),
      deliveries.map((row) => row.endpointId),
      deliveries.map((row) => row.item.data.appId),
      deliveries.map((row) => row.item.trigger),
      deliveries.map((row) => row.sendNow),
      this.dispatcher.leaseSeconds,
      deliveries.map((row) => row.item.deliverAt?.toISOString() ?? null),
    ]);
    const k = params.bind([
      keyed.map((item) => item.data.appId),
      keyed.map((item) => item.idempotency!.key),
      keyed.map((item) => item.idempotency!.requestHash),
      keyed.map((item) => item.data.messageId),
    ]);
    const { rows } = await this.db.query<AssignedRow>(
      acceptMessagesStatement(events.ctes, { m, d, k }),
      params.values,
      { prepare: true },
    );
    const occurredAt = new Map(
      events.envelopes(rows, this.db).map((event) => [event.streamId, event.occurredAt]),
    );
    const times = items.map((item) => occurredAt.get(item.data.messageId)!);
    return { times, leased, queued: leased.length < deliveries.length };
  }
}
