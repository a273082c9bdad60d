import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  portalToken,
  type ApiClient,
  type Receiver,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

/**
 * The delivery log as a user searches and charts it: per-endpoint stats (counts and latency
 * percentiles from the projection), payload search, filters, keyset pages in both directions,
 * and bad queries refused.
 */
describe('delivery log search, filters and stats', () => {
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;
  let appId: string;
  let fast: string;
  let slow: string;
  let failing: string;
  let viewerToken: string;
  const sent: { id: string; eventType: string }[] = [];

  beforeAll(async () => {
    env = await startTestStack({
      receiver: {
        respondWith: (request) =>
          request.path === '/fail'
            ? { status: 503, body: 'down' }
            : request.path === '/slow'
              ? { status: 200, body: 'ok', delayMs: 300 }
              : { status: 200, body: 'ok' },
      },
      stack: {
        serviceEnv: { delivery: { HOOKPORT_RETRY_SCHEDULE: '0' } },
      },
    });
    ({ receiver, client } = env);
    appId = (await client.post('/api/v1/app', { name: 'Search Co' })).body.id;
    const endpoint = async (path: string, filterTypes?: string[]) =>
      (
        await client.post(`/api/v1/app/${appId}/endpoint`, {
          url: `${receiver.url}${path}`,
          filterTypes,
        })
      ).body.id as string;
    for (const name of ['order.created', 'order.refunded']) {
      await client.post('/api/v1/event-type', { name, description: name });
    }
    fast = await endpoint('/fast');
    slow = await endpoint('/slow', ['order.created']);
    failing = await endpoint('/fail', ['order.refunded']);
    for (let i = 0; i < 6; i += 1) {
      const eventType = i % 3 === 2 ? 'order.refunded' : 'order.created';
      const message = await client.post(`/api/v1/app/${appId}/msg`, {
        eventType,
        eventId: `evt-${i}`,
        payload: { orderId: `ord_${1000 + i}`, customer: i === 4 ? 'Zoë Quartermaine' : 'Ann' },
      });
      expect(message.status).toBe(202);
      sent.push({ id: message.body.id, eventType });
    }
    // 6 to fast, 4 to slow, 2 to failing.
    await eventually(
      async () => {
        const stats = await client.get(`/api/v1/app/${appId}/endpoint/${failing}/stats`);
        expect(stats.body.fail).toBe(2);
        const slowStats = await client.get(`/api/v1/app/${appId}/endpoint/${slow}/stats`);
        expect(slowStats.body.success).toBe(4);
      },
      { timeoutMs: 20_000 },
    );
    viewerToken = await portalToken(client, appId);
  });

  afterAll(() => env?.stop());

  it('counts attempts by outcome and estimates latency percentiles per endpoint', async () => {
    const fastStats = (await client.get(`/api/v1/app/${appId}/endpoint/${fast}/stats`)).body;
    expect(fastStats).toMatchObject({ success: 6, fail: 0, pending: 0, sending: 0 });
    const slowStats = (await client.get(`/api/v1/app/${appId}/endpoint/${slow}/stats`)).body;
    expect(slowStats).toMatchObject({ success: 4, fail: 0 });
    // The slow endpoint answers after 300 ms: its percentiles sit in the 250-500 ms bucket,
    // the fast one's well below.
    expect(slowStats.latencyMs.p50).toBeGreaterThanOrEqual(250);
    expect(slowStats.latencyMs.p99).toBeLessThanOrEqual(500);
    expect(fastStats.latencyMs.p95).toBeLessThan(250);
    // A series for the chart: one point per minute with attempts, adding up to the totals.
    const series = slowStats.series as { success: number; fail: number }[];
    expect(series.reduce((sum, point) => sum + point.success, 0)).toBe(4);
    expect(slowStats.granularity).toBe('hour');

    // The same through the portal, for the session's own endpoints only.
    const portal = await client.get(`/portal-api/v1/endpoints/${failing}/stats`, {
      token: viewerToken,
    });
    expect(portal.status).toBe(200);
    expect(portal.body).toMatchObject({ success: 0, fail: 2 });
    const other = (await client.post('/api/v1/app', { name: 'Other' })).body.id;
    const foreign = await client.post(`/api/v1/app/${other}/endpoint`, {
      url: `${receiver.url}/fast`,
    });
    expect(
      (
        await client.get(`/portal-api/v1/endpoints/${foreign.body.id}/stats`, {
          token: viewerToken,
        })
      ).status,
    ).toBe(404);
    expect(
      (await client.get(`/api/v1/app/${appId}/endpoint/${foreign.body.id}/stats`)).status,
    ).toBe(404);

    // Bad ranges and granularities are refused.
    const now = Date.now();
    for (const query of [
      `since=${new Date(now).toISOString()}&until=${new Date(now - 60_000).toISOString()}`,
      `since=${new Date(now - 30 * 86_400_000).toISOString()}&granularity=minute`,
      'granularity=week',
      'since=yesterday',
    ]) {
      const response = await client.get(`/api/v1/app/${appId}/endpoint/${fast}/stats?${query}`);
      expect(response.status, query).toBe(422);
      expect(response.body.code).toBe('validation');
    }
  });

  it('finds messages by id, event id or text in the payload, in both APIs', async () => {
    const portalSearch = async (search: string) =>
      (
        await client.get(`/portal-api/v1/messages?search=${encodeURIComponent(search)}`, {
          token: viewerToken,
        })
      ).body.data.map((row: { id: string }) => row.id);
    expect(await portalSearch('Quartermaine')).toEqual([sent[4]!.id]);
    expect(await portalSearch('zoë quarter')).toEqual([sent[4]!.id]); // case-insensitive
    expect(await portalSearch('evt-2')).toEqual([sent[2]!.id]);
    expect(await portalSearch(sent[1]!.id)).toEqual([sent[1]!.id]);
    expect(await portalSearch('ord_100')).toHaveLength(6);
    expect(await portalSearch('100%')).toEqual([]); // LIKE wildcards are literal
    expect(await portalSearch('nothing-like-this')).toEqual([]);

    const managed = await client.get(`/api/v1/app/${appId}/msg?search=Quartermaine`);
    expect(managed.body.data.map((message: { id: string }) => message.id)).toEqual([sent[4]!.id]);
  });

  it('filters the portal log by status, endpoint, event type and status-code class', async () => {
    const ids = async (query: string) =>
      (await client.get(`/portal-api/v1/messages?${query}`, { token: viewerToken })).body.data.map(
        (row: { id: string }) => row.id,
      );
    const refunded = sent
      .filter((message) => message.eventType === 'order.refunded')
      .map((m) => m.id);
    const created = sent
      .filter((message) => message.eventType === 'order.created')
      .map((m) => m.id);
    expect((await ids('status=failed')).sort()).toEqual([...refunded].sort());
    expect((await ids(`endpointId=${slow}`)).sort()).toEqual([...created].sort());
    expect((await ids('eventType=order.refunded')).sort()).toEqual([...refunded].sort());
    expect((await ids('statusCodeClass=5xx')).sort()).toEqual([...refunded].sort());
    expect(await ids(`status=failed&endpointId=${slow}`)).toEqual([]);
    expect(await ids(`after=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);
  });

  it('pages newest first by keyset, forward and back', async () => {
    const newestFirst = sent.map((message) => message.id).reverse();
    const first = (await client.get('/portal-api/v1/messages?limit=4', { token: viewerToken }))
      .body;
    expect(first.data.map((row: { id: string }) => row.id)).toEqual(newestFirst.slice(0, 4));
    expect(first).toMatchObject({ done: false, prevIterator: null });
    const second = (
      await client.get(`/portal-api/v1/messages?limit=4&iterator=${first.iterator}`, {
        token: viewerToken,
      })
    ).body;
    expect(second.data.map((row: { id: string }) => row.id)).toEqual(newestFirst.slice(4));
    expect(second.done).toBe(true);
    const back = (
      await client.get(`/portal-api/v1/messages?limit=4&iterator=${second.prevIterator}`, {
        token: viewerToken,
      })
    ).body;
    expect(back.data.map((row: { id: string }) => row.id)).toEqual(newestFirst.slice(0, 4));
    // Svix's message list pages the same way.
    const svixBack = await client.get(
      `/api/v1/app/${appId}/msg?limit=2&iterator=-${newestFirst[3]}`,
    );
    expect(svixBack.body.data.map((message: { id: string }) => message.id)).toEqual(
      newestFirst.slice(1, 3),
    );
  });

  it('refuses malformed filters with 422 problem+json', async () => {
    for (const query of [
      'status=exploded',
      'endpointId=not-an-endpoint',
      'statusCodeClass=6xx',
      'iterator=msg_nope',
      'limit=0',
      'limit=251',
      `before=${new Date(Date.now() - 60_000).toISOString()}&after=${new Date().toISOString()}`,
      'search=',
    ]) {
      const response = await client.get(`/portal-api/v1/messages?${query}`, { token: viewerToken });
      expect(response.status, query).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
