import { afterAll, beforeAll, it } from 'vitest';
import {
  createTestDatabase,
  startReceiver,
  startStack,
  type Receiver,
  type ServiceName,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';
import { eventLoopDelayP99Ms, flags, gatewayClient, memoryMb, percentile } from '../bench-kit';

/**
 * The full stack at a steady rate for a long time (default 30 minutes at 200 messages/s, ~1 KB
 * each, one endpoint answering 200): every minute, each service's resident memory and p99
 * event-loop delay; at the end, each one's memory growth per hour (least squares over the
 * samples after the first, which still holds start-up's garbage), the delivery latency of each
 * minute and whether every message arrived. A leak shows as steady growth, a slow stall as
 * rising event-loop delay.
 */
const options = flags({ minutes: 30, rate: 200, sampleSeconds: 60, payloadBytes: 1_000 });
const SERVICES: ServiceName[] = ['api-gateway', 'delivery', 'endpoints', 'logs', 'portal-session'];

let database: TestDatabase;
let stack: Stack;
let receiver: Receiver;

/** Each service's p99 event-loop delay (ms) since the previous scrape. */
const eventLoopDelayP99 = (name: ServiceName) => eventLoopDelayP99Ms(stack.metricsUrls[name]);

/** Slope of y over x (least squares). */
const slope = (points: [number, number][]): number => {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
};

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiver({ respondWith: () => ({ status: 200 }) });
  stack = await startStack({
    databaseUrl: database.url,
    kafkaBrokers: process.env['KAFKA_BROKERS']!,
    serviceEnv: { 'api-gateway': { HOOKPORT_RATE_LIMIT_API_KEY: '0' } },
  });
});

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
  await database?.drop();
});

it('holds a steady rate without growing', async () => {
  const client = gatewayClient(stack.gatewayUrl, stack.adminKey);
  await client.call('POST', '/api/v1/app', { name: 'Soak', uid: 'soak' });
  await client.call('POST', '/api/v1/app/soak/endpoint', { url: `${receiver.url}/soak` });
  for (const name of SERVICES) await eventLoopDelayP99(name); // restart each histogram

  const pad = 'x'.repeat(options.payloadBytes);
  const total = options.rate * options.minutes * 60;
  const samples: {
    minute: number;
    rssMb: Record<string, number>;
    loopP99Ms: Record<string, number>;
    latencyP99Ms: number;
  }[] = [];
  let delivered = 0;
  let failed = 0;
  const begin = performance.now();
  let nextSample = begin + options.sampleSeconds * 1000;
  /** One sample: what was delivered since the last, each service's memory and loop delay. */
  const takeSample = async () => {
    // The receiver forgets what it measured, so the benchmark's own memory stays flat.
    const received = receiver.requestsTo('/soak');
    const latencies = received
      .map(
        (request) => request.receivedAt - (JSON.parse(request.body) as { sentAt: number }).sentAt,
      )
      .sort((a, b) => a - b);
    delivered += received.length;
    receiver.reset();
    const sample = {
      minute: Math.round((performance.now() - begin) / 600) / 100,
      rssMb: Object.fromEntries(
        SERVICES.map((name) => [name, Math.round(memoryMb(stack.pid(name)!))]),
      ),
      loopP99Ms: Object.fromEntries(
        await Promise.all(SERVICES.map(async (name) => [name, await eventLoopDelayP99(name)])),
      ),
      latencyP99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    };
    samples.push(sample);
    console.log(`[bench:soak] ${JSON.stringify(sample)}`);
  };
  const calls = new Set<Promise<unknown>>();
  for (let i = 0; i < total; i += 1) {
    const wait = begin + (i * 1000) / options.rate - performance.now();
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const call = client
      .call('POST', '/api/v1/app/soak/msg', {
        eventType: 'bench.soak',
        payload: { i, sentAt: performance.timeOrigin + performance.now(), pad },
      })
      .catch(() => (failed += 1))
      .finally(() => calls.delete(call));
    calls.add(call);
    if (performance.now() >= nextSample) {
      nextSample += options.sampleSeconds * 1000;
      await takeSample();
    }
  }
  await Promise.all(calls);
  const deadline = Date.now() + 120_000;
  while (delivered + receiver.requestsTo('/soak').length < total - failed && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  await takeSample();
  await client.close();

  const growthMbPerHour = Object.fromEntries(
    SERVICES.map((name) => [
      name,
      Math.round(
        slope(samples.slice(1).map((sample) => [sample.minute / 60, sample.rssMb[name]!])) * 10,
      ) / 10,
    ]),
  );
  console.log(
    `\n[bench:soak] ${options.minutes} min at ${options.rate}/s: ${total} sent, ${failed} refused, ` +
      `${delivered} delivered\nRSS growth per hour (MB, after the first minute): ` +
      `${JSON.stringify(growthMbPerHour)}\n`,
  );
});
