import { randomUUID } from 'node:crypto';
import { Controller, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS, type EventEnvelope } from '@hookport/contracts';
import {
  connectEventConsumers,
  ConsumeEvents,
  createLogger,
  InProcessEventBus,
  KafkaEventBus,
  toRecord,
  type EventBus,
  type TopicBatch,
} from '@hookport/platform';
import { eventually } from '@hookport/testing';

const GROUP = 'event-transport-test';

const envelope = (i: number, type: string, data: Record<string, unknown>): EventEnvelope => ({
  id: `evt_${randomUUID()}`,
  type,
  schemaVersion: 1,
  streamId: `s_${i}`,
  streamPosition: 1,
  globalPosition: String(i),
  applicationId: 'app_transport',
  occurredAt: new Date().toISOString(),
  correlationId: null,
  causationId: null,
  actor: { kind: 'system', id: 'test' },
  data,
});

const requeued = (i: number) =>
  envelope(i, 'delivery.requeued', {
    messageId: `msg_${i}`,
    endpointId: 'ep_1',
    appId: 'app_transport',
    trigger: 'manual',
    requestedAt: new Date().toISOString(),
  });

/** What the probe consumer was handed, and how often it is still to fail. */
const probe = { messageIds: [] as string[], calls: 0, failuresLeft: 0 };

@Controller()
class ProbeConsumer {
  @ConsumeEvents({ groupId: GROUP, topics: [TOPICS.delivery], fromBeginning: true })
  async handle({ events }: TopicBatch<typeof TOPICS.delivery>): Promise<void> {
    probe.calls += 1;
    if (probe.failuresLeft > 0) {
      probe.failuresLeft -= 1;
      throw new Error('the database is away');
    }
    for (const event of events)
      if (event.type === 'delivery.requeued') probe.messageIds.push(event.data.messageId);
  }
}

@Module({ controllers: [ProbeConsumer] })
class ProbeModule {}

const startConsumers = async (bus: EventBus): Promise<INestApplication> => {
  const app = await NestFactory.create(ProbeModule, new FastifyAdapter(), { logger: false });
  connectEventConsumers(app, bus);
  await app.startAllMicroservices();
  return app;
};

describe('@ConsumeEvents handlers on the Kafka bus', () => {
  const namespace = `t${randomUUID().slice(0, 8)}`;
  const kafka = new KafkaEventBus({
    brokers: process.env['KAFKA_BROKERS']!.split(','),
    clientId: 'event-transport-test',
    logger: createLogger('event-transport-test', 'silent'),
    namespace,
    partitions: 1,
  });
  let app: INestApplication;

  beforeAll(async () => {
    await kafka.ensureTopics([TOPICS.delivery, TOPICS.deadLetter]);
    probe.failuresLeft = 2;
    app = await startConsumers(kafka);
  });
  afterAll(async () => {
    await app?.close();
    await kafka.close();
  });

  it('retries a failing batch until the handler resolves, then commits its offset', async () => {
    await kafka.publish(TOPICS.delivery, [toRecord(requeued(1)), toRecord(requeued(2))]);
    await eventually(() => expect(probe.messageIds).toEqual(['msg_1', 'msg_2']), {
      timeoutMs: 30_000,
    });
    // Two failures, then the call that did the work; nothing was handed over before it.
    expect(probe.calls).toBe(3);
    await eventually(async () => expect(await kafka.consumerLag(GROUP, [TOPICS.delivery])).toBe(0));
  });

  it("dead-letters an envelope whose type is not in the topic's event map", async () => {
    const before = kafka.deadLettered();
    await kafka.publish(TOPICS.delivery, [
      toRecord(envelope(3, 'endpoint.created', { endpointId: 'ep_1' })),
      toRecord(requeued(4)),
    ]);
    await eventually(() => expect(probe.messageIds).toContain('msg_4'), { timeoutMs: 30_000 });
    expect(kafka.deadLettered()).toBe(before + 1);
    await eventually(async () => expect(await kafka.consumerLag(GROUP, [TOPICS.delivery])).toBe(0));
  });
});

describe('@ConsumeEvents handlers on the in-process bus', () => {
  it("hand over known envelopes and dead-letter one whose type is not in the topic's map", async () => {
    const bus = new InProcessEventBus();
    probe.messageIds = [];
    probe.failuresLeft = 0;
    const app = await startConsumers(bus);
    try {
      await bus.publish(TOPICS.delivery, [
        toRecord(requeued(5)),
        toRecord(envelope(6, 'invoice.paid', { amount: 1 })),
        toRecord(requeued(7)),
      ]);
      expect(probe.messageIds).toEqual(['msg_5', 'msg_7']);
      expect(bus.deadLettered()).toBe(1);
    } finally {
      await app.close();
    }
  });
});
