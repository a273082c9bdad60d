import { afterAll, beforeAll, it } from 'vitest';
import {
  createTestDatabase,
  startReceiver,
  startStack,
  type Receiver,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';
import { flags, gatewayClient, runPool, summary, waitFor } from '../bench-kit';

/**
 * Isolation: messages at a fixed rate fanned out to E endpoints, with every endpoint healthy
 * (clean) and with 10 % of them bad (half answering after 10 s, half answering 500: degraded).
 * Prints the healthy endpoints' accept-to-receive latency in both and the p99 ratio (the issue's
 * target: within 1.2x of the clean run).
 *
 * Clean and degraded runs alternate, `rounds` of each, and the figures pool each kind's
 * latencies. One run against the other measured the box more than the isolation: a single stall
 * of 100-500 ms delays every endpoint of the few messages in flight and alone sets a run's p99,
 * in whichever run it falls (here: commits waiting for Postgres to flush its WAL to the disk).
 * `stalledMessages` counts messages that reached even their fastest healthy endpoint late (over
 * 50 ms): slowness the bad endpoints cannot have caused, since it hit every endpoint alike.
 */
const options = flags({ endpoints: 20, rate: 20, seconds: 15, rounds: 4 });

let database: TestDatabase;
let stack: Stack;
let receiver: Receiver;

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
  const run = async (mode: 'warm-up' | 'clean' | 'degraded', round: number) => {
    const phase = `${mode}-${round}`;
    const bad = mode === 'degraded' ? Math.max(2, Math.round(options.endpoints / 10)) : 0;
    const kinds = Array.from({ length: options.endpoints }, (_, i) =>
      i < bad / 2 ? 'slow' : i < bad ? 'fail' : 'ok',
    );
    await client.call('POST', '/api/v1/app', { name: phase, uid: phase });
    const badEndpoints: string[] = [];
    await runPool(
      kinds.map((kind, i) => ({ kind, i })),
      8,
      async ({ kind, i }) => {
        const { body } = await client.call('POST', `/api/v1/app/${phase}/endpoint`, {
          url: `${receiver.url}/${phase}/${i}/${kind}`,
        });
        if (kind !== 'ok') badEndpoints.push(body['id'] as string);
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
    // The next clean run must be clean: the slow endpoint's backlog (it takes 10 s an answer)
    // and the failing one's retries would otherwise go on through it. Deleting an endpoint
    // settles its queued deliveries unsent; the few already in flight end within 10 s.
    for (const id of badEndpoints)
      await client.call('DELETE', `/api/v1/app/${phase}/endpoint/${id}`);
    const latencies: number[] = [];
    const fastest = new Map<number, number>();
    for (const request of healthyRequests()) {
      const i = (JSON.parse(request.body) as { i: number }).i;
      const ms = request.receivedAt - sentAt.get(i)!;
      latencies.push(ms);
      fastest.set(i, Math.min(ms, fastest.get(i) ?? Infinity));
    }
    const stalled = [...fastest.values()].filter((ms) => ms > 50).length;
    // The receiver runs in this process: tens of thousands of kept requests made its garbage
    // collections longer run after run, and its pauses are every endpoint's latency alike.
    receiver.reset();
    return { bad, latencies, stalled };
  };

  // Unreported: freshly started services are slower until their code is compiled, which made
  // the first measured run look worse than the later ones.
  await run('warm-up', 0);
  type Run = Awaited<ReturnType<typeof run>>;
  const runs: { clean: Run[]; degraded: Run[] } = { clean: [], degraded: [] };
  // In the order clean, degraded, degraded, clean, clean, ...: neither kind runs later on the
  // whole, so what grows during the benchmark (tables, heaps, the aftermath of a degraded run)
  // weighs on both alike. Clean always first made the degraded runs the later ones.
  for (let round = 1; round <= options.rounds; round += 1) {
    const order =
      round % 2 === 1 ? (['clean', 'degraded'] as const) : (['degraded', 'clean'] as const);
    for (const mode of order) runs[mode].push(await run(mode, round));
  }
  await client.close();
  const pooled = (kind: keyof typeof runs) => ({
    endpoints: options.endpoints,
    bad: runs[kind][0]!.bad,
    ...summary(runs[kind].flatMap((r) => r.latencies)),
    p99PerRound: runs[kind].map((r) => summary(r.latencies).p99),
    stalledMessages: runs[kind].reduce((sum, r) => sum + r.stalled, 0),
  });
  const clean = pooled('clean');
  const degraded = pooled('degraded');
  const report = {
    ratePerSecond: options.rate,
    seconds: options.seconds,
    rounds: options.rounds,
    cleanHealthyMs: clean,
    degradedHealthyMs: degraded,
    p99Ratio: Number((Number(degraded.p99) / Number(clean.p99)).toFixed(2)),
  };
  console.log(`\n[bench:delivery-isolation] ${JSON.stringify(report, null, 2)}\n`);
});
