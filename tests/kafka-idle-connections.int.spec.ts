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
    // the broker holds up to 100 ms, and a heartbeat a second.
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
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    } finally {
      queue.checkPendingRequests = original;
    }
    // About 22 expected (answers to fetches and heartbeats); with the timer, thousands.
    expect(checks).toBeGreaterThan(0);
    expect(checks).toBeLessThan(100);
  });
});
