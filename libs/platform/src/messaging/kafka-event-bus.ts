import { TOPICS } from '@hookport/contracts';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import type { Logger } from '../logging/logger';
import { envelopeFor, type BusRecord, type EventBus, type Subscription } from './event-bus';
import { fixKafkaRequestQueueSpin } from './kafkajs-request-queue';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Partitions per topic when Hookport creates its topics. */
  partitions?: number;
  /**
   * How long a batching consumer lets records gather after a fetch cycle began, before it
   * fetches again [100 ms]. Consumers here feed projections, the live tail and health, never
   * the path to a 202 or to a delivery. Handing over every record or two as it came (a fetch,
   * a handler call and an offset commit each, in every service and the broker) took the CPU
   * that requests needed at 100 messages/s: accept latency p50 54 ms, p95 120 ms, against 16
   * and 43 ms with batches (bench:delivery, --rate 100).
   */
  lingerMs?: number;
  /**
   * Prefix for topic names and consumer groups, so several installations (or test stacks) can
   * share one cluster without seeing each other's events.
   */
  namespace?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * How long a fetch waits at the broker when there is nothing to read. Records answer a fetch at
 * once (minBytes 1), so this costs no latency: it is what a consumer doing nothing costs, one
 * fetch per this, in the service and the broker (at 100 ms in four consumers and 500 ms in two,
 * an idle stack took 0.15 cores, half of it Kafka's). It delays a consumer's stop and its part
 * in a rebalance by up to as much.
 */
const IDLE_FETCH_WAIT_MS = 1_000;
const ENSURE_TOPICS_ATTEMPTS = 5;
const ENSURE_TOPICS_BACKOFF_MS = 500;

/**
 * KafkaJS behind Hookport's EventBus port. Producers are idempotent with acks=all; consumers
 * commit offsets by hand, only after their handler's work is durable, and dead-letter records
 * they cannot parse instead of blocking the partition or dropping them silently.
 */
export class KafkaEventBus implements EventBus {
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private admin: Admin | null = null;
  private readonly consumers: Consumer[] = [];
  private readonly assigned = new Map<Consumer, boolean>();
  /** Per catching-up consumer: `topic:partition` -> the offset it must reach to be ready. */
  private readonly catchingUp = new Map<Consumer, Map<string, bigint>>();
  private deadLetterCount = 0;
  private closing = false;

  private topicName(topic: string): string {
    return this.options.namespace ? `${this.options.namespace}.${topic}` : topic;
  }

  private fromTopicName(name: string): string {
    return this.options.namespace ? name.slice(this.options.namespace.length + 1) : name;
  }

  constructor(private readonly options: KafkaBusOptions) {
    fixKafkaRequestQueueSpin();
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      retry: { initialRetryTime: 200, retries: 12, maxRetryTime: 5_000 },
      logCreator:
        () =>
        ({ level, log }) => {
          const { message, ...rest } = log;
          if (level <= logLevel.ERROR) options.logger.error(rest, `kafka: ${message}`);
          else options.logger.warn(rest, `kafka: ${message}`);
        },
    });
  }

  /** Creates Hookport's topics when missing (idempotent). */
  async ensureTopics(topics: string[] = Object.values(TOPICS)): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.createMissingTopics(topics);
      } catch (error) {
        // A busy broker may not serve a topic it has just created (UNKNOWN_TOPIC_OR_PARTITION,
        // which kafkajs's wait for leaders does not retry): a service booting then would exit.
        const isRetriable = (error as { retriable?: boolean }).retriable === true;
        if (!isRetriable || attempt >= ENSURE_TOPICS_ATTEMPTS) throw error;
        await sleep(ENSURE_TOPICS_BACKOFF_MS * attempt);
      }
    }
  }

  private async createMissingTopics(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics
        .map((topic) => this.topicName(topic))
        .filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.options.partitions ?? 8,
            replicationFactor: 1,
            // Events are the source of truth for projections: keep them for replay.
            configEntries: [{ name: 'retention.ms', value: '-1' }],
          })),
        });
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async getProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  async publish(topic: string, records: BusRecord[]): Promise<void> {
    if (records.length === 0) return;
    const producer = await this.getProducer();
    await producer.send({
      topic: this.topicName(topic),
      acks: -1,
      messages: records.map((record) => ({
        key: record.key,
        value: record.value,
        headers: record.headers,
      })),
    });
  }

  async subscribe(subscription: Subscription): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.namespace
        ? `${this.options.namespace}.${subscription.groupId}`
        : subscription.groupId,
      maxWaitTimeInMs: IDLE_FETCH_WAIT_MS,
      minBytes: 1,
      // A killed member holds its partitions until its session times out: keep that short.
      // Kafka's advice is a heartbeat a third of the session; more often only costs requests.
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
    });
    this.consumers.push(consumer);
    consumer.on(consumer.events.GROUP_JOIN, () => this.assigned.set(consumer, true));
    consumer.on(consumer.events.CRASH, () => this.assigned.set(consumer, false));
    // A batching consumer's cycle: records that come while it lingers join the next fetch. The
    // first record after a quiet spell is handed over at once (its fetch began long ago).
    const lingerMs = subscription.immediate ? 0 : (this.options.lingerMs ?? 100);
    let fetchStartedAt = 0;
    if (lingerMs > 0)
      consumer.on(consumer.events.FETCH_START, () => (fetchStartedAt = performance.now()));
    await consumer.connect();
    for (const topic of subscription.topics) {
      await consumer.subscribe({
        topic: this.topicName(topic),
        fromBeginning: subscription.fromBeginning,
      });
    }
    const catchUp = subscription.catchUpBeforeReady
      ? await this.endOffsets(subscription.topics)
      : null;
    if (catchUp) this.catchingUp.set(consumer, catchUp);
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        if (batch.messages.length === 0) return;
        const topic = this.fromTopicName(batch.topic);
        const events = [];
        for (const message of batch.messages) {
          if (
            subscription.accepts &&
            !subscription.accepts({
              key: message.key?.toString('utf8') ?? '',
              eventType: message.headers?.['event-type']?.toString(),
            })
          )
            continue;
          const parsed = envelopeFor(subscription, topic, message.value?.toString('utf8') ?? '');
          if (parsed.ok) events.push(parsed.envelope);
          else await this.deadLetter(topic, batch.partition, message, parsed.reason);
        }
        let failures = 0;
        // Retry the batch until its work is durable: a database outage must delay, never drop.
        while (events.length > 0) {
          if (!isRunning() || isStale()) return;
          try {
            await subscription.handle({ topic, partition: batch.partition, events });
            break;
          } catch (error) {
            failures += 1;
            this.options.logger.warn(
              { err: error, groupId: subscription.groupId, topic: batch.topic, failures },
              'event handler failed; retrying the batch',
            );
            await sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
            await heartbeat().catch(() => undefined);
          }
        }
        const last = batch.messages[batch.messages.length - 1];
        if (!last) return;
        const next = BigInt(last.offset) + 1n;
        // Resolved, the fetch position moves past the batch (without it, KafkaJS fetches the
        // same batch again and again: correct thanks to the inbox, but a busy loop).
        resolveOffset(last.offset);
        await consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: next.toString() },
        ]);
        const key = `${batch.topic}:${batch.partition}`;
        const target = catchUp?.get(key);
        if (target !== undefined && next >= target) catchUp?.delete(key);
        const linger = fetchStartedAt + lingerMs - performance.now();
        if (linger > 0 && isRunning()) await sleep(linger);
      },
    });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
  ): Promise<void> {
    this.deadLetterCount += 1;
    this.options.logger.error(
      { topic, partition, offset: message.offset, reason },
      'dead-lettered',
    );
    await this.publish(TOPICS.deadLetter, [
      {
        key: message.key?.toString('utf8') ?? '_unknown',
        value: message.value?.toString('utf8') ?? '',
        headers: {
          'dlq-reason': reason,
          'dlq-topic': topic,
          'dlq-partition': String(partition),
          'dlq-offset': message.offset,
        },
      },
    ]);
  }

  isReady(): boolean {
    if (this.closing) return false;
    return this.consumers.every(
      (consumer) =>
        this.assigned.get(consumer) === true && (this.catchingUp.get(consumer)?.size ?? 0) === 0,
    );
  }

  /**
   * The partitions that hold records now, with the offset just past their last one. Retried:
   * right after topics are created, or while the broker is busy, it may not know the leaders yet.
   */
  private async endOffsets(topics: string[]): Promise<Map<string, bigint>> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.readEndOffsets(topics);
      } catch (error) {
        if (attempt >= 20) throw error;
        this.options.logger.warn({ err: error, attempt }, 'reading end offsets failed; retrying');
        await sleep(Math.min(2_000, 100 * attempt));
      }
    }
  }

  private async readEndOffsets(topics: string[]): Promise<Map<string, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const ends = new Map<string, bigint>();
      for (const topic of topics) {
        const name = this.topicName(topic);
        for (const partition of await admin.fetchTopicOffsets(name)) {
          if (BigInt(partition.high) > BigInt(partition.low))
            ends.set(`${name}:${partition.partition}`, BigInt(partition.high));
        }
      }
      return ends;
    } finally {
      await admin.disconnect();
    }
  }

  deadLettered(): number {
    return this.deadLetterCount;
  }

  async consumerLag(groupId: string, topics: string[]): Promise<number> {
    this.admin ??= this.kafka.admin();
    const admin = this.admin;
    await admin.connect();
    const group = this.options.namespace ? `${this.options.namespace}.${groupId}` : groupId;
    let lag = 0n;
    for (const topic of topics) {
      const name = this.topicName(topic);
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(name),
        admin.fetchOffsets({ groupId: group, topics: [name] }),
      ]);
      const done = new Map(
        (committed[0]?.partitions ?? []).map((partition) => [
          partition.partition,
          BigInt(partition.offset),
        ]),
      );
      for (const end of ends) {
        const at = done.get(end.partition) ?? -1n;
        // -1: nothing committed yet, so everything still retained is to do.
        const from = at < 0n ? BigInt(end.low) : at;
        if (BigInt(end.high) > from) lag += BigInt(end.high) - from;
      }
    }
    return Number(lag);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(this.consumers.map((consumer) => consumer.disconnect()));
    if (this.producer) await this.producer.disconnect().catch(() => undefined);
    if (this.admin) await this.admin.disconnect().catch(() => undefined);
  }
}
