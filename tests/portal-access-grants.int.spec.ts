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
 * Management API keys, magic links, embed tokens, session renewal and logout, and the portal
 * settings as the portal and the browser see them (`/me`, frame-ancestors, CORS), on the real
 * stack.
 */
describe('portal access grants and settings', () => {
  let database: TestDatabase;
  let stack: Stack;
  let client: ApiClient;
  let appId: string;

  const exchange = (body: Record<string, unknown>) =>
    client.post('/portal-api/v1/session/exchange', body, { token: null });

  beforeAll(async () => {
    database = await createTestDatabase();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      serviceEnv: { 'portal-session': { HOOKPORT_PORTAL_TOKEN_TTL_SECONDS: '30' } },
    });
    client = api(stack);
    appId = (await client.post('/api/v1/app', { name: 'Grants Co', uid: 'grants' })).body.id;
  });

  afterAll(async () => {
    await stack?.stop();
    await database?.drop();
  });

  it('issues scoped API keys: secret shown once, stored hashed, scopes enforced, revoked everywhere', async () => {
    const created = await client.post('/api/v1/api-key', {
      name: 'reporting',
      scopes: ['applications:read', 'messages:read'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { key, id } = created.body as { key: string; id: string };
    expect(key.startsWith(`${id}.`)).toBe(true);

    const listed = await client.get('/api/v1/api-key');
    const row = listed.body.data.find((item: { id: string }) => item.id === id);
    expect(row).toMatchObject({
      name: 'reporting',
      scopes: ['applications:read', 'messages:read'],
    });
    expect(JSON.stringify(listed.body)).not.toContain(key.split('.')[1]);
    const stored = await database.query<{ key_hash: string }>(
      'SELECT key_hash FROM portal_session.api_keys WHERE id = $1',
      [id],
    );
    expect(stored.rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0]!.key_hash).not.toContain(key.split('.')[1]);

    // Usable at once (before this gateway has read the key's event, it asks its owner).
    expect((await client.get(`/api/v1/app/${appId}`, { token: key })).status).toBe(200);
    const write = await client.post('/api/v1/app', { name: 'Nope' }, { token: key });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('forbidden');
    expect((await client.get('/api/v1/app?limit=250')).body.data).toHaveLength(1);
    // A key cannot mint a stronger key, and a wrong secret for a real id is no key.
    const writer = await client.post('/api/v1/api-key', { name: 'w', scopes: ['api-keys:write'] });
    const escalation = await client.post(
      '/api/v1/api-key',
      { name: 'root', scopes: ['*'] },
      { token: writer.body.key },
    );
    expect(escalation.status).toBe(403);
    const forged = `${id}.${'A'.repeat(43)}`;
    expect((await client.get(`/api/v1/app/${appId}`, { token: forged })).status).toBe(401);

    expect((await client.delete(`/api/v1/api-key/${id}`)).status).toBe(204);
    await eventually(
      async () =>
        expect((await client.get(`/api/v1/app/${appId}`, { token: key })).status).toBe(401),
      { timeoutMs: 1000 },
    );
    expect((await client.delete('/api/v1/api-key/key_unknown')).status).toBe(404);
    expect((await client.post('/api/v1/api-key', { name: 'x', scopes: ['root'] })).status).toBe(
      422,
    );
  });

  it('opens a magic link any number of times until revoked; each opening is its own session', async () => {
    const link = await client.post(`/api/v1/app/${appId}/magic-link`, {
      expiresInMinutes: 30,
      scopes: ['read'],
    });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    expect(link.body.url).toBe(`${stack.gatewayUrl}/portal/?app=${appId}#token=${link.body.token}`);
    expect(link.body.expiresInMinutes).toBe(30);
    const first = await exchange({ token: link.body.token });
    const second = await exchange({ token: link.body.token });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.sessionId).not.toBe(second.body.sessionId);
    expect(first.body.scopes).toContain('endpoints:read');
    expect(first.body.scopes).not.toContain('endpoints:write');
    // Read-only: no endpoint creation.
    const create = await client.post(
      '/portal-api/v1/endpoints',
      { url: 'https://example.com/hook' },
      { token: first.body.token },
    );
    expect(create.status).toBe(403);

    // Logging out of one opening leaves the other, and the link, working.
    const logout = await client.post(
      '/portal-api/v1/session/logout',
      {},
      { token: first.body.token },
    );
    expect(logout.status).toBe(204);
    await eventually(async () =>
      expect((await client.get('/portal-api/v1/me', { token: first.body.token })).status).toBe(401),
    );
    expect((await client.get('/portal-api/v1/me', { token: second.body.token })).status).toBe(200);
    expect((await exchange({ token: link.body.token })).status).toBe(200);

    // Magic links are not listed as embed tokens; revoking the link ends every opening.
    expect((await client.get(`/api/v1/app/${appId}/portal-token`)).body.data).toEqual([]);
    expect(
      (await client.delete(`/api/v1/app/${appId}/portal-session/${link.body.id}`)).status,
    ).toBe(204);
    await eventually(async () =>
      expect((await client.get('/portal-api/v1/me', { token: second.body.token })).status).toBe(
        401,
      ),
    );
    expect((await exchange({ token: link.body.token })).status).toBe(401);
  });

  it('lists embed tokens without their secret, renews their sessions, and revokes them', async () => {
    const created = await client.post(`/api/v1/app/${appId}/portal-token`, {
      name: 'dashboard widget',
      expiresInDays: 365,
      role: 'viewer',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id, token: secret } = created.body as { id: string; token: string };
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(364 * 86_400_000);
    const listed = await client.get(`/api/v1/app/${appId}/portal-token`);
    expect(listed.body.data).toEqual([
      expect.objectContaining({ id, name: 'dashboard widget', lastUsedAt: null }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const session = (await exchange({ token: secret })).body;
    // The token lives 30 s here (HOOKPORT_PORTAL_TOKEN_TTL_SECONDS), the grant a year.
    expect(Date.parse(session.tokenExpiresAt) - Date.now()).toBeLessThanOrEqual(30_000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const renewed = await client.post(
      '/portal-api/v1/session/refresh',
      {},
      { token: session.token },
    );
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    expect(renewed.body.token).not.toBe(session.token);
    expect(Date.parse(renewed.body.tokenExpiresAt)).toBeGreaterThan(
      Date.parse(session.tokenExpiresAt),
    );
    expect(renewed.body.expiresAt).toBe(session.expiresAt);
    expect(
      (await client.get(`/api/v1/app/${appId}/portal-token`)).body.data[0].lastUsedAt,
    ).not.toBeNull();

    expect((await client.delete(`/api/v1/app/${appId}/portal-token/${id}`)).status).toBe(204);
    await eventually(async () =>
      expect((await client.get('/portal-api/v1/me', { token: renewed.body.token })).status).toBe(
        401,
      ),
    );
    expect((await exchange({ token: secret })).status).toBe(401);
    expect(
      (await client.post('/portal-api/v1/session/refresh', {}, { token: renewed.body.token }))
        .status,
    ).toBe(401);
    expect((await client.get(`/api/v1/app/${appId}/portal-token`)).body.data).toEqual([]);
  });

  it('answers the exchange and /me with the branding merged from installation and application', async () => {
    const installation = await client.put('/api/v1/portal-settings', {
      organizationName: 'Hookport Demo',
      accentColor: '#3355ff',
      theme: 'dark',
      refreshUrl: 'https://acme.example.com/portal-refresh',
      allowedFrameOrigins: ['https://acme.example.com'],
    });
    expect(installation.status, JSON.stringify(installation.body)).toBe(200);
    const perApp = await client.put(`/api/v1/app/${appId}/portal-settings`, {
      organizationName: 'Grants Co',
      customCss: '.hp-header { letter-spacing: 0.02em; }',
      hidePoweredBy: true,
      allowedFrameOrigins: ['https://grants.example.com'],
    });
    expect(perApp.status).toBe(200);
    expect((await client.get(`/api/v1/app/${appId}/portal-settings`)).body).toMatchObject({
      organizationName: 'Grants Co',
      accentColor: null,
    });

    const code = (
      await client.post(`/api/v1/app/${appId}/portal-session`, {
        role: 'viewer',
        returnUrl: 'https://grants.example.com/settings',
      })
    ).body.code;
    const exchanged = (await exchange({ code })).body;
    const me = await client.get('/portal-api/v1/me', { token: exchanged.token });
    expect(me.status).toBe(200);
    // The exchange carries the same branding, so the portal needs no second call to look right
    // or to know where a lapsed session goes.
    expect(exchanged.branding).toEqual(me.body.branding);
    expect(me.body).toMatchObject({
      app: { id: appId, name: 'Grants Co' },
      returnUrl: 'https://grants.example.com/settings',
      branding: {
        organizationName: 'Grants Co',
        accentColor: '#3355ff',
        theme: 'dark',
        customCss: '.hp-header { letter-spacing: 0.02em; }',
        hidePoweredBy: true,
        refreshUrl: 'https://acme.example.com/portal-refresh',
      },
    });
    expect(me.body.frameOrigins.sort()).toEqual([
      'https://acme.example.com',
      'https://grants.example.com',
    ]);
    expect(me.body.scopes).not.toContain('endpoints:write');
    expect(me.body.limits).toEqual({ retentionDays: 90 });

    for (const body of [
      { accentColor: 'red' },
      { theme: 'neon' },
      { allowedFrameOrigins: ['https://acme.example.com/path'] },
      { refreshUrl: 'javascript:alert(1)' },
      { customCss: 'x'.repeat(20_001) },
    ]) {
      const refused = await client.put('/api/v1/portal-settings', body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
    }
    expect((await client.get('/api/v1/portal-settings')).body.organizationName).toBe(
      'Hookport Demo',
    );
    // PATCH changes what it is given and keeps the rest (PUT with one field wiped every
    // allowed frame origin, which broke every embed); null unsets a field.
    const patched = await client.patch(`/api/v1/app/${appId}/portal-settings`, {
      accentColor: '#0f766e',
      customCss: null,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({
      organizationName: 'Grants Co',
      accentColor: '#0f766e',
      customCss: null,
      hidePoweredBy: true,
      allowedFrameOrigins: ['https://grants.example.com'],
    });
    const installationPatched = await client.patch('/api/v1/portal-settings', { theme: 'light' });
    expect(installationPatched.body).toMatchObject({
      theme: 'light',
      organizationName: 'Hookport Demo',
      allowedFrameOrigins: ['https://acme.example.com'],
    });
    expect((await client.patch('/api/v1/portal-settings', { theme: 'neon' })).status).toBe(422);
    // The gateway frames what it was told at once: the application's origin still may.
    await eventually(async () =>
      expect(
        (
          await client.get('/portal-api/v1/me', { token: exchanged.token })
        ).body.frameOrigins.sort(),
      ).toEqual(['https://acme.example.com', 'https://grants.example.com']),
    );
  });

  it("answers Hook Mesh's and Outpost's portal-link calls in their shapes, and checks them", async () => {
    const hookMesh = await client.post(`/api/v1/applications/grants/portal-tokens`, {
      permissions: ['read'],
      expires_in: 120,
    });
    expect(hookMesh.status, JSON.stringify(hookMesh.body)).toBe(201);
    expect(Object.keys(hookMesh.body).sort()).toEqual(['expires_at', 'url']);
    const code = new URL(hookMesh.body.url).hash.slice('#code='.length);
    const viewer = await exchange({ code });
    expect(viewer.body.scopes).not.toContain('endpoints:write');
    expect(Date.parse(viewer.body.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);

    const outpost = await client.get('/api/v1/tenants/grants/portal?theme=light');
    expect(outpost.status).toBe(200);
    expect(outpost.body.redirect_url).toMatch(/\/portal\/\?app=app_\w+&theme=light#code=/);

    for (const [name, response] of [
      [
        'permissions',
        await client.post('/api/v1/applications/grants/portal-tokens', { permissions: ['admin'] }),
      ],
      [
        'expires_in',
        await client.post('/api/v1/applications/grants/portal-tokens', { expires_in: 30 }),
      ],
      ['theme', await client.get('/api/v1/tenants/grants/portal?theme=neon')],
      ['expiresIn', await client.get('/api/v1/tenants/grants/portal?expiresIn=soon')],
    ] as const) {
      expect(response.status, name).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await client.get('/api/v1/tenants/nobody/portal')).status).toBe(404);
  });

  it('lets only the allowed origins frame the portal and call the portal API', async () => {
    await client.put('/api/v1/portal-settings', {
      allowedFrameOrigins: ['https://acme.example.com'],
    });
    await client.put(`/api/v1/app/${appId}/portal-settings`, {
      allowedFrameOrigins: ['https://grants.example.com'],
    });
    const page = async (query: string) => {
      const response = await fetch(`${stack.gatewayUrl}/portal/${query}`);
      return {
        csp: response.headers.get('content-security-policy') ?? '',
        referrer: response.headers.get('referrer-policy'),
      };
    };
    const forApp = await page(`?app=${appId}`);
    expect(forApp.csp).toContain(
      "frame-ancestors 'self' https://acme.example.com https://grants.example.com",
    );
    expect(forApp.referrer).toBe('no-referrer');
    const withoutApp = await page('');
    expect(withoutApp.csp).toMatch(/frame-ancestors 'self' https:\/\/acme\.example\.com;/);

    // A deep link into the SPA is the same page with the same protection; a missing file is not.
    const deepLink = await fetch(`${stack.gatewayUrl}/portal/endpoints/ep_1?app=${appId}`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toContain('text/html');
    expect(deepLink.headers.get('content-security-policy')).toBe(
      (await fetch(`${stack.gatewayUrl}/portal/?app=${appId}`)).headers.get(
        'content-security-policy',
      ),
    );
    expect(await deepLink.text()).toContain('<hp-root');
    expect((await fetch(`${stack.gatewayUrl}/portal/missing-chunk.js`)).status).toBe(404);

    const { token } = (
      await exchange({
        code: (await client.post(`/api/v1/app/${appId}/portal-session`, {})).body.code,
      })
    ).body;
    const call = (origin: string) =>
      fetch(`${stack.gatewayUrl}/portal-api/v1/me`, {
        headers: { origin, authorization: `Bearer ${token}` },
      });
    expect(
      (await call('https://grants.example.com')).headers.get('access-control-allow-origin'),
    ).toBe('https://grants.example.com');
    expect(
      (await call('https://evil.example.net')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const preflight = await fetch(`${stack.gatewayUrl}/portal-api/v1/me`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://acme.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

describe('rate limits', () => {
  let database: TestDatabase;
  let stack: Stack;
  let client: ApiClient;
  let appId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      serviceEnv: {
        'api-gateway': {
          HOOKPORT_RATE_LIMIT_API_KEY: '5',
          HOOKPORT_RATE_LIMIT_PORTAL_SESSION: '5',
        },
      },
    });
    client = api(stack);
    appId = (await client.post('/api/v1/app', { name: 'Busy Co' })).body.id;
  });

  afterAll(async () => {
    await stack?.stop();
    await database?.drop();
  });

  it('answers 429 with Retry-After once a key or a session exceeds its rate', async () => {
    const { key } = (await client.post('/api/v1/api-key', { name: 'busy', scopes: ['*'] })).body;
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the admin key's bucket refills
    const statuses: number[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 15; i += 1) {
      const response = await client.get(`/api/v1/app/${appId}`, { token: key });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers['retry-after'];
        expect(response.body.code).toBe('rateLimited');
      }
    }
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(10);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another key is not slowed by this one.
    expect((await client.get(`/api/v1/app/${appId}`)).status).toBe(200);

    const code = (await client.post(`/api/v1/app/${appId}/portal-session`, {})).body.code;
    const { token } = (
      await client.post('/portal-api/v1/session/exchange', { code }, { token: null })
    ).body;
    const portal: number[] = [];
    for (let i = 0; i < 15; i += 1)
      portal.push((await client.get('/portal-api/v1/endpoints', { token })).status);
    expect(portal).toContain(429);
  });
});
