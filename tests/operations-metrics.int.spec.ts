import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTestDatabase,
  eventually,
  freePorts,
  startReceiver,
  startStack,
  type Receiver,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

const scrape = async (url: string) => {
  const response = await request(`${url}/metrics`);
  expect(response.statusCode).toBe(200);
  expect(String(response.headers['content-type'])).toContain('text/plain');
  return response.body.text();
};

/** The value of the sample `name` whose labels include `labels`, in any order; undefined if none. */
const sample = (text: string, name: string, labels: Record<string, string>): number | undefined => {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) {
      return Number(match[3]);
    }
  }
  return undefined;
};

/** What a Prometheus scrape of each service shows after a real delivery. */
describe('Prometheus metrics', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let logsMetricsPort: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
    [logsMetricsPort] = (await freePorts(1)) as [number];
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      // As the Helm chart runs every service: metrics on a port of their own.
      serviceEnv: { logs: { HOOKPORT_METRICS_PORT: String(logsMetricsPort) } },
    });
    const client = api(stack);
    await client.post('/api/v1/app', { name: 'Metered', uid: 'metered' });
    await client.post('/api/v1/app/metered/endpoint', { url: `${receiver.url}/metered` });
    await client.post('/api/v1/app/metered/msg', { eventType: 'metered.event', payload: {} });
    await eventually(() => expect(receiver.requestsTo('/metered')).toHaveLength(1));
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('counts delivery attempts by outcome and times them', async () => {
    const text = await eventually(async () => {
      const scraped = await scrape(stack.urls.delivery);
      const outcome = { outcome: 'succeeded', error_class: 'none', service: 'delivery' };
      expect(sample(scraped, 'hookport_delivery_attempts_total', outcome)).toBe(1);
      return scraped;
    });
    const timed = { outcome: 'succeeded' };
    expect(sample(text, 'hookport_delivery_attempt_duration_seconds_count', timed)).toBe(1);
    expect(
      sample(text, 'hookport_outbox_lag_events', { service: 'delivery' }),
    ).toBeGreaterThanOrEqual(0);
    expect(text).toContain('hookport_process_resident_memory_bytes');
  });

  it('times HTTP requests by route template, never by raw URL', async () => {
    const text = await scrape(stack.metricsUrls['api-gateway']);
    const labels = { method: 'POST', route: '/api/v1/app/:appId/msg', status: '202' };
    expect(sample(text, 'hookport_http_request_duration_seconds_count', labels)).toBe(1);
    expect(text).not.toContain('/api/v1/app/metered/msg');
  });

  it('serves a service’s metrics on HOOKPORT_METRICS_PORT alone when it is set', async () => {
    const text = await scrape(`http://127.0.0.1:${logsMetricsPort}`);
    expect(
      sample(text, 'hookport_consumer_lag_events', { service: 'logs' }),
    ).toBeGreaterThanOrEqual(0);
    expect((await request(`${stack.urls.logs}/metrics`)).statusCode).toBe(404);
  });

  it('never serves the gateway’s metrics on its public port', async () => {
    const response = await request(`${stack.gatewayUrl}/metrics`);
    await response.body.dump();
    expect(response.statusCode).toBe(404);
  });
});
