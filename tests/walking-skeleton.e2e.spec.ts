import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTestDatabase,
  eventually,
  launchBrowser,
  portalToken,
  screenshotPath,
  startStack,
  type ApiClient,
  type Receiver,
  type Stack,
  type TestDatabase,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

/**
 * The walking skeleton, end to end through every service on real Kafka and Postgres: the
 * operator creates an application and endpoint, sends a message, the endpoint receives it
 * signed, and the customer sees it delivered in the portal.
 */
describe('one message delivered end to end through every service', () => {
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  let appId: string;
  let messageId: string;

  beforeAll(async () => {
    env = await startTestStack();
    ({ receiver, client } = env);
  });

  afterAll(() => env?.stop());

  it('delivers a message, signed per Standard Webhooks, to the endpoint', async () => {
    const app = await client.post('/api/v1/app', { name: 'Acme Corp', uid: 'acme' });
    expect(app.status).toBe(201);
    appId = app.body.id;
    expect(appId).toMatch(/^app_/);

    const endpoint = await client.post('/api/v1/app/acme/endpoint', {
      url: `${receiver.url}/webhooks`,
      secret,
    });
    expect(endpoint.status).toBe(201);

    const message = await client.post('/api/v1/app/acme/msg', {
      eventType: 'invoice.paid',
      payload: { invoiceId: 'inv_1', amount: 4200 },
    });
    expect(message.status).toBe(202);
    messageId = message.body.id;
    expect(message.body).toMatchObject({
      eventType: 'invoice.paid',
      payload: { invoiceId: 'inv_1' },
    });

    const [delivered] = await eventually(() => {
      const requests = receiver.requestsTo('/webhooks');
      expect(requests).toHaveLength(1);
      return requests;
    });
    expect(delivered!.headers['webhook-id']).toBe(messageId);
    expect(delivered!.headers['content-type']).toBe('application/json');
    const verified = new Webhook(secret).verify(delivered!.body, {
      'webhook-id': String(delivered!.headers['webhook-id']),
      'webhook-timestamp': String(delivered!.headers['webhook-timestamp']),
      'webhook-signature': String(delivered!.headers['webhook-signature']),
    });
    expect(verified).toEqual({ invoiceId: 'inv_1', amount: 4200 });
  });

  it('lists the delivered message in the portal with its status and response code', async () => {
    const session = await client.post('/api/v1/app/acme/portal-session', {
      role: 'viewer',
      metadata: { user: 'u_42' },
    });
    expect(session.status).toBe(201);
    expect(session.body.url).toMatch(/\/portal\/\?app=app_\w+#code=/);
    const exchanged = await client.post(
      '/portal-api/v1/session/exchange',
      { code: session.body.code },
      { token: null },
    );
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.app).toEqual({ id: appId, name: 'Acme Corp' });
    const token = exchanged.body.token as string;

    const row = await eventually(async () => {
      const list = await client.get('/portal-api/v1/messages', { token });
      expect(list.status).toBe(200);
      const found = list.body.data.find((item: { id: string }) => item.id === messageId);
      expect(found?.deliveries[0]).toMatchObject({ status: 'succeeded', lastResponseStatus: 200 });
      return found;
    });
    expect(row.eventType).toBe('invoice.paid');

    const detail = await client.get(`/portal-api/v1/messages/${messageId}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body.attempts[0]).toMatchObject({ responseStatus: 200, succeeded: true });
    // The attempt record never keeps the signature, which is derived from the secret.
    expect(detail.body.attempts[0].requestHeaders['webhook-signature']).toBeUndefined();
  });

  it('shows the delivered message in the portal page in Chromium', async () => {
    const session = await client.post('/api/v1/app/acme/portal-session', { role: 'viewer' });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(session.body.url);
      const row = page.locator('[data-testid="message-row"]', { hasText: messageId });
      await row.waitFor({ timeout: 20_000 });
      await expect(
        row.locator('[data-testid="delivery-status"]').first().textContent(),
      ).resolves.toContain('succeeded');
      await expect(
        row.locator('[data-testid="response-code"]').first().textContent(),
      ).resolves.toContain('200');
      // The one-time code leaves the address bar as soon as it is read.
      expect(page.url()).not.toContain('code=');
      await page.screenshot({ path: screenshotPath('walking-skeleton-portal'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});

describe('bad input in the walking skeleton', () => {
  let database: TestDatabase;
  let stack: Stack;
  let client: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
    });
    client = api(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await database?.drop();
  });

  const expectProblem = (
    response: { status: number; headers: Record<string, unknown>; body: unknown },
    status: number,
    code: string,
  ) => {
    expect(response.status).toBe(status);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code, type: expect.stringContaining(code) });
  };

  it('answers malformed JSON with 400 problem+json', async () => {
    const response = await client.post('/api/v1/app', '{"name":', {
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400, 'malformedRequest');
  });

  it('takes an empty body labelled as JSON for no body', async () => {
    const json = { headers: { 'content-type': 'application/json' } };
    await client.post('/api/v1/app', { name: 'Empty body', uid: 'empty-body' });
    expectProblem(await client.post('/api/v1/app', '', json), 422, 'validation');
    const deleted = await client.delete('/api/v1/app/empty-body', json);
    expect(deleted.text).toBe('');
    expect(deleted.status).toBe(204);
    expect((await client.get('/api/v1/app/empty-body')).status).toBe(404);
  });

  it('answers missing and mistyped fields with 422 and one error per field', async () => {
    const missing = await client.post('/api/v1/app', {});
    expectProblem(missing, 422, 'validation');
    expect(missing.body.errors.map((error: { field: string }) => error.field)).toContain('name');

    await client.post('/api/v1/app', { name: 'Typed', uid: 'typed' });
    const mistyped = await client.post('/api/v1/app/typed/msg', { eventType: 7, payload: 'text' });
    expectProblem(mistyped, 422, 'validation');
    const fields = mistyped.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['eventType', 'payload']));
  });

  it('refuses a missing or wrong API key with 401 and creates nothing', async () => {
    expectProblem(
      await client.post('/api/v1/app', { name: 'x', uid: 'nokey' }, { token: null }),
      401,
      'unauthorized',
    );
    expectProblem(
      await client.post(
        '/api/v1/app',
        { name: 'x', uid: 'nokey' },
        { token: 'not-the-key-at-all' },
      ),
      401,
      'unauthorized',
    );
    const created = await client.post('/api/v1/app/nokey/endpoint', { url: 'https://example.com' });
    expectProblem(created, 404, 'notFound');
  });

  it('refuses a one-time code exchanged a second time', async () => {
    await client.post('/api/v1/app', { name: 'Once', uid: 'once' });
    const session = await client.post('/api/v1/app/once/portal-session', {});
    const first = await client.post(
      '/portal-api/v1/session/exchange',
      { code: session.body.code },
      { token: null },
    );
    expect(first.status).toBe(200);
    const second = await client.post(
      '/portal-api/v1/session/exchange',
      { code: session.body.code },
      { token: null },
    );
    expectProblem(second, 401, 'codeAlreadyUsed');
  });

  it("answers 404 when a portal token asks for another application's message", async () => {
    await client.post('/api/v1/app', { name: 'Tenant A', uid: 'tenant-a' });
    await client.post('/api/v1/app', { name: 'Tenant B', uid: 'tenant-b' });
    const message = await client.post('/api/v1/app/tenant-a/msg', {
      eventType: 'a.b',
      payload: { secret: 1 },
    });
    expect(message.status).toBe(202);
    const tokenA = await portalToken(client, 'tenant-a', {});
    const tokenB = await portalToken(client, 'tenant-b', {});

    // Application A sees its own message once the projection has it...
    await eventually(async () => {
      expect(
        (await client.get(`/portal-api/v1/messages/${message.body.id}`, { token: tokenA })).status,
      ).toBe(200);
    });
    // ...and application B's token gets the same answer as for a message that does not exist.
    expectProblem(
      await client.get(`/portal-api/v1/messages/${message.body.id}`, { token: tokenB }),
      404,
      'notFound',
    );
    const list = await client.get('/portal-api/v1/messages', { token: tokenB });
    expect(list.body.data).toEqual([]);
    // A portal token is no management API key.
    expectProblem(await client.get('/api/v1/app/tenant-a', { token: tokenA }), 401, 'unauthorized');
    expect((await client.get('/api/v1/app/tenant-a')).body.name).toBe('Tenant A');
  });
});
