import { AppPortalCapability, Svix } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTestDatabase,
  eventually,
  startStack,
  type ApiClient,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

/**
 * Revoking portal sessions on the real stack: one session, all of an application's (Svix's
 * expire-all), and Svix's app-portal-access mapped onto the same sessions. Every gateway refuses
 * a revoked token within a second, and still after a restart.
 */
describe('portal session revocation', () => {
  let database: TestDatabase;
  let stack: Stack;
  let client: ApiClient;
  let svix: Svix;

  const exchange = async (code: string) => {
    const response = await client.post(
      '/portal-api/v1/session/exchange',
      { code },
      { token: null },
    );
    expect(response.status).toBe(200);
    return response.body as { token: string; scopes: string[] };
  };
  const session = async (app: string, body: Record<string, unknown> = {}) => {
    const created = await client.post(`/api/v1/app/${app}/portal-session`, body);
    expect(created.status).toBe(201);
    return { id: created.body.id as string, ...(await exchange(created.body.code)) };
  };
  const status = async (token: string) =>
    (await client.get('/portal-api/v1/messages', { token })).status;

  beforeAll(async () => {
    database = await createTestDatabase();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
    });
    client = api(stack);
    svix = new Svix(stack.adminKey, { serverUrl: stack.gatewayUrl });
    await client.post('/api/v1/app', { name: 'Revoking Co', uid: 'revoking' });
    await client.post('/api/v1/app', { name: 'Bystander Co', uid: 'bystander' });
  });

  afterAll(async () => {
    await stack?.stop();
    await database?.drop();
  });

  it('refuses a revoked session within a second, and only that one', async () => {
    const revoked = await session('revoking');
    const kept = await session('revoking');
    expect(await status(revoked.token)).toBe(200);

    expect((await client.delete(`/api/v1/app/revoking/portal-session/${revoked.id}`)).status).toBe(
      204,
    );
    const started = performance.now();
    await eventually(async () => expect(await status(revoked.token)).toBe(401), {
      timeoutMs: 1_000,
    });
    console.log(`revocation enforced after ${Math.round(performance.now() - started)} ms`);
    expect(await status(kept.token)).toBe(200);
  });

  it('refuses the one-time code of a session revoked before it was used', async () => {
    const created = await client.post('/api/v1/app/revoking/portal-session', {});
    await client.delete(`/api/v1/app/revoking/portal-session/${created.body.id}`);
    const response = await client.post(
      '/portal-api/v1/session/exchange',
      { code: created.body.code },
      { token: null },
    );
    expect(response.status).toBe(401);
  });

  it("answers 404 for another application's session and revokes nothing", async () => {
    const other = await session('bystander');
    expect((await client.delete(`/api/v1/app/revoking/portal-session/${other.id}`)).status).toBe(
      404,
    );
    expect(await status(other.token)).toBe(200);
  });

  it("maps Svix's app-portal-access onto portal sessions, capabilities onto scopes", async () => {
    const readOnly = await svix.authentication.appPortalAccess('revoking', { readOnly: true });
    expect(readOnly.url).toMatch(/\/portal\/\?app=app_\w+#code=/);
    const viewer = await exchange(readOnly.token);
    expect(viewer.scopes).not.toContain('endpoints:write');
    expect(viewer.scopes).toContain('messages:read');

    const limited = await svix.authentication.appPortalAccess('revoking', {
      capabilities: [AppPortalCapability.ViewBase, AppPortalCapability.ViewEndpointSecret],
    });
    const scopes = (await exchange(limited.token)).scopes;
    expect(scopes).toEqual(expect.arrayContaining(['endpoints:read', 'secrets:read']));
    expect(scopes).not.toContain('secrets:rotate');
    // Out of range: Hookport sessions last 24 h at most.
    expect(
      (await client.post('/api/v1/auth/app-portal-access/revoking', { expiry: 604_800 })).status,
    ).toBe(422);
  });

  it("expires all of an application's sessions, or those listed, and no other application's", async () => {
    const listed = await svix.authentication.appPortalAccess('bystander', {
      sessionId: 'operator-session-1',
    });
    const listedToken = (await exchange(listed.token)).token;
    const unlisted = await session('bystander');
    await svix.authentication.expireAll('bystander', { sessionIds: ['operator-session-1'] });
    await eventually(async () => expect(await status(listedToken)).toBe(401), { timeoutMs: 1_000 });
    expect(await status(unlisted.token)).toBe(200);

    const survivor = await session('revoking');
    await svix.authentication.expireAll('bystander', {});
    await eventually(async () => expect(await status(unlisted.token)).toBe(401), {
      timeoutMs: 1_000,
    });
    expect(await status(survivor.token)).toBe(200);
  });

  it('still refuses revoked tokens after the gateway restarts', async () => {
    const revoked = await session('revoking');
    await client.delete(`/api/v1/app/revoking/portal-session/${revoked.id}`);
    await eventually(async () => expect(await status(revoked.token)).toBe(401), {
      timeoutMs: 1_000,
    });
    await stack.kill('api-gateway', 'SIGKILL');
    await stack.start('api-gateway');
    expect(await status(revoked.token)).toBe(401);
  });
});
