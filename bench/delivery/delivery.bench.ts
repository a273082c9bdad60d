import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import {
  createTestDatabase,
  findRepoRoot,
  startReceiver,
  startStack,
  type Receiver,
  type ServiceName,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';
import {
  cpuMeter,
  cpuPer,
  eventLoopDelayP99Ms,
  flags,
  gatewayClient,
  memoryMb,
  runPool,
  sampleProjectionLag,
  summary,
  waitFor,
} from '../bench-kit';

/**
 * The delivery path, measured end to end on the real stack (gateway, delivery, Kafka, Postgres,
 * a local receiver answering 200 at once):
 *   ingest  - POST /msg throughput and latency at a fixed concurrency, then open loop at rising
 *             rates (100, 200, ... per second): the highest whose 202s have p99 under 50 ms
 *   fanout  - one message to many endpoints, many times: attempts per second
 *   latency - messages at a fixed rate: time from POST to the receiver having the request
 * plus CPU per message and per 1,000 deliveries of each service, of Postgres, Kafka and the
 * benchmark itself, and resident memory of each service.
 */
const options = flags({
  ingest: 5_000,
  concurrency: 32,
  endpoints: 50,
  fanout: 200,
  rate: 200,
  seconds: 20,
  /** Steps of the open-loop ingest ladder (100 messages/s each) and seconds per step. */
  ladder: 6,
  ladderSeconds: 5,
  /** Seconds at rest before the load, to measure what each process costs doing nothing. */
  rest: 5,
  /** 1: each service writes a CPU profile (.cpuprofile) into .artifacts/profiles when it stops. */
  profile: 0,
});
const SERVICES: ServiceName[] = ['api-gateway', 'delivery', 'endpoints', 'logs', 'portal-session'];

let database: TestDatabase;
let stack: Stack;
let receiver: Receiver;

/**
 * Calls `send` `rate` times a second for `seconds`, on schedule whatever the answers (open
 * loop): the latency of each call, and the calls answered per second.
 */
const openLoop = async (rate: number, seconds: number, send: (i: number) => Promise<unknown>) => {
  const total = rate * seconds;
  const ms: number[] = [];
  const begin = performance.now();
  const calls: Promise<unknown>[] = [];
  for (let i = 0; i < total; i += 1) {
    const wait = begin + (i * 1000) / rate - performance.now();
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const start = performance.now();
    calls.push(send(i).then(() => ms.push(performance.now() - start)));
  }
  await Promise.all(calls);
  return { ms, answeredPerSecond: Math.round(total / ((performance.now() - begin) / 1000)) };
};

/** Each service's p99 event-loop delay, in ms, since the previous scrape. */
const eventLoopDelayP99 = async (): Promise<Record<string, number>> =>
  Object.fromEntries(
    await Promise.all(
      SERVICES.map(async (name) => [name, await eventLoopDelayP99Ms(stack.metricsUrls[name])]),
    ),
  );

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiver({ respondWith: () => ({ status: 204 }) });
  stack = await startStack({
    databaseUrl: database.url,
    kafkaBrokers: process.env['KAFKA_BROKERS']!,
    serviceEnv: {
      'api-gateway': { HOOKPORT_RATE_LIMIT_API_KEY: '0', HOOKPORT_LOG_LEVEL: 'warn' },
      delivery: { HOOKPORT_ENDPOINT_CONCURRENCY: '256', HOOKPORT_LOG_LEVEL: 'warn' },
    },
    nodeArgs: options.profile
      ? Object.fromEntries(
          SERVICES.map((name) => [
            name,
            options.profile === 2
              ? ['--perf-basic-prof']
              : ['--cpu-prof', `--cpu-prof-dir=${join(findRepoRoot(), '.artifacts/profiles')}`],
          ]),
        )
      : undefined,
  });
});

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
  await database?.drop();
});

it('measures ingest, fan-out and end-to-end latency', async () => {
  const client = gatewayClient(stack.gatewayUrl, stack.adminKey);
  const report: Record<string, unknown> = {};
  const cpu = cpuMeter(Object.fromEntries(SERVICES.map((name) => [name, stack.pid(name)!])));

  // At rest: what every process costs with nothing to do (polling, consumers' fetches, timers).
  const restCpu = cpu.start();
  await new Promise((resolve) => setTimeout(resolve, options.rest * 1000));
  report['rest'] = {
    seconds: options.rest,
    cpuMsPerSecond: cpuPer(restCpu.stop(), options.rest, 1000, 1),
  };

  // Ingest: one endpoint, N messages at a fixed concurrency.
  await client.call('POST', '/api/v1/app', { name: 'Ingest', uid: 'ingest' });
  await client.call('POST', '/api/v1/app/ingest/endpoint', { url: `${receiver.url}/ingest` });
  const ingestMs: number[] = [];
  const ingestCpu = cpu.start();
  let started = performance.now();
  await runPool(
    Array.from({ length: options.ingest }, (_, i) => i),
    options.concurrency,
    async (i) => {
      const { ms } = await client.call('POST', '/api/v1/app/ingest/msg', {
        eventType: 'bench.ingest',
        payload: { i, text: 'x'.repeat(200) },
      });
      ingestMs.push(ms);
    },
  );
  const ingestSeconds = (performance.now() - started) / 1000;
  const ingestCpuSeconds = ingestCpu.stop();
  await waitFor(() => receiver.requestsTo('/ingest').length >= options.ingest, 300_000);
  const deliveredSeconds = (performance.now() - started) / 1000;
  report['ingest'] = {
    messages: options.ingest,
    concurrency: options.concurrency,
    acceptedPerSecond: Math.round(options.ingest / ingestSeconds),
    latencyMs: summary(ingestMs),
    allDeliveredAfterSeconds: Number(deliveredSeconds.toFixed(1)),
    // While accepting (its deliveries run alongside): where the CPU per message goes.
    cpuMsPerMessage: cpuPer(ingestCpuSeconds, options.ingest, 1000),
  };

  // The figure: durable accepts per second with p99 under 50 ms. Open loop, rising by
  // 100 messages/s a step, until the p99 passes 50 ms (or the box falls behind the rate).
  const ladder: { askedPerSecond: number; answeredPerSecond: number; p50: string; p99: string }[] =
    [];
  for (let step = 1; step <= options.ladder; step += 1) {
    const rate = step * 100;
    const { ms, answeredPerSecond } = await openLoop(rate, options.ladderSeconds, (i) =>
      client.call('POST', '/api/v1/app/ingest/msg', {
        eventType: 'bench.ingest',
        payload: { step, i, text: 'x'.repeat(200) },
      }),
    );
    const { p50, p99 } = summary(ms);
    ladder.push({ askedPerSecond: rate, answeredPerSecond, p50, p99 });
    if (Number(p99) >= 50 || answeredPerSecond < rate * 0.95) break;
  }
  // Every ladder message delivered before the fan-out counts the receiver's requests.
  const ladderMessages = ladder.reduce(
    (sum, step) => sum + step.askedPerSecond * options.ladderSeconds,
    0,
  );
  await waitFor(
    () => receiver.requestsTo('/ingest').length >= options.ingest + ladderMessages,
    300_000,
  );
  const underTarget = ladder.filter(
    (step) => Number(step.p99) < 50 && step.answeredPerSecond >= step.askedPerSecond * 0.95,
  );
  report['ingestOpenLoop'] = {
    secondsPerStep: options.ladderSeconds,
    steps: ladder,
    highestRateWithP99Under50Ms: underTarget.at(-1)?.askedPerSecond ?? 0,
  };

  // Fan-out: each message to every one of E endpoints.
  await client.call('POST', '/api/v1/app', { name: 'Fanout', uid: 'fanout' });
  await runPool(
    Array.from({ length: options.endpoints }, (_, i) => i),
    8,
    async (i) => {
      await client.call('POST', '/api/v1/app/fanout/endpoint', { url: `${receiver.url}/fan/${i}` });
    },
  );
  const before = receiver.requests.length;
  const fanoutCpu = cpu.start();
  const lag = sampleProjectionLag(stack.urls.logs);
  started = performance.now();
  await runPool(
    Array.from({ length: options.fanout }, (_, i) => i),
    options.concurrency,
    async (i) => {
      await client.call('POST', '/api/v1/app/fanout/msg', {
        eventType: 'bench.fanout',
        payload: { i },
      });
    },
  );
  const acceptedSeconds = (performance.now() - started) / 1000;
  const attempts = options.fanout * options.endpoints;
  await waitFor(() => receiver.requests.length - before >= attempts, 3_600_000);
  const fanoutSeconds = (performance.now() - started) / 1000;
  const fanoutCpuSeconds = fanoutCpu.stop();
  // The logs projection: how long until the delivery log shows every attempt.
  const fanoutApp = (
    await database.query<{ id: string }>(
      "SELECT id FROM endpoints.applications WHERE uid = 'fanout'",
    )
  ).rows[0]!.id;
  const projected = async () =>
    (
      await database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM logs.attempts WHERE app_id = $1',
        [fanoutApp],
      )
    ).rows[0]!.n;
  while ((await projected()) < attempts) await new Promise((resolve) => setTimeout(resolve, 200));
  const projectedSeconds = (performance.now() - started) / 1000;
  const lagDuringFanout = lag.stop();
  const servicesCpu = SERVICES.reduce((sum, name) => sum + fanoutCpuSeconds[name]!, 0);
  const everythingCpu = Object.values(fanoutCpuSeconds).reduce((sum, value) => sum + value, 0);
  report['fanout'] = {
    messages: options.fanout,
    endpoints: options.endpoints,
    attempts,
    attemptsPerSecond: Math.round(attempts / fanoutSeconds),
    // From the first POST: every message accepted, every attempt delivered, every attempt
    // (and message) in the delivery log; drain is the time from the last accept to the last
    // delivery.
    acceptedAfterSeconds: Number(acceptedSeconds.toFixed(1)),
    deliveredAfterSeconds: Number(fanoutSeconds.toFixed(1)),
    drainSeconds: Number((fanoutSeconds - acceptedSeconds).toFixed(1)),
    projectedAfterSeconds: Number(projectedSeconds.toFixed(1)),
    projectionEventsPerSecond: Math.round((attempts + options.fanout) / projectedSeconds),
    projectionLagEvents: lagDuringFanout,
    // Until every attempt was delivered. The services' sum, then everything on the box.
    cpuSecondsPer1000Deliveries: Number(((servicesCpu / attempts) * 1000).toFixed(3)),
    cpuSecondsPer1000DeliveriesAllProcesses: Number(((everythingCpu / attempts) * 1000).toFixed(3)),
    cpuSecondsPer1000DeliveriesByProcess: cpuPer(fanoutCpuSeconds, attempts, 1000, 3),
  };

  // Latency at a fixed rate: POST start to the receiver having read the request.
  await client.call('POST', '/api/v1/app', { name: 'Latency', uid: 'latency' });
  await client.call('POST', '/api/v1/app/latency/endpoint', { url: `${receiver.url}/latency` });
  await eventLoopDelayP99(); // prom-client restarts its event-loop histogram on each scrape
  const sentAt = new Map<number, number>();
  const total = options.rate * options.seconds;
  const interval = 1000 / options.rate;
  const latencyCpu = cpu.start();
  const begin = Date.now();
  const inFlight: Promise<unknown>[] = [];
  const acceptMs: number[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = begin + i * interval;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const start = performance.now();
    sentAt.set(i, performance.timeOrigin + start);
    inFlight.push(
      client
        .call('POST', '/api/v1/app/latency/msg', { eventType: 'bench.latency', payload: { i } })
        .then(() => acceptMs.push(performance.now() - start)),
    );
  }
  await Promise.all(inFlight);
  await waitFor(() => receiver.requestsTo('/latency').length >= total, 120_000);
  const latencies = receiver.requestsTo('/latency').map((request) => {
    const i = (JSON.parse(request.body) as { i: number }).i;
    return request.receivedAt - sentAt.get(i)!;
  });
  report['latency'] = {
    ratePerSecond: options.rate,
    seconds: options.seconds,
    endToEndMs: summary(latencies),
    // The 202's share of it: the rest is the time from commit to the receiver.
    acceptMs: summary(acceptMs),
    // How late each service's event loop ran its callbacks during the run: time a request
    // waits for a busy process, not for Postgres or Kafka.
    eventLoopDelayP99Ms: await eventLoopDelayP99(),
    cpuMsPerMessage: cpuPer(latencyCpu.stop(), total, 1000),
  };
  report['rssMb'] = Object.fromEntries(
    SERVICES.map((name) => [name, Math.round(memoryMb(stack.pid(name)!))]),
  );
  await client.close();
  console.log(`\n[bench:delivery] ${JSON.stringify(report, null, 2)}\n`);
});
