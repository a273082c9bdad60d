import { parseEnvelope, type EventEnvelope } from '@hookport/contracts';

/** A record on a topic: keyed (per-application ordering) and carrying one event envelope. */
export interface BusRecord {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** A batch handed to a subscriber; its offsets are committed only after the handler resolves. */
export interface ConsumedBatch {
  topic: string;
  partition: number;
  events: EventEnvelope[];
}

export interface Subscription {
  groupId: string;
  topics: string[];
  /** Start from the earliest retained record when the group has no committed offset. */
  fromBeginning: boolean;
  /**
   * Handles parsed events in partition order. Throwing keeps the offset where it was: the batch
   * is retried with backoff until it succeeds, never skipped.
   */
  handle: (batch: ConsumedBatch) => Promise<void>;
  /**
   * Not ready until every record on the topics as of subscribing has been handled: for state
   * that must be complete before serving (a gateway's revocation list).
   */
  catchUpBeforeReady?: boolean;
  /**
   * Which records to parse and hand to `handle`, judged before parsing by the record's key (the
   * application id) and `event-type` header; the others are passed over (their offsets still
   * advance). For consumers that need a few events of a busy topic: parsing every attempt to
   * find them cost more than their work.
   */
  accepts?: (record: RecordLabel) => boolean;
  /**
   * Which event types the subscriber knows on each topic (its owning service's event map): an
   * envelope of any other type is dead-lettered like an unparseable one, never handed over.
   */
  isKnownType?: (topic: string, type: string) => boolean;
  /**
   * Hand records over as soon as they arrive instead of letting them gather in batches:
   * for consumers a request may be waiting on, on topics quiet enough that it costs nothing.
   */
  immediate?: boolean;
}

/** What a record says of itself outside its value. */
export interface RecordLabel {
  key: string;
  eventType: string | undefined;
}

/**
 * Hookport's port to its event transport. Two adapters: Kafka (production, tests of record) and
 * an in-process bus (the embedded all-in-one mode) with the same topic semantics.
 */
export interface EventBus {
  /** Resolves once every record is durably accepted by the transport. */
  publish(topic: string, records: BusRecord[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  /** True when connected and, for consumers, assigned. */
  isReady(): boolean;
  /** Records dead-lettered since start (unparseable envelopes). */
  deadLettered(): number;
  /** Records on `topics` not yet handled (committed) by consumer group `groupId`. */
  consumerLag(groupId: string, topics: string[]): Promise<number>;
  close(): Promise<void>;
}

/** A record's envelope, parsed and checked against the subscriber's event types. */
export const envelopeFor = (
  subscription: Subscription,
  topic: string,
  raw: string,
): { ok: true; envelope: EventEnvelope } | { ok: false; reason: string } => {
  const parsed = parseEnvelope(raw);
  if (
    !parsed.ok ||
    !subscription.isKnownType ||
    subscription.isKnownType(topic, parsed.envelope.type)
  )
    return parsed;
  return { ok: false, reason: `event type ${parsed.envelope.type} is not one of ${topic}'s` };
};

export const toRecord = (event: EventEnvelope): BusRecord => ({
  key: event.applicationId ?? '_global',
  value: JSON.stringify(event),
  headers: { 'event-type': event.type, 'event-id': event.id },
});
