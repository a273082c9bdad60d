import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TOPICS, type EventEnvelope } from '@hookport/contracts';
import { eventually } from '@hookport/testing';
import { createLogger, KafkaEventBus, toRecord } from '@hookport/platform';

interface RequestQueuePrototype {
  checkPendingRequests(this: unknown): void;
}

const event: EventEnvelope = {
  id: 'evt_idle_1',
  type: 'delivery.attempted',
  schemaVersion: 1,
  streamId: 's_1',
  streamPosition: 1,
  globalPosition: '1',
  applicationId: 'app_idle',
  occurredAt: new Date().toISOString(),
  correlationId: null,
  causationId: null,
  actor: { kind: 'system', id: 'test' },
  data: {},
};

/**
 * Every service holds Kafka connections that are idle most of the time. kafkajs 2.2.4 made each
 * one re-check its (empty) request queue about every millisecond for life, which cost an idle
 * producer 56 ms of CPU a second on this machine; see kafkajs-request-queue.ts.
 */
describe('idle Kafka connections', () => {
  const kafka = new KafkaEventBus({
    brokers: process.env['KAFKA_BROKERS']!.split(','),
    clientId: 'idle-connections-test',
    logger: createLogger('idle-connections-test', 'warn'),
    namespace: `t${randomUUID().slice(0, 8)}`,
    partitions: 1,
  });
  afterAll(() => kafka.close());

  it('check their request queues when a request is answered, not on a timer', async () => {
    await kafka.ensureTopics([TOPICS.delivery]);
    const seen: string[] = [];
    await kafka.subscribe({
      groupId: `idle-connections.${randomUUID()}`,
      topics: [TOPICS.delivery],
      fromBeginning: true,
      handle: async (batch) => void seen.push(...batch.events.map((e) => e.id)),
    });
    await kafka.publish(TOPICS.delivery, [toRecord(event)]);
    await eventually(() => expect(seen).toEqual([event.id]), { timeoutMs: 30_000 });

    // Admin, producer and consumer connections are open; only the consumer has work: a fetch
    // the broker holds up to a second, and a heartbeat every three.
    const load = createRequire(join(process.cwd(), 'x.js'));
    const queue = (load('kafkajs/src/network/requestQueue') as { prototype: RequestQueuePrototype })
      .prototype;
    const original = queue.checkPendingRequests;
    let checks = 0;
    queue.checkPendingRequests = function (this: unknown) {
      checks += 1;
      return original.call(this);
    };
    try {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      queue.checkPendingRequests = original;
    }
    // About 4 expected (answers to fetches and a heartbeat); with the timer, thousands; with
    // the fetch held 100 ms, as it was, over 30: what an idle stack's Kafka spent most on.
    expect(checks).toBeGreaterThan(0);
    expect(checks).toBeLessThan(15);
  });

  it('hand a trickle of records to a batching consumer in batches, the first at once', async () => {
    await kafka.ensureTopics([TOPICS.delivery]);
    const batches: { size: number; at: number }[] = [];
    await kafka.subscribe({
      groupId: `idle-connections.${randomUUID()}`,
      topics: [TOPICS.delivery],
      fromBeginning: false,
      handle: async (batch) => void batches.push({ size: batch.events.length, at: Date.now() }),
    });
    // Wait until the consumer is at the topic's end, then let it fall quiet.
    const marker = { ...event, id: 'evt_idle_marker' };
    await eventually(
      async () => {
        await kafka.publish(TOPICS.delivery, [toRecord(marker)]);
        expect(batches.length).toBeGreaterThan(0);
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    batches.length = 0;

    const sentAt = Date.now();
    const records = 100;
    for (let i = 0; i < records; i += 1) {
      await kafka.publish(TOPICS.delivery, [toRecord({ ...event, id: `evt_trickle_${i}` })]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await eventually(
      () => expect(batches.reduce((sum, batch) => sum + batch.size, 0)).toBe(records),
      { timeoutMs: 30_000 },
    );
    // One record every ~10 ms for a second or more: a batch per linger (100 ms), not one per
    // record; and the first, after a quiet spell, is not held for the linger nor the idle wait.
    expect(batches.length).toBeLessThan(records / 3);
    expect(batches[0]!.at - sentAt).toBeLessThan(500);
  });
});
