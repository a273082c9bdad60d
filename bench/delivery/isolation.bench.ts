import { afterAll, beforeAll, it } from 'vitest';
import {
  createTestDatabase,
  startReceiver,
  startStack,
  type Receiver,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';
import { flags, gatewayClient, runPool, summary } from '../bench-kit';

/**
 * Isolation: messages at a fixed rate fanned out to E endpoints, first with every endpoint
 * healthy, then with 10 % of them bad (half answering after 10 s, half answering 500). Prints
 * the healthy endpoints' accept-to-receive latency in both runs and the p99 ratio (the issue's
 * target: within 1.2x of the clean run).
 */
const options = flags({ endpoints: 20, rate: 20, seconds: 15 });

let database: TestDatabase;
let stack: Stack;
let receiver: Receiver;

const waitFor = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for deliveries');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiver({
    respondWith: (request) => {
      if (request.path.endsWith('/slow')) return { status: 200, delayMs: 10_000 };
      if (request.path.endsWith('/fail')) return { status: 500 };
      return { status: 204 };
    },
  });
  stack = await startStack({
    databaseUrl: database.url,
    kafkaBrokers: process.env['KAFKA_BROKERS']!,
    serviceEnv: {
      'api-gateway': { HOOKPORT_RATE_LIMIT_API_KEY: '0', HOOKPORT_LOG_LEVEL: 'warn' },
      delivery: { HOOKPORT_LOG_LEVEL: 'warn' },
    },
  });
});

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
  await database?.drop();
});

it('measures healthy endpoints while 10 % of endpoints are slow or failing', async () => {
  const client = gatewayClient(stack.gatewayUrl, stack.adminKey);

  // One run: an application whose endpoints are named by what they answer; returns the healthy
  // endpoints' latencies from POST start to the receiver having read the request.
  const run = async (phase: 'warm-up' | 'clean' | 'degraded') => {
    const bad = phase === 'degraded' ? Math.max(2, Math.round(options.endpoints / 10)) : 0;
    const kinds = Array.from({ length: options.endpoints }, (_, i) =>
      i < bad / 2 ? 'slow' : i < bad ? 'fail' : 'ok',
    );
    await client.call('POST', '/api/v1/app', { name: phase, uid: phase });
    await runPool(
      kinds.map((kind, i) => ({ kind, i })),
      8,
      async ({ kind, i }) => {
        await client.call('POST', `/api/v1/app/${phase}/endpoint`, {
          url: `${receiver.url}/${phase}/${i}/${kind}`,
        });
      },
    );
    const healthy = kinds.filter((kind) => kind === 'ok').length;
    const isHealthy = (path: string) => path.startsWith(`/${phase}/`) && path.endsWith('/ok');
    const sentAt = new Map<number, number>();
    const total = options.rate * options.seconds;
    const interval = 1000 / options.rate;
    const begin = Date.now();
    const inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < total; i += 1) {
      const wait = begin + i * interval - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sentAt.set(i, performance.timeOrigin + performance.now());
      inFlight.push(
        client.call('POST', `/api/v1/app/${phase}/msg`, {
          eventType: 'bench.isolation',
          payload: { i },
        }),
      );
    }
    await Promise.all(inFlight);
    const healthyRequests = () => receiver.requests.filter((request) => isHealthy(request.path));
    await waitFor(() => healthyRequests().length >= total * healthy, 180_000);
    const latencies = healthyRequests().map((request) => {
      const i = (JSON.parse(request.body) as { i: number }).i;
      return request.receivedAt - sentAt.get(i)!;
    });
    return { endpoints: options.endpoints, slow: bad / 2, failing: bad / 2, ...summary(latencies) };
  };

  // Unreported: freshly started services are slower until their code is compiled, which made
  // the clean run (first) look worse than the degraded one.
  await run('warm-up');
  const clean = await run('clean');
  const degraded = await run('degraded');
  await client.close();
  const report = {
    ratePerSecond: options.rate,
    seconds: options.seconds,
    cleanHealthyMs: clean,
    degradedHealthyMs: degraded,
    p99Ratio: Number((Number(degraded.p99) / Number(clean.p99)).toFixed(2)),
  };
  console.log(`\n[bench:delivery-isolation] ${JSON.stringify(report, null, 2)}\n`);
});
