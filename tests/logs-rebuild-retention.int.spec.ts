import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTestDatabase,
  eventually,
  findRepoRoot,
  startReceiver,
  startStack,
  type ApiClient,
  type Receiver,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

const run = promisify(execFile);

/** Every read model's rows, in a stable order: what a rebuild must reproduce exactly. */
const snapshot = async (database: TestDatabase) => ({
  messages: (await database.query('SELECT * FROM logs.messages ORDER BY id')).rows,
  deliveries: (
    await database.query('SELECT * FROM logs.deliveries ORDER BY message_id, endpoint_id')
  ).rows,
  attempts: (await database.query('SELECT * FROM logs.attempts ORDER BY id')).rows,
  health: (await database.query('SELECT * FROM logs.endpoint_health ORDER BY endpoint_id')).rows,
  stats: (await database.query('SELECT * FROM logs.endpoint_stats ORDER BY endpoint_id, bucket'))
    .rows,
});

describe('rebuilding the delivery log from the events', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver({
      respondWith: (request) =>
        request.path === '/gone'
          ? { status: 410 }
          : request.path === '/fail'
            ? { status: 500 }
            : { status: 200 },
    });
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      // Two attempts each; no circuit breaking, so everything settles quickly.
      serviceEnv: {
        delivery: { HOOKPORT_RETRY_SCHEDULE: '0,1', HOOKPORT_CIRCUIT_FAILURE_THRESHOLD: '1000' },
      },
    });
    client = api(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('replays the topic into the same rows, repairing what was damaged', async () => {
    const appId = (await client.post('/api/v1/app', { name: 'Rebuild Co' })).body.id;
    for (const path of ['/ok', '/fail', '/gone']) {
      await client.post(`/api/v1/app/${appId}/endpoint`, { url: `${receiver.url}${path}` });
    }
    const sent: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      sent.push(
        (await client.post(`/api/v1/app/${appId}/msg`, { eventType: 'x.y', payload: { i } })).body
          .id,
      );
    }
    // Settled: 5 to /ok, 2 attempts each to /fail, /gone disabled after its first 410.
    await eventually(
      async () => {
        const { rows } = await database.query<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM logs.deliveries GROUP BY status ORDER BY status`,
        );
        expect(rows.find((row) => row.status === 'pending')).toBeUndefined();
        expect(rows.find((row) => row.status === 'retrying')).toBeUndefined();
        const attempts = await database.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM logs.attempts',
        );
        expect(attempts.rows[0]!.n).toBeGreaterThanOrEqual(5 + 10 + 1);
      },
      { timeoutMs: 20_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // nothing else in flight
    const before = await snapshot(database);
    expect(before.messages).toHaveLength(5);

    // Damage the read models: rebuild must restore them from the events alone.
    await database.query(`UPDATE logs.deliveries SET status = 'tampered'`);
    await database.query(
      `DELETE FROM logs.attempts WHERE id IN (SELECT id FROM logs.attempts LIMIT 3)`,
    );
    await database.query(`DELETE FROM logs.messages WHERE id = $1`, [sent[0]]);
    await database.query(`UPDATE logs.endpoint_stats SET succeeded = 999`);

    const { stdout } = await run(
      process.execPath,
      [join(findRepoRoot(), 'services/logs/dist/main.js'), '--rebuild'],
      { env: { ...process.env, ...stack.env, HOOKPORT_LOG_LEVEL: 'warn' }, timeout: 60_000 },
    );
    const report = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(report.rebuilt['logs.messages']).toBe(5);
    expect(report.eventsReplayed).toBeGreaterThan(0);

    const after = await snapshot(database);
    expect(after).toEqual(before);
    // The running logs service goes on projecting new events on top.
    const next = (
      await client.post(`/api/v1/app/${appId}/msg`, { eventType: 'x.y', payload: { i: 5 } })
    ).body.id;
    await eventually(async () =>
      expect((await client.get(`/api/v1/app/${appId}/msg/${next}`)).status).toBe(200),
    );
  });

  it('shows its consumer lag on readiness and as a metric', async () => {
    await eventually(async () => {
      const ready = await fetch(`${stack.urls.logs}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', consumerLagEvents: 0 });
    });
    const metrics = await (await fetch(`${stack.urls.logs}/metrics`)).text();
    expect(metrics).toMatch(/^hookport_consumer_lag_events\{[^}]*\} \d+$/m);
  });
});

describe('retention', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  const RETENTION_SECONDS = 6;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      serviceEnv: {
        logs: {
          HOOKPORT_RETENTION_DAYS: String(RETENTION_SECONDS / 86_400),
          HOOKPORT_RETENTION_SWEEP_SECONDS: '1',
        },
        delivery: {
          HOOKPORT_RETENTION_DAYS: String(RETENTION_SECONDS / 86_400),
          HOOKPORT_RETENTION_SWEEP_SECONDS: '1',
        },
      },
    });
    client = api(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  /** What the delivery service still holds of a message. */
  const deliveryRows = async (messageId: string) =>
    (
      await database.query<{ messages: number; deliveries: number; events: number }>(
        `SELECT (SELECT count(*) FROM delivery.messages WHERE id = $1)::int AS messages,
                (SELECT count(*) FROM delivery.deliveries WHERE message_id = $1)::int AS deliveries,
                (SELECT count(*) FROM delivery.events
                  WHERE stream_id = $1 OR stream_id LIKE $1 || ':%')::int AS events`,
        [messageId],
      )
    ).rows[0];

  it('purges messages, their deliveries and attempts once past their retention', async () => {
    const appId = (await client.post('/api/v1/app', { name: 'Retention Co' })).body.id;
    const endpoint = (
      await client.post(`/api/v1/app/${appId}/endpoint`, { url: `${receiver.url}/r` })
    ).body.id;
    const old = (
      await client.post(`/api/v1/app/${appId}/msg`, { eventType: 'x.y', payload: { n: 1 } })
    ).body.id;
    await eventually(async () =>
      expect((await client.get(`/api/v1/app/${appId}/attempt/msg/${old}`)).body.data).toHaveLength(
        1,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, (RETENTION_SECONDS - 2) * 1000));
    const recent = (
      await client.post(`/api/v1/app/${appId}/msg`, { eventType: 'x.y', payload: { n: 2 } })
    ).body.id;
    await eventually(
      async () => {
        expect((await client.get(`/api/v1/app/${appId}/msg/${old}`)).status).toBe(404);
        const attempts = await database.query('SELECT 1 FROM logs.attempts WHERE message_id = $1', [
          old,
        ]);
        expect(attempts.rows).toEqual([]);
        const deliveries = await database.query(
          'SELECT 1 FROM logs.deliveries WHERE message_id = $1',
          [old],
        );
        expect(deliveries.rows).toEqual([]);
        // Delivery's own copy goes too: the message row with its payload, its queued
        // deliveries, and its events (the payload is in the message's event).
        expect(await deliveryRows(old)).toEqual({ messages: 0, deliveries: 0, events: 0 });
      },
      { timeoutMs: 6_000 },
    );
    expect(await deliveryRows(recent)).toEqual({ messages: 1, deliveries: 1, events: 2 });
    expect((await client.get(`/api/v1/app/${appId}/msg/${recent}`)).status).toBe(200);
    const list = await client.get(`/api/v1/app/${appId}/msg`);
    expect(list.body.data.map((message: { id: string }) => message.id)).toEqual([recent]);
    expect((await client.get(`/api/v1/app/${appId}/endpoint/${endpoint}/stats`)).status).toBe(200);
  });
});
