import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { TOPICS, type EventEnvelope } from '@hookport/contracts';
import { eventually } from '@hookport/testing';
import {
  createLogger,
  InProcessEventBus,
  KafkaEventBus,
  toRecord,
  type EventBus,
  type RecordLabel,
} from '@hookport/platform';

const event = (i: number, type: string, applicationId: string): EventEnvelope => ({
  id: `evt_${i}`,
  type,
  schemaVersion: 1,
  streamId: `s_${i}`,
  streamPosition: 1,
  globalPosition: String(i),
  applicationId,
  occurredAt: new Date().toISOString(),
  correlationId: null,
  causationId: null,
  actor: { kind: 'system', id: 'test' },
  data: { i },
});

const EVENTS = [
  event(1, 'delivery.attempted', 'app_a'),
  event(2, 'endpoint.health-changed', 'app_a'),
  event(3, 'delivery.attempted', 'app_b'),
  event(4, 'endpoint.health-changed', 'app_b'),
];

/** Subscribes with a filter; the array fills with the ids of the events handed over. */
const filtered = async (bus: EventBus, accepts: (record: RecordLabel) => boolean) => {
  const seen: string[] = [];
  await bus.subscribe({
    groupId: `record-filter.${randomUUID()}`,
    topics: [TOPICS.delivery],
    fromBeginning: true,
    accepts,
    handle: async (batch) => void seen.push(...batch.events.map((e) => e.id)),
  });
  return seen;
};

describe('a subscription that accepts some records', () => {
  const kafka = new KafkaEventBus({
    brokers: process.env['KAFKA_BROKERS']!.split(','),
    clientId: 'record-filter-test',
    logger: createLogger('record-filter-test', 'warn'),
    namespace: `t${randomUUID().slice(0, 8)}`,
    partitions: 1,
  });
  afterAll(() => kafka.close());

  it('gets only those from Kafka, by event type and by key, none of the others', async () => {
    await kafka.ensureTopics([TOPICS.delivery]);
    const byType = await filtered(kafka, (r) => r.eventType === 'endpoint.health-changed');
    const byKey = await filtered(kafka, (r) => r.key === 'app_b');
    await kafka.publish(TOPICS.delivery, EVENTS.map(toRecord));
    await eventually(() => {
      expect(byType).toEqual(['evt_2', 'evt_4']);
      expect(byKey).toEqual(['evt_3', 'evt_4']);
    });
    expect(kafka.deadLettered()).toBe(0);
  });

  it('gets only those from the in-process bus too', async () => {
    const bus = new InProcessEventBus();
    const seen = await filtered(bus, (r) => r.eventType === 'delivery.attempted');
    await bus.publish(TOPICS.delivery, EVENTS.map(toRecord));
    expect(seen).toEqual(['evt_1', 'evt_3']);
  });
});
