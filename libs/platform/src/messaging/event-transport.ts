import { randomUUID } from 'node:crypto';
import type { INestApplication, Type } from '@nestjs/common';
import {
  BaseRpcContext,
  EventPattern,
  Server,
  type CustomTransportStrategy,
  type MessageHandler,
} from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { isEventOfTopic, type ConsumedTopic, type EnvelopeOn } from '@hookport/contracts';
import type { ConsumedBatch, EventBus, RecordLabel, Subscription } from './event-bus';

/** A batch of one topic's partition, each envelope narrowed by its owning service's event map. */
export interface TopicBatch<T extends ConsumedTopic> {
  topic: T;
  partition: number;
  events: EnvelopeOn<T>[];
}

/** Resolves one of the consuming module's providers (the application's `get`). */
export type ProviderLookup = <P>(token: Type<P>) => P;

/** One consumer group: what it reads, from where, and which records it wants parsed. */
export interface ConsumerSpec<T extends ConsumedTopic> {
  groupId: string;
  topics: readonly T[];
  /** Start from the earliest retained record when the group has no committed offset. */
  fromBeginning: boolean;
  /** Each process reads under a group of its own (groupId + a random suffix): sees every event. */
  isGroupPerProcess?: boolean;
  /** See Subscription.catchUpBeforeReady. */
  catchUpBeforeReady?: boolean;
  /** See Subscription.immediate. */
  immediate?: boolean;
  /**
   * The record filter (see Subscription.accepts), made from the module's providers when the
   * transport starts: some filters ask live state (is anyone watching this application?).
   */
  accepts?: (get: ProviderLookup) => (record: RecordLabel) => boolean;
}

/** The handler's context: where its batch came from. */
export class EventBatchContext extends BaseRpcContext<[topic: string, partition: number]> {}

const CONSUMER = 'hookportConsumer';

/**
 * Marks a controller method as the handler of a consumer group's batches: `@EventPattern` under
 * the group's id, with the subscription beside it. The method must take the batch of the spec's
 * topics, so it is handed envelopes narrowed by their event maps and casts nothing. It resolves
 * once its work is durable: only then is the batch's offset committed; a throw retries it.
 */
export const ConsumeEvents =
  <T extends ConsumedTopic>(spec: ConsumerSpec<T>) =>
  <H extends (batch: TopicBatch<T>) => Promise<void>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    EventPattern(spec.groupId, { [CONSUMER]: spec })(target, key, descriptor);
  };

/**
 * The bus subscription of a consumer spec, handing `handle` batches typed by the topics' maps.
 * `get` makes the spec's record filter; a consumer outside a Nest application (the logs
 * rebuild) has none and may use no filter.
 */
export const subscriptionOf = <T extends ConsumedTopic>(
  spec: ConsumerSpec<T>,
  handle: (batch: TopicBatch<T>) => Promise<void>,
  get?: ProviderLookup,
): Subscription => ({
  groupId: spec.isGroupPerProcess ? `${spec.groupId}.${randomUUID()}` : spec.groupId,
  topics: [...spec.topics],
  fromBeginning: spec.fromBeginning,
  catchUpBeforeReady: spec.catchUpBeforeReady,
  immediate: spec.immediate,
  accepts: spec.accepts?.(
    get ??
      (() => {
        throw new Error(`consumer ${spec.groupId} filters records: it needs its providers`);
      }),
  ),
  isKnownType: isEventOfTopic,
  // The one narrowing of event data: the bus has dead-lettered every envelope whose type is
  // not in its topic's event map, and the map is the envelope's type.
  handle: (batch: ConsumedBatch) => handle(batch as TopicBatch<T>),
});

/**
 * Hookport's event bus (Kafka, or the in-process bus of the all-in-one mode) as a Nest
 * transport: each `@ConsumeEvents` handler of the application's controllers becomes a
 * subscription, with the bus's guarantees (offsets committed after the handler's promise,
 * retried until it resolves, unparseable or unknown envelopes dead-lettered). The bus is the
 * runtime's: it is closed with the runtime, not with the transport.
 */
export class EventBusTransport extends Server implements CustomTransportStrategy {
  constructor(
    private readonly bus: EventBus,
    private readonly get: ProviderLookup,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const handler of this.messageHandlers.values()) {
        const spec = handler.extras?.[CONSUMER] as ConsumerSpec<ConsumedTopic> | undefined;
        if (!handler.isEventHandler || !spec) continue;
        await this.bus.subscribe(
          subscriptionOf(spec, (batch) => this.run(handler, batch), this.get),
        );
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Runs the handler through Nest (its interceptors, filters) and waits for its work. */
  private async run(handler: MessageHandler, batch: TopicBatch<ConsumedTopic>): Promise<void> {
    const result: unknown = await handler(
      batch,
      new EventBatchContext([batch.topic, batch.partition]),
    );
    // Nest hands a failed handler's error back as an erroring stream: rethrown, the bus retries.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  on(): never {
    throw new Error('the event bus transport has no events of its own');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  /** Nothing of its own to close: the bus belongs to the runtime, which closes it last. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Connects the application's `@ConsumeEvents` handlers to the bus; they start with `startAllMicroservices`. */
export const connectEventConsumers = (app: INestApplication, bus: EventBus): void => {
  app.connectMicroservice(
    { strategy: new EventBusTransport(bus, (token) => app.get(token)) },
    { inheritAppConfig: false },
  );
};
