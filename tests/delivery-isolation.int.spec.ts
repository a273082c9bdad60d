import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  portalToken,
  type ApiClient,
  type Receiver,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The most requests a receiver was answering at once, from arrival times and a fixed delay. */
const maxOverlap = (arrivals: number[], durationMs: number): number =>
  Math.max(
    0,
    ...arrivals.map((start) => arrivals.filter((t) => t <= start && start < t + durationMs).length),
  );

/**
 * Endpoint isolation on the real stack: a per-endpoint rate limit and concurrency cap that hold
 * deliveries back without failing them or delaying other endpoints; staged health (failing,
 * then disabled, then healthy again); and recover of an endpoint's failed deliveries.
 */
describe('endpoint isolation, health and recover', () => {
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;
  const failing = new Set<string>();

  beforeAll(async () => {
    env = await startTestStack({
      receiver: {
        respondWith: (request) =>
          failing.has(request.path)
            ? { status: 500, body: 'down' }
            : request.path.startsWith('/slow')
              ? { status: 200, delayMs: 1500 }
              : { status: 200 },
      },
      stack: {
        serviceEnv: {
          delivery: {
            HOOKPORT_ENDPOINT_CONCURRENCY: '2',
            HOOKPORT_DELIVERY_CONCURRENCY: '8',
            HOOKPORT_RETRY_SCHEDULE: '0',
            HOOKPORT_CIRCUIT_FAILURE_THRESHOLD: '1000',
            HOOKPORT_DISABLE_AFTER_HOURS: String(3 / 3600),
          },
        },
      },
    });
    ({ receiver, client } = env);
  });

  afterAll(() => env?.stop());

  const app = async (name: string) =>
    (await client.post('/api/v1/app', { name })).body.id as string;
  const endpoint = async (appId: string, path: string, extra: Record<string, unknown> = {}) =>
    (
      await client.post(`/api/v1/app/${appId}/endpoint`, {
        url: `${receiver.url}${path}`,
        ...extra,
      })
    ).body.id as string;
  const send = async (appId: string, count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const message = await client.post(`/api/v1/app/${appId}/msg`, {
        eventType: 'x.y',
        payload: { i },
      });
      expect(message.status).toBe(202);
      ids.push(message.body.id);
    }
    return ids;
  };

  it('holds a rate-limited endpoint to its rate while another endpoint gets everything at once', async () => {
    const appId = await app('Rate Co');
    await endpoint(appId, '/limited', { rateLimit: 2 });
    await endpoint(appId, '/free');
    await send(appId, 8);
    await eventually(() => expect(receiver.requestsTo('/free')).toHaveLength(8), {
      timeoutMs: 3000,
    });
    await eventually(() => expect(receiver.requestsTo('/limited')).toHaveLength(8), {
      timeoutMs: 15_000,
    });
    const limited = receiver.requestsTo('/limited').map((request) => request.receivedAt);
    const free = receiver.requestsTo('/free').map((request) => request.receivedAt);
    // A bucket of 2 and 2 per second: 8 deliveries need at least 3 s; none failed meanwhile.
    expect(Math.max(...limited) - Math.min(...limited)).toBeGreaterThanOrEqual(2_500);
    expect(Math.max(...free) - Math.min(...free)).toBeLessThan(2_000);
    const attempts = await client.get(`/api/v1/app/${appId}/msg`);
    expect(attempts.body.data).toHaveLength(8);
  });

  it('never has more than the cap in flight to a slow endpoint, and others do not wait for it', async () => {
    const slowApp = await app('Slow Co');
    const fastApp = await app('Fast Co');
    await endpoint(slowApp, '/slow');
    await endpoint(fastApp, '/fast');
    await send(slowApp, 8); // 8 x 1.5 s at 2 at a time: 6 s
    await sleep(200);
    const fastSentAt = Date.now();
    await send(fastApp, 6);
    await eventually(() => expect(receiver.requestsTo('/fast')).toHaveLength(6), {
      timeoutMs: 3000,
    });
    expect(
      Math.max(...receiver.requestsTo('/fast').map((request) => request.receivedAt)) - fastSentAt,
    ).toBeLessThan(2_000);
    await eventually(() => expect(receiver.requestsTo('/slow')).toHaveLength(8), {
      timeoutMs: 15_000,
    });
    const arrivals = receiver.requestsTo('/slow').map((request) => request.receivedAt);
    expect(maxOverlap(arrivals, 1500)).toBeLessThanOrEqual(2);
  });

  it('runs no claim per send to others while a slow endpoint is at its cap', async () => {
    // Claims of the queue so far, from the delivery service's metrics.
    const claims = async () => {
      const text = await (await fetch(`${env.stack.urls.delivery}/metrics`)).text();
      return Number(/^hookport_delivery_claims_total(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1]);
    };
    const slowApp = await app('Capped Co');
    const busyApp = await app('Busy Co');
    await endpoint(slowApp, '/slow-capped');
    await endpoint(busyApp, '/busy');
    await send(slowApp, 8); // 8 x 1.5 s at 2 at a time: held at its cap for 6 s
    await sleep(200);
    const before = await claims();
    await send(busyApp, 40);
    await eventually(() => expect(receiver.requestsTo('/busy')).toHaveLength(40), {
      timeoutMs: 5_000,
    });
    // Each of the 40 went out at ingest; the claim loop only polls (every 250 ms) meanwhile.
    // Claiming again after every finished send, as it did while any endpoint was held, ran
    // one claim per delivery.
    expect((await claims()) - before).toBeLessThan(20);
    await eventually(() => expect(receiver.requestsTo('/slow-capped')).toHaveLength(8), {
      timeoutMs: 15_000,
    });
  });

  it('marks a failing endpoint failing, disables it after the period, and heals on success', async () => {
    const appId = await app('Health Co');
    const flaky = await endpoint(appId, '/flaky');
    failing.add('/flaky');
    await send(appId, 1);
    const token = await portalToken(client, appId);
    const healthOf = async () =>
      (await client.get('/portal-api/v1/endpoints/health', { token })).body.data.find(
        (row: { endpointId: string }) => row.endpointId === flaky,
      );
    await eventually(async () => expect((await healthOf())?.health).toBe('failing'));
    expect((await client.get(`/api/v1/app/${appId}/endpoint/${flaky}`)).body.disabled).toBe(false);

    // Still failing 3 s later: disabled, by delivery at once and by the endpoints service.
    await sleep(3_200);
    await send(appId, 1);
    await eventually(async () => {
      expect((await healthOf())?.health).toBe('disabled');
      expect((await client.get(`/api/v1/app/${appId}/endpoint/${flaky}`)).body.disabled).toBe(true);
    });
    const audit = await client.get(`/api/v1/app/${appId}/audit-log`);
    expect(JSON.stringify(audit.body)).toContain('every attempt failed');

    // The customer fixes it and enables it again: one success makes it healthy.
    failing.delete('/flaky');
    expect(
      (await client.patch(`/api/v1/app/${appId}/endpoint/${flaky}`, { disabled: false })).status,
    ).toBe(200);
    await sleep(500);
    await send(appId, 1);
    await eventually(async () => expect((await healthOf())?.health).toBe('healthy'));
  });

  it('recovers the failed deliveries since a time, after counting them in a dry run', async () => {
    const appId = await app('Recover Co');
    const target = await endpoint(appId, '/recover');
    failing.add('/recover');
    const [before] = await send(appId, 1);
    await eventually(async () =>
      expect(
        (await client.get(`/api/v1/app/${appId}/attempt/msg/${before}`)).body.data,
      ).toHaveLength(1),
    );
    await sleep(50);
    const since = new Date().toISOString();
    const failed = await send(appId, 3);
    await eventually(async () => {
      for (const id of failed)
        expect((await client.get(`/api/v1/app/${appId}/attempt/msg/${id}`)).body.data).toHaveLength(
          1,
        );
    });
    failing.delete('/recover');
    const path = `/api/v1/app/${appId}/endpoint/${target}/recover`;
    const dryRun = await client.post(path, { since, dryRun: true });
    expect(dryRun.status, JSON.stringify(dryRun.body)).toBe(202);
    expect(dryRun.body).toMatchObject({ dryRun: true, count: 3, task: 'endpoint.recover' });
    expect(receiver.requestsTo('/recover')).toHaveLength(4); // nothing re-sent by a dry run

    // A viewer may not recover; an editor may, through the portal.
    const session = (role: string) => portalToken(client, appId, { role });
    const portalPath = `/portal-api/v1/endpoints/${target}/recover`;
    expect(
      (await client.post(portalPath, { since }, { token: await session('viewer') })).status,
    ).toBe(403);
    const recovered = await client.post(portalPath, { since }, { token: await session('editor') });
    expect(recovered.body).toMatchObject({ dryRun: false, count: 3 });
    await eventually(() => expect(receiver.requestsTo('/recover')).toHaveLength(7));
    const resent = receiver
      .requestsTo('/recover')
      .slice(4)
      .map((request) => request.headers['webhook-id']);
    expect(resent.sort()).toEqual([...failed].sort());
    await eventually(async () => {
      for (const id of failed) {
        const attempts = (await client.get(`/api/v1/app/${appId}/attempt/msg/${id}`)).body.data;
        expect(attempts.map((attempt: { status: number }) => attempt.status).sort()).toEqual([
          0, 2,
        ]);
      }
    });
    // Nothing left to recover; bad ranges refused.
    expect((await client.post(path, { since, dryRun: true })).body.count).toBe(0);
    expect((await client.post(path, { since: 'yesterday' })).status).toBe(422);
    expect((await client.post(path, { since, until: '2000-01-01T00:00:00Z' })).status).toBe(422);
  });
});
