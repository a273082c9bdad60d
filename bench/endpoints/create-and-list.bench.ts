import { afterAll, beforeAll, it } from 'vitest';
import { createTestDatabase, startStack, type Stack, type TestDatabase } from '@hookport/testing';
import { flags, gatewayClient, runPool, summary } from '../bench-kit';

/**
 * Issue 3's benchmark: create endpoints across applications through the gateway (every create
 * is an event-sourced write with its outbox row), then list them. Prints create/s and list
 * latency percentiles. `npm run bench:endpoints -- --apps 1000 --endpoints 10000`.
 */
const options = flags({ apps: 1000, endpoints: 10_000, concurrency: 32, lists: 2000 });
let database: TestDatabase;
let stack: Stack;

beforeAll(async () => {
  database = await createTestDatabase();
  stack = await startStack({
    databaseUrl: database.url,
    kafkaBrokers: process.env['KAFKA_BROKERS']!,
    // One key drives the whole load: measure the API, not the per-key rate limit.
    serviceEnv: { 'api-gateway': { HOOKPORT_RATE_LIMIT_API_KEY: '0' } },
  });
});

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

it(`creates ${options.endpoints} endpoints across ${options.apps} applications, then lists them`, async () => {
  const client = gatewayClient(stack.gatewayUrl, stack.adminKey);
  const apps = Array.from({ length: options.apps }, (_, i) => `bench-app-${i}`);
  let started = performance.now();
  await runPool(apps, options.concurrency, async (uid) => {
    await client.call('POST', '/api/v1/app', { name: uid, uid });
  });
  const appSeconds = (performance.now() - started) / 1000;

  const creates: number[] = [];
  const endpoints = Array.from({ length: options.endpoints }, (_, i) => i);
  started = performance.now();
  await runPool(endpoints, options.concurrency, async (i) => {
    const { ms } = await client.call('POST', `/api/v1/app/${apps[i % apps.length]}/endpoint`, {
      url: `http://127.0.0.1:9/bench/${i}`,
      description: `bench endpoint ${i}`,
    });
    creates.push(ms);
  });
  const createSeconds = (performance.now() - started) / 1000;

  const lists: number[] = [];
  await runPool(
    Array.from({ length: options.lists }, (_, i) => i),
    options.concurrency,
    async (i) => {
      const { ms } = await client.call(
        'GET',
        `/api/v1/app/${apps[(i * 7919) % apps.length]}/endpoint?limit=50`,
      );
      lists.push(ms);
    },
  );
  await client.close();

  console.log(
    JSON.stringify(
      {
        benchmark: 'endpoints: create and list',
        options,
        applications: { count: options.apps, perSecond: Math.round(options.apps / appSeconds) },
        endpointCreate: {
          perSecond: Math.round(options.endpoints / createSeconds),
          latencyMs: summary(creates),
        },
        endpointList: { latencyMs: summary(lists) },
      },
      null,
      2,
    ),
  );
});
