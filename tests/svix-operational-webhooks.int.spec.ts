import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiException, Svix, Webhook } from 'svix';
import { OPERATIONAL_APP_ID } from '@hookport/contracts';
import {
  eventually,
  portalToken,
  startTestStack,
  type ReceivedRequest,
  type TestStack,
} from '@hookport/testing';

const run = promisify(execFile);

// Installed by scripts/ensure-tools.sh from PyPI, like the other Python tools.
const pythonSdk = join(
  process.env['HOOKPORT_SVIX_PYTHON_VENV'] ?? join(homedir(), '.cache/hookport/svix-python'),
  'bin/python',
);

interface Announcement {
  type: string;
  data: Record<string, unknown>;
}

/**
 * Svix's operational webhooks through the official SDKs: the operator's own endpoint receives
 * Hookport's events about its customers' endpoints and deliveries, signed like any delivery,
 * and nobody but the operator's suitably scoped keys can see or change it.
 */
describe('operational webhooks', () => {
  let env: TestStack;
  let svix: Svix;
  let secret: string;

  // What the operator's receiver got and verified with the SDK's own Webhook class: a request
  // whose signature does not verify is not an announcement.
  const announcements = (): Announcement[] =>
    env.receiver.requestsTo('/ops').map((request: ReceivedRequest) => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      // Svix's JS SDK 2.x verifies (throws on a bad signature) but answers nothing.
      new Webhook(secret).verify(request.body, headers);
      return JSON.parse(request.body) as Announcement;
    });
  const announced = (type: string, where: Record<string, unknown>) =>
    eventually(
      () => {
        const found = announcements().filter(
          (announcement) =>
            announcement.type === type &&
            Object.entries(where).every(([key, value]) => announcement.data[key] === value),
        );
        expect(found).toHaveLength(1);
        return found[0]!;
      },
      { timeoutMs: 20_000 },
    );

  beforeAll(async () => {
    env = await startTestStack({
      receiver: {
        respondWith: (request) => {
          if (request.path === '/down') return { status: 500 };
          // Fails its first four requests, then recovers.
          if (request.path === '/flaky')
            return { status: env.receiver.requestsTo('/flaky').length > 4 ? 200 : 503 };
          return { status: 200 };
        },
      },
      stack: {
        serviceEnv: {
          delivery: {
            // Five attempts a second apart: the fourth failing one is `failing`, the fifth
            // `exhausted`; failing for 8 s disables an endpoint.
            HOOKPORT_RETRY_SCHEDULE: '0,1,1,1,1',
            HOOKPORT_CIRCUIT_FAILURE_THRESHOLD: '100',
            HOOKPORT_DISABLE_AFTER_HOURS: '0.0022',
          },
        },
      },
    });
    svix = new Svix(env.stack.adminKey, { serverUrl: env.stack.gatewayUrl });
  });

  afterAll(() => env?.stop());

  it('JavaScript SDK: the operator manages its endpoint and receives signed announcements', async () => {
    const ops = svix.operationalWebhook.endpoint;
    const created = await ops.create({
      url: `${env.receiver.url}/ops`,
      uid: 'ops-receiver',
      description: 'Pager',
      metadata: { team: 'sre' },
    });
    expect(created).toMatchObject({ uid: 'ops-receiver', description: 'Pager', disabled: false });
    expect((await ops.get('ops-receiver')).id).toBe(created.id);
    expect((await ops.list()).data.map((endpoint) => endpoint.id)).toEqual([created.id]);
    const replaced = await ops.upsert(created.id, {
      url: `${env.receiver.url}/ops`,
      uid: 'ops-receiver',
      description: 'Pager duty',
    });
    expect(replaced.description).toBe('Pager duty');
    const before = (await ops.getSecret(created.id)).key;
    await ops.rotateSecret(created.id, { gracePeriodSeconds: 0 });
    secret = (await ops.getSecret(created.id)).key;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(before);
    await ops.setHeaders(created.id, { headers: { 'X-Ops': 'hookport' } });
    expect((await ops.getHeaders(created.id)).headers).toEqual({ 'X-Ops': 'hookport' });

    // A customer's endpoint is created, changed, disabled and enabled by the operator.
    await svix.application.create({ name: 'Acme', uid: 'acme' });
    const app = await svix.application.get('acme');
    const endpoint = await svix.endpoint.create('acme', {
      url: `${env.receiver.url}/customer`,
      uid: 'acme-orders',
    });
    const ids = {
      appId: app.id,
      appUid: 'acme',
      endpointId: endpoint.id,
      endpointUid: 'acme-orders',
    };
    expect((await announced('endpoint.created', { endpointId: endpoint.id })).data).toEqual(ids);
    const received = env.receiver.requestsTo('/ops')[0]!;
    expect(received.headers['x-ops']).toBe('hookport');
    expect(received.headers['webhook-signature']).toMatch(/^v1,/);
    await svix.endpoint.patch('acme', endpoint.id, { disabled: true });
    expect((await announced('endpoint.disabled', { endpointId: endpoint.id })).data).toEqual({
      ...ids,
      failSince: null,
      trigger: 'manual',
    });
    await svix.endpoint.patch('acme', endpoint.id, { disabled: false });
    expect((await announced('endpoint.enabled', { endpointId: endpoint.id })).data).toEqual(ids);
    await eventually(() =>
      expect(
        announcements().filter(
          (a) => a.type === 'endpoint.updated' && a.data['endpointId'] === endpoint.id,
        ),
      ).toHaveLength(2),
    );
    await svix.endpoint.delete('acme', endpoint.id);
    expect((await announced('endpoint.deleted', { endpointId: endpoint.id })).data).toEqual(ids);
    // Its own endpoint's changes announce nothing (it would announce its own failures forever).
    expect(announcements().filter((a) => a.data['endpointId'] === created.id)).toEqual([]);
  });

  it('announces a delivery failing, exhausted and recovered, and an endpoint disabled by Hookport', async () => {
    const down = await svix.endpoint.create('acme', { url: `${env.receiver.url}/down` });
    const flaky = await svix.endpoint.create('acme', { url: `${env.receiver.url}/flaky` });
    const firstFailure = Date.now();
    const message = await svix.message.create('acme', {
      eventType: 'order.paid',
      eventId: 'order-1042',
      payload: { id: 1042 },
    });
    const failing = await announced('message.attempt.failing', { endpointId: down.id });
    expect(failing.data).toMatchObject({
      appUid: 'acme',
      msgId: message.id,
      msgEventId: 'order-1042',
      lastAttempt: { responseStatusCode: 500 },
    });
    const exhausted = await announced('message.attempt.exhausted', { endpointId: down.id });
    expect(exhausted.data).toMatchObject({
      msgId: message.id,
      lastAttempt: { responseStatusCode: 500 },
    });
    const attempts = await svix.messageAttempt.listByEndpoint('acme', down.id);
    expect(attempts.data.map((attempt) => attempt.id)).toContain(
      (exhausted.data['lastAttempt'] as { id: string }).id,
    );
    const recovered = await announced('message.attempt.recovered', { endpointId: flaky.id });
    expect(recovered.data).toMatchObject({
      msgId: message.id,
      lastAttempt: { responseStatusCode: 200 },
    });
    expect(
      announcements().filter(
        (a) => a.type === 'message.attempt.exhausted' && a.data['endpointId'] === flaky.id,
      ),
    ).toEqual([]);

    // Failing for longer than the policy allows: delivery disables the endpoint.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, firstFailure + 8_500 - Date.now())),
    );
    await svix.message.create('acme', { eventType: 'order.paid', payload: { id: 1043 } });
    const disabled = await announced('endpoint.disabled', {
      endpointId: down.id,
      trigger: 'automatic',
    });
    expect(Date.parse(disabled.data['failSince'] as string)).toBeGreaterThanOrEqual(
      firstFailure - 1000,
    );
    await eventually(async () =>
      expect((await svix.endpoint.get('acme', down.id)).disabled).toBe(true),
    );
  }, 60_000);

  it('announces what happened while delivery was down once it is back, exactly once', async () => {
    await env.stack.kill('delivery', 'SIGKILL');
    const created = await svix.endpoint.create('acme', {
      url: `${env.receiver.url}/customer-2`,
      uid: 'while-down',
    });
    await env.stack.start('delivery');
    expect((await announced('endpoint.created', { endpointId: created.id })).data).toMatchObject({
      appUid: 'acme',
      endpointUid: 'while-down',
    });
    // Announced once: a later announcement has arrived, and still only one of this.
    await svix.endpoint.delete('acme', created.id);
    await announced('endpoint.deleted', { endpointId: created.id });
    await announced('endpoint.created', { endpointId: created.id });
  }, 90_000);

  it('only the operator’s keys with the operational-webhooks scope reach them; the app is nobody’s', async () => {
    const { client } = env;
    const reader = await client.post('/api/v1/api-key', {
      name: 'ops reader',
      scopes: ['operational-webhooks:read'],
    });
    const endpointsWriter = await client.post('/api/v1/api-key', {
      name: 'endpoints writer',
      scopes: ['endpoints:write', 'applications:write'],
    });
    const asReader = new Svix(reader.body.key as string, { serverUrl: env.stack.gatewayUrl });
    const asWriter = new Svix(endpointsWriter.body.key as string, {
      serverUrl: env.stack.gatewayUrl,
    });
    expect((await asReader.operationalWebhook.endpoint.list()).data).toHaveLength(1);
    const refused = await asReader.operationalWebhook.endpoint
      .create({ url: `${env.receiver.url}/ops-2` })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiException);
    expect((refused as ApiException<unknown>).code).toBe(403);
    const unscoped = await asWriter.operationalWebhook.endpoint.list().catch((e: unknown) => e);
    expect((unscoped as ApiException<unknown>).code).toBe(403);

    // A portal session (of a customer's application) is no API key: the routes refuse it.
    const session = await portalToken(client, 'acme', { role: 'admin' });
    expect(
      (await client.get('/api/v1/operational-webhook/endpoint', { token: session })).status,
    ).toBe(401);

    // Through the application routes the internal application does not exist, for anyone.
    expect((await client.get(`/api/v1/app/${OPERATIONAL_APP_ID}`)).status).toBe(404);
    expect((await client.get(`/api/v1/app/${OPERATIONAL_APP_ID}/endpoint`)).status).toBe(404);
    expect((await client.get(`/api/v1/app/${OPERATIONAL_APP_ID}/msg`)).status).toBe(404);
    const apps = (await client.get('/api/v1/app?limit=250')).body.data as { id: string }[];
    expect(apps.map((app) => app.id)).not.toContain(OPERATIONAL_APP_ID);
    const put = await client.put(`/api/v1/app/${OPERATIONAL_APP_ID}`, { name: 'Mine now' });
    expect(put.status).toBe(201);
    expect(put.body.id).not.toBe(OPERATIONAL_APP_ID);
    expect(
      (await client.post(`/api/v1/auth/app-portal-access/${OPERATIONAL_APP_ID}`, {})).status,
    ).toBe(404);
    expect(
      (await client.post(`/api/v1/app/${OPERATIONAL_APP_ID}/portal-session`, { role: 'admin' }))
        .status,
    ).toBe(404);

    // Bad input is a clear 4xx.
    const unknownType = await client.post('/api/v1/operational-webhook/endpoint', {
      url: `${env.receiver.url}/ops-2`,
      eventTypes: ['order.paid'],
    });
    expect(unknownType.status).toBe(422);
    expect(
      (await client.post('/api/v1/operational-webhook/endpoint', { url: 'nope' })).status,
    ).toBe(422);
    expect((await client.get('/api/v1/operational-webhook/endpoint/ep_missing')).status).toBe(404);
    expect((await client.get('/api/v1/operational-webhook/endpoint/%00')).status).toBe(400);
  });

  it('Python SDK: every operational webhook endpoint call succeeds', async () => {
    const { stdout } = await run(
      pythonSdk,
      [
        join(__dirname, 'svix-sdk/python_operational_journey.py'),
        env.stack.gatewayUrl,
        env.stack.adminKey,
        env.receiver.url,
      ],
      { timeout: 120_000 },
    );
    const results = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, string>;
    const failures = Object.entries(results).filter(([, outcome]) => outcome !== 'ok');
    expect(failures).toEqual([]);
    expect(Object.keys(results).length).toBeGreaterThanOrEqual(10);
  });
});
