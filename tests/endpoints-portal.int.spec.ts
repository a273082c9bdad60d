import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type ApiClient,
  type Receiver,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

/**
 * Applications over their lifetime, the audit trail a customer sees, and tenant isolation of
 * the portal's endpoint routes, on the real stack.
 */
describe('applications, audit trail and portal isolation', () => {
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;

  const portalToken = async (app: string, body: Record<string, unknown>) => {
    const session = await client.post(`/api/v1/app/${app}/portal-session`, body);
    expect(session.status).toBe(201);
    const exchanged = await client.post(
      '/portal-api/v1/session/exchange',
      { code: session.body.code },
      { token: null },
    );
    return exchanged.body.token as string;
  };

  beforeAll(async () => {
    env = await startTestStack();
    ({ receiver, client } = env);
  });

  afterAll(() => env?.stop());

  it('lists, renames and deletes applications; a deleted one stops receiving and frees its uid', async () => {
    const app = (await client.post('/api/v1/app', { name: 'Short-lived', uid: 'short-lived' }))
      .body;
    await client.post('/api/v1/app', { name: 'Listed', uid: 'listed' });
    const listed = await client.get('/api/v1/app?limit=250');
    expect(listed.body.data.map((a: { uid: string }) => a.uid)).toEqual(
      expect.arrayContaining(['short-lived', 'listed']),
    );

    const renamed = await client.patch('/api/v1/app/short-lived', { name: 'Renamed' });
    expect(renamed.body).toMatchObject({ id: app.id, name: 'Renamed', uid: 'short-lived' });
    expect((await client.get(`/api/v1/app/${app.id}`)).body.name).toBe('Renamed');

    await client.post('/api/v1/app/short-lived/endpoint', { url: `${receiver.url}/short-lived` });
    const sent = await client.post('/api/v1/app/short-lived/msg', {
      eventType: 'x.y',
      payload: {},
    });
    await eventually(async () =>
      expect(
        (await client.get(`/api/v1/app/short-lived/attempt/msg/${sent.body.id}`)).body.data,
      ).toHaveLength(1),
    );
    expect((await client.delete('/api/v1/app/short-lived')).status).toBe(204);
    // Its history stays readable by id until retention.
    const history = await client.get(`/api/v1/app/${app.id}/msg`);
    expect(history.body.data.map((message: { id: string }) => message.id)).toEqual([sent.body.id]);
    expect((await client.get('/api/v1/app/short-lived')).status).toBe(404);
    expect(
      (await client.post('/api/v1/app/short-lived/msg', { eventType: 'x.y', payload: {} })).status,
    ).toBe(404);

    // The uid can name a new application, which does not inherit the old one's endpoints.
    const again = await client.post('/api/v1/app', { name: 'Reborn', uid: 'short-lived' });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(app.id);
    expect((await client.get('/api/v1/app/short-lived/endpoint')).body.data).toEqual([]);
  });

  it("shows who changed what, with the portal session's metadata, and stamps it on endpoints", async () => {
    await client.post('/api/v1/app', { name: 'Audited', uid: 'audited' });
    const token = await portalToken('audited', {
      role: 'admin',
      metadata: { user: 'u_42', team: 'billing' },
    });
    const created = await client.post(
      '/portal-api/v1/endpoints',
      { url: `${receiver.url}/audited` },
      { token },
    );
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({ user: 'u_42', team: 'billing' });
    await client.patch(
      `/portal-api/v1/endpoints/${created.body.id}`,
      { description: 'by the customer' },
      { token },
    );

    const log = await client.get('/portal-api/v1/audit-log', { token });
    expect(log.status).toBe(200);
    const [latest, previous] = log.body.data;
    expect(latest).toMatchObject({
      type: 'endpoint.updated',
      resource: created.body.id,
      actor: { kind: 'portal-session', metadata: { user: 'u_42', team: 'billing' } },
    });
    expect(previous).toMatchObject({ type: 'endpoint.created', resource: created.body.id });
    // Secrets never appear in the audit trail, even encrypted.
    expect(JSON.stringify(log.body)).not.toContain('secrets');
    const operatorView = await client.get('/api/v1/app/audited/audit-log?limit=1');
    expect(operatorView.body.data).toHaveLength(1);
    expect(operatorView.body.done).toBe(false);
    const nextPage = await client.get(
      `/api/v1/app/audited/audit-log?limit=10&iterator=${operatorView.body.iterator}`,
    );
    expect(nextPage.body.data.map((entry: { type: string }) => entry.type)).toContain(
      'application.created',
    );
  });

  it('recovers an endpoint the customer created a moment before, every time', async () => {
    await client.post('/api/v1/app', { name: 'Quick', uid: 'quick' });
    const token = await portalToken('quick', { role: 'admin' });
    const since = new Date(Date.now() - 60_000).toISOString();
    for (let i = 0; i < 10; i += 1) {
      const created = await client.post(
        '/portal-api/v1/endpoints',
        { url: `${receiver.url}/quick/${i}` },
        { token },
      );
      expect(created.status).toBe(201);
      // Delivery learns of the endpoint from an event; the recover waits for it, never 404s.
      const recovered = await client.post(
        `/portal-api/v1/endpoints/${created.body.id}/recover`,
        { since },
        { token },
      );
      expect(recovered.status, JSON.stringify(recovered.body)).toBe(202);
    }
  });

  it("refuses every portal endpoint route across applications, and viewers' writes, changing nothing", async () => {
    await client.post('/api/v1/app', { name: 'Tenant A', uid: 'iso-a' });
    await client.post('/api/v1/app', { name: 'Tenant B', uid: 'iso-b' });
    const endpointA = (
      await client.post('/api/v1/app/iso-a/endpoint', { url: `${receiver.url}/iso-a` })
    ).body;
    const tokenB = await portalToken('iso-b', { role: 'admin' });
    const viewerA = await portalToken('iso-a', { role: 'viewer' });
    const path = `/portal-api/v1/endpoints/${endpointA.id}`;

    for (const [name, response] of [
      ['get', await client.get(path, { token: tokenB })],
      ['secret', await client.get(`${path}/secret`, { token: tokenB })],
      ['patch', await client.patch(path, { disabled: true }, { token: tokenB })],
      ['rotate', await client.post(`${path}/secret/rotate`, {}, { token: tokenB })],
      ['test', await client.post(`${path}/test`, { eventType: 'x.y' }, { token: tokenB })],
      ['delete', await client.delete(path, { token: tokenB })],
    ] as const) {
      expect(response.status, `B ${name}: ${JSON.stringify(response.body)}`).toBe(404);
    }
    expect((await client.get('/portal-api/v1/endpoints', { token: tokenB })).body.data).toEqual([]);

    for (const [name, response] of [
      [
        'create',
        await client.post(
          '/portal-api/v1/endpoints',
          { url: `${receiver.url}/x` },
          { token: viewerA },
        ),
      ],
      ['patch', await client.patch(path, { disabled: true }, { token: viewerA })],
      ['rotate', await client.post(`${path}/secret/rotate`, {}, { token: viewerA })],
      ['delete', await client.delete(path, { token: viewerA })],
    ] as const) {
      expect(response.status, `viewer ${name}`).toBe(403);
      expect(response.body.code).toBe('forbidden');
    }
    // No credential at all, and a management key is no portal token.
    expect((await client.get(path, { token: null })).status).toBe(401);

    const after = await client.get(`/api/v1/app/iso-a/endpoint/${endpointA.id}`);
    expect(after.body).toMatchObject({ disabled: false, updatedAt: endpointA.updatedAt });
    expect((await client.get('/api/v1/app/iso-a/endpoint')).body.data).toHaveLength(1);
    await eventually(async () =>
      expect(
        (await client.get('/portal-api/v1/endpoints', { token: viewerA })).body.data,
      ).toHaveLength(1),
    );
  });
});
