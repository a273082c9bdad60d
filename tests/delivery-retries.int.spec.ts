import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  portalToken,
  type ApiClient,
  type Receiver,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

const secondsBetween = (a: { receivedAt: number }, b: { receivedAt: number }) =>
  (b.receivedAt - a.receivedAt) / 1000;

/**
 * Retries on the real stack with a short schedule (immediately, then 2 s): a failed delivery
 * comes back at the scheduled time, later when the endpoint asks with Retry-After, and a
 * `410 Gone` disables the endpoint instead of retrying.
 */
describe('retries, Retry-After, throttling and 410 Gone', () => {
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;

  beforeAll(async () => {
    env = await startTestStack({
      receiver: {
        respondWith: (request) => {
          const seen = receiver.requestsTo(request.url).length;
          if (request.url === '/flaky') return { status: seen <= 1 ? 503 : 200 };
          if (request.url === '/slow-down') {
            return seen <= 1 ? { status: 503, headers: { 'retry-after': '4' } } : { status: 200 };
          }
          if (request.url === '/throttled') {
            return seen <= 1 ? { status: 429, headers: { 'retry-after': '3' } } : { status: 200 };
          }
          if (request.url === '/gone') return { status: 410 };
          if (request.url.startsWith('/failing-')) return { status: 500 };
          // Answered late, so that every delivery is in flight when the first 410 comes back.
          if (request.url === '/gone-busy') return { status: 410, delayMs: 300 };
          // The first answers 410; the rest fail later, after the endpoint was disabled.
          if (request.url === '/gone-then-failing') {
            return seen <= 1 ? { status: 410, delayMs: 150 } : { status: 500, delayMs: 700 };
          }
          return { status: 200 };
        },
      },
      stack: {
        serviceEnv: { delivery: { HOOKPORT_RETRY_SCHEDULE: '0,2' } },
      },
    });
    ({ receiver, client } = env);
  });

  afterAll(() => env?.stop());

  const appWithEndpoint = async (uid: string, path: string) => {
    await client.post('/api/v1/app', { name: uid, uid });
    const endpoint = await client.post(`/api/v1/app/${uid}/endpoint`, {
      url: `${receiver.url}${path}`,
    });
    expect(endpoint.status).toBe(201);
    return endpoint.body.id as string;
  };

  it('delivers on the retry, at the scheduled time, after a 503', async () => {
    await appWithEndpoint('flaky', '/flaky');
    await client.post('/api/v1/app/flaky/msg', { eventType: 'retry.test', payload: {} });
    const [first, second] = await eventually(() => {
      const requests = receiver.requestsTo('/flaky');
      expect(requests).toHaveLength(2);
      return requests;
    });
    expect(first!.headers['webhook-id']).toBe(second!.headers['webhook-id']);
    // 2 s ± 20 % jitter, plus the dispatcher's polling.
    expect(secondsBetween(first!, second!)).toBeGreaterThanOrEqual(1.5);
    expect(secondsBetween(first!, second!)).toBeLessThan(3.5);
  });

  it('runs no extra claim of the queue for a failure whose retry is not due yet', async () => {
    // Claims of the queue so far, from the delivery service's metrics.
    const claims = async () => {
      const text = await (await fetch(`${env.stack.urls.delivery}/metrics`)).text();
      return Number(/^hookport_delivery_claims_total(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1]);
    };
    // One endpoint per application, so that no circuit opens (5 failures in a row would).
    const paths = Array.from({ length: 20 }, (_, i) => `/failing-${i}`);
    for (const [i, path] of paths.entries()) await appWithEndpoint(`failing-${i}`, path);
    const before = await claims();
    const startedAt = Date.now();
    for (const [i, path] of paths.entries()) {
      await client.post(`/api/v1/app/failing-${i}/msg`, { eventType: 'retry.test', payload: {} });
      await eventually(() => expect(receiver.requestsTo(path)).toHaveLength(1));
    }
    const elapsedMs = Date.now() - startedAt;
    // Each failure's retry is due in 2 s: the loop's own poll (every 250 ms) finds it then.
    // Waking the loop at every failure ran one or two empty claims each, 20 to 40 here.
    expect((await claims()) - before).toBeLessThanOrEqual(Math.ceil(elapsedMs / 250) + 4);
    await eventually(() => {
      for (const path of paths) expect(receiver.requestsTo(path)).toHaveLength(2);
    });
  });

  it('waits as long as Retry-After asks when that is longer than the schedule', async () => {
    await appWithEndpoint('slow-down', '/slow-down');
    await client.post('/api/v1/app/slow-down/msg', { eventType: 'retry.test', payload: {} });
    const [first, second] = await eventually(
      () => {
        const requests = receiver.requestsTo('/slow-down');
        expect(requests).toHaveLength(2);
        return requests;
      },
      { timeoutMs: 15_000 },
    );
    expect(secondsBetween(first!, second!)).toBeGreaterThanOrEqual(3.9);
  });

  it("holds the endpoint's other deliveries while it throttles with 429", async () => {
    await appWithEndpoint('throttled', '/throttled');
    await client.post('/api/v1/app/throttled/msg', { eventType: 'first', payload: {} });
    await eventually(() => expect(receiver.requestsTo('/throttled')).toHaveLength(1));
    await client.post('/api/v1/app/throttled/msg', { eventType: 'second', payload: {} });
    const requests = await eventually(
      () => {
        const received = receiver.requestsTo('/throttled');
        expect(received).toHaveLength(3);
        return received;
      },
      { timeoutMs: 15_000 },
    );
    // The second message waited for the end of the pause the endpoint asked for.
    expect(secondsBetween(requests[0]!, requests[1]!)).toBeGreaterThanOrEqual(2.9);
  });

  it('disables the endpoint on 410 Gone, without retrying, and says so in the audit log', async () => {
    const endpointId = await appWithEndpoint('gone', '/gone');
    await client.post('/api/v1/app/gone/msg', { eventType: 'gone.test', payload: {} });
    await eventually(async () => {
      const endpoint = await client.get(`/api/v1/app/gone/endpoint/${endpointId}`);
      expect(endpoint.body.disabled).toBe(true);
    });
    const audit = await client.get('/api/v1/app/gone/audit-log?limit=1');
    expect(audit.body.data[0]).toMatchObject({
      type: 'endpoint.updated',
      resource: endpointId,
      actor: { kind: 'system', id: 'delivery: 410 Gone' },
    });
    // The failed delivery is final (not retrying), and a disabled endpoint gets no new message.
    const token = await portalToken(client, 'gone');
    const later = await client.post('/api/v1/app/gone/msg', {
      eventType: 'gone.test',
      payload: {},
    });
    await eventually(async () => {
      const log = await client.get('/portal-api/v1/messages', { token });
      const [newest, first] = log.body.data;
      expect(newest).toMatchObject({ id: later.body.id, deliveries: [] });
      expect(first.deliveries).toEqual([
        expect.objectContaining({ status: 'failed', attempts: 1 }),
      ]);
    });
    expect(receiver.requestsTo('/gone')).toHaveLength(1);
  });

  it('records every attempt when several in flight answer 410 together, and disables once', async () => {
    const endpointId = await appWithEndpoint('gone-busy', '/gone-busy');
    const sent = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        client.post('/api/v1/app/gone-busy/msg', { eventType: 'gone.test', payload: { i } }),
      ),
    );
    expect(sent.map((answer) => answer.status)).toEqual(Array(6).fill(202));
    await eventually(() => expect(receiver.requestsTo('/gone-busy')).toHaveLength(6));
    // Each attempt is in the delivery log as answered, none left in flight or retried.
    await eventually(
      async () => {
        const attempts = await client.get(
          `/api/v1/app/gone-busy/attempt/endpoint/${endpointId}?limit=50`,
        );
        expect(attempts.body.data).toHaveLength(6);
        for (const attempt of attempts.body.data) {
          expect(attempt).toMatchObject({ responseStatusCode: 410, status: 2 });
        }
      },
      { timeoutMs: 10_000 },
    );
    // The endpoints service disables it on delivery's health event, apart from the log's
    // projection of the attempts: soon after, and once.
    const disables = async () =>
      (await client.get('/api/v1/app/gone-busy/audit-log?limit=50')).body.data.filter(
        (entry: { type: string; actor: { id: string } }) =>
          entry.type === 'endpoint.updated' && entry.actor.id === 'delivery: 410 Gone',
      );
    await eventually(async () => expect((await disables()).length).toBeGreaterThan(0));
    expect((await client.get(`/api/v1/app/gone-busy/endpoint/${endpointId}`)).body.disabled).toBe(
      true,
    );
    expect(await disables()).toHaveLength(1);
  });

  it('keeps an endpoint disabled by 410 disabled when attempts in flight then fail', async () => {
    const endpointId = await appWithEndpoint('gone-then-failing', '/gone-then-failing');
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        client.post('/api/v1/app/gone-then-failing/msg', {
          eventType: 'gone.test',
          payload: { i },
        }),
      ),
    );
    // Every request sent was answered and recorded, and at least one failed after the 410.
    const attempts = await eventually(
      async () => {
        const sent = receiver.requestsTo('/gone-then-failing').length;
        expect(sent).toBeGreaterThanOrEqual(2);
        const page = await client.get(
          `/api/v1/app/gone-then-failing/attempt/endpoint/${endpointId}?limit=50`,
        );
        expect(page.body.data).toHaveLength(sent);
        return page.body.data as { responseStatusCode: number }[];
      },
      { timeoutMs: 10_000 },
    );
    expect(attempts.map((attempt) => attempt.responseStatusCode)).toContain(500);

    const token = await portalToken(client, 'gone-then-failing');
    const healthShown = async () => {
      const health = await client.get('/portal-api/v1/endpoints/health', { token });
      expect(health.body.data).toEqual([
        expect.objectContaining({ endpointId, health: 'disabled', healthReason: '410 Gone' }),
      ]);
    };
    await eventually(healthShown);
    // And it stays so: a late "failing" would have been projected within this second.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await healthShown();
  });
});
