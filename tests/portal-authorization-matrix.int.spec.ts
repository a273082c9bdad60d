import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_SCOPES, type PortalScope } from '@hookport/contracts';
import {
  eventually,
  openEventStream,
  portalToken,
  findRepoRoot,
  startTestStack,
  type ApiClient,
  type ApiResponse,
  type TestStack,
} from '@hookport/testing';

/**
 * Every portal route, asked by every kind of caller: the application's own sessions of each
 * role, a session restricted to another endpoint, another application's session, an expired and
 * a revoked token, no token. Resources named in a path are those that went to endpoint E2 only;
 * lists are checked for what they must not contain. The table must name every portal route of
 * the OpenAPI document: a route added without an entry fails here.
 */

interface Context {
  appId: string;
  e1: string;
  e2: string;
  m1: string;
  m2: string;
  otherAppId: string;
  receiverUrl: string;
  /** A fresh endpoint of the application, for calls that change or remove what they name. */
  fresh(): Promise<string>;
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}

interface RouteCase {
  /** The scope the route needs; null for any valid session. */
  scope: PortalScope | null;
  /** What a caller allowed to use the route gets. */
  ok: number;
  /** The call, aimed at E2 (or its message M2) where the route names a resource. */
  call(ctx: Context, target: { endpointId: string }): Call;
  /** Names a resource of E2: a restricted or foreign session gets 404 (and changes nothing). */
  namesEndpoint?: boolean;
  /** Changes or removes what it names: allowed callers aim at a fresh endpoint instead. */
  changes?: boolean;
  /** For lists: the ids in an answer, which must hold nothing the caller may not see. */
  ids?(body: Record<string, unknown>): string[];
}

const P = '/portal-api/v1';
const dataIds = (key: string) => (body: Record<string, unknown>) =>
  ((body['data'] as Record<string, string>[] | undefined) ?? []).map((row) => row[key]!);

const ROUTES: Record<string, RouteCase> = {
  'POST /portal-api/v1/session/refresh': {
    scope: null,
    ok: 200,
    call: () => ({ method: 'POST', path: `${P}/session/refresh` }),
  },
  'POST /portal-api/v1/session/logout': {
    scope: null,
    ok: 204,
    call: () => ({ method: 'POST', path: `${P}/session/logout` }),
  },
  'GET /portal-api/v1/me': {
    scope: null,
    ok: 200,
    call: () => ({ method: 'GET', path: `${P}/me` }),
  },
  'GET /portal-api/v1/endpoints': {
    scope: 'endpoints:read',
    ok: 200,
    call: () => ({ method: 'GET', path: `${P}/endpoints` }),
    ids: dataIds('id'),
  },
  'POST /portal-api/v1/endpoints': {
    scope: 'endpoints:write',
    ok: 201,
    call: (ctx) => ({
      method: 'POST',
      path: `${P}/endpoints`,
      body: { url: `${ctx.receiverUrl}/created` },
    }),
  },
  'GET /portal-api/v1/endpoints/health': {
    scope: 'endpoints:read',
    ok: 200,
    call: () => ({ method: 'GET', path: `${P}/endpoints/health` }),
    ids: dataIds('endpointId'),
  },
  'GET /portal-api/v1/endpoints/success-rates': {
    scope: 'endpoints:read',
    ok: 200,
    call: () => ({ method: 'GET', path: `${P}/endpoints/success-rates` }),
    ids: dataIds('endpointId'),
  },
  'GET /portal-api/v1/endpoints/{endpointId}': {
    scope: 'endpoints:read',
    ok: 200,
    namesEndpoint: true,
    call: (_, { endpointId }) => ({ method: 'GET', path: `${P}/endpoints/${endpointId}` }),
  },
  'PATCH /portal-api/v1/endpoints/{endpointId}': {
    scope: 'endpoints:write',
    ok: 200,
    namesEndpoint: true,
    changes: true,
    call: (_, { endpointId }) => ({
      method: 'PATCH',
      path: `${P}/endpoints/${endpointId}`,
      body: { description: 'taken over' },
    }),
  },
  'PUT /portal-api/v1/endpoints/{endpointId}': {
    scope: 'endpoints:write',
    ok: 200,
    namesEndpoint: true,
    changes: true,
    call: (ctx, { endpointId }) => ({
      method: 'PUT',
      path: `${P}/endpoints/${endpointId}`,
      body: { url: `${ctx.receiverUrl}/taken-over` },
    }),
  },
  'DELETE /portal-api/v1/endpoints/{endpointId}': {
    scope: 'endpoints:delete',
    ok: 204,
    namesEndpoint: true,
    changes: true,
    call: (_, { endpointId }) => ({ method: 'DELETE', path: `${P}/endpoints/${endpointId}` }),
  },
  'POST /portal-api/v1/endpoints/{endpointId}/recover': {
    scope: 'messages:retry',
    ok: 202,
    namesEndpoint: true,
    call: (_, { endpointId }) => ({
      method: 'POST',
      path: `${P}/endpoints/${endpointId}/recover`,
      body: { since: new Date(Date.now() - 3_600_000).toISOString(), dryRun: true },
    }),
  },
  'GET /portal-api/v1/endpoints/{endpointId}/stats': {
    scope: 'endpoints:read',
    ok: 200,
    namesEndpoint: true,
    call: (_, { endpointId }) => ({ method: 'GET', path: `${P}/endpoints/${endpointId}/stats` }),
  },
  'GET /portal-api/v1/endpoints/{endpointId}/secret': {
    scope: 'secrets:read',
    ok: 200,
    namesEndpoint: true,
    call: (_, { endpointId }) => ({ method: 'GET', path: `${P}/endpoints/${endpointId}/secret` }),
  },
  'GET /portal-api/v1/endpoints/{endpointId}/headers': {
    scope: 'secrets:read',
    ok: 200,
    namesEndpoint: true,
    call: (_, { endpointId }) => ({ method: 'GET', path: `${P}/endpoints/${endpointId}/headers` }),
  },
  'POST /portal-api/v1/endpoints/{endpointId}/secret/rotate': {
    scope: 'secrets:rotate',
    ok: 204,
    namesEndpoint: true,
    changes: true,
    call: (_, { endpointId }) => ({
      method: 'POST',
      path: `${P}/endpoints/${endpointId}/secret/rotate`,
      body: {},
    }),
  },
  'POST /portal-api/v1/endpoints/{endpointId}/test': {
    scope: 'endpoints:write',
    ok: 202,
    namesEndpoint: true,
    call: (_, { endpointId }) => ({
      method: 'POST',
      path: `${P}/endpoints/${endpointId}/test`,
      body: { eventType: 'matrix.ping' },
    }),
  },
  'GET /portal-api/v1/event-types': {
    scope: 'event-types:read',
    ok: 200,
    call: () => ({ method: 'GET', path: `${P}/event-types` }),
  },
  'GET /portal-api/v1/audit-log': {
    scope: 'audit:read',
    ok: 200,
    call: () => ({ method: 'GET', path: `${P}/audit-log?limit=250` }),
    ids: dataIds('resource'),
  },
  'GET /portal-api/v1/messages': {
    scope: 'messages:read',
    ok: 200,
    call: () => ({ method: 'GET', path: `${P}/messages` }),
    ids: (body) => [
      ...dataIds('id')(body),
      ...((body['data'] as { deliveries: { endpointId: string }[] }[]) ?? []).flatMap((row) =>
        row.deliveries.map((delivery) => delivery.endpointId),
      ),
    ],
  },
  'GET /portal-api/v1/messages/{messageId}': {
    scope: 'messages:read',
    ok: 200,
    namesEndpoint: true,
    call: (ctx) => ({ method: 'GET', path: `${P}/messages/${ctx.m2}` }),
  },
  'POST /portal-api/v1/messages/{messageId}/endpoints/{endpointId}/retry': {
    scope: 'messages:retry',
    ok: 202,
    namesEndpoint: true,
    call: (ctx) => ({ method: 'POST', path: `${P}/messages/${ctx.m2}/endpoints/${ctx.e2}/retry` }),
  },
  // The stream and the exchange have tests of their own below.
  'GET /portal-api/v1/stream': {
    scope: 'messages:read',
    ok: 200,
    call: () => ({ method: 'GET', path: `${P}/stream` }),
  },
  'POST /portal-api/v1/session/exchange': {
    scope: null,
    ok: 200,
    call: () => ({ method: 'POST', path: `${P}/session/exchange`, body: {} }),
  },
};

const ROLES = ['admin', 'editor', 'viewer'] as const;
const SEPARATELY_TESTED = ['GET /portal-api/v1/stream', 'POST /portal-api/v1/session/exchange'];

describe('portal authorization matrix', () => {
  let env: TestStack;
  let client: ApiClient;
  let ctx: Context;
  const send = (call: Call, token: string | null): Promise<ApiResponse> => {
    const options = { token };
    switch (call.method) {
      case 'GET':
        return client.get(call.path, options);
      case 'DELETE':
        return client.delete(call.path, options);
      case 'POST':
        return client.post(call.path, call.body, options);
      case 'PUT':
        return client.put(call.path, call.body, options);
      case 'PATCH':
        return client.patch(call.path, call.body, options);
    }
  };

  beforeAll(async () => {
    env = await startTestStack();
    client = env.client;
    const { receiver } = env;
    await client.post('/api/v1/event-type', { name: 'matrix.ping', description: 'A ping' });
    const appId = (await client.post('/api/v1/app', { name: 'Matrix Co' })).body.id as string;
    const otherAppId = (await client.post('/api/v1/app', { name: 'Other Co' })).body.id as string;
    const endpoint = async (app: string, name: string) =>
      (
        await client.post(`/api/v1/app/${app}/endpoint`, {
          url: `${receiver.url}/${name}`,
          channels: [name],
          headers: { Authorization: `Bearer ${name}-credential` },
        })
      ).body.id as string;
    const e1 = await endpoint(appId, 'e1');
    const e2 = await endpoint(appId, 'e2');
    await endpoint(otherAppId, 'other');
    const message = async (app: string, channel: string) =>
      (
        await client.post(`/api/v1/app/${app}/msg`, {
          eventType: 'matrix.ping',
          payload: { to: channel },
          channels: [channel],
        })
      ).body.id as string;
    const m1 = await message(appId, 'e1');
    const m2 = await message(appId, 'e2');
    await message(otherAppId, 'other');
    // Both attempts are in the log before anything is asked of it.
    for (const id of [m1, m2])
      await eventually(async () => {
        const attempts = await client.get(`/api/v1/app/${appId}/attempt/msg/${id}`);
        expect(attempts.body.data).toHaveLength(1);
      });
    let freshCount = 0;
    ctx = {
      appId,
      e1,
      e2,
      m1,
      m2,
      otherAppId,
      receiverUrl: receiver.url,
      fresh: async () =>
        (
          await client.post(`/api/v1/app/${appId}/endpoint`, {
            url: `${receiver.url}/fresh-${(freshCount += 1)}`,
          })
        ).body.id as string,
    };
  });

  afterAll(() => env?.stop());

  it('has an entry for every portal route of the OpenAPI document', () => {
    const document = JSON.parse(readFileSync(resolve(findRepoRoot(), 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/portal-api/'))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      );
    expect(Object.keys(ROUTES).sort()).toEqual(documented.sort());
  });

  it("answers each role of the application's own sessions by its scopes", async () => {
    for (const role of ROLES) {
      for (const [name, route] of Object.entries(ROUTES)) {
        if (SEPARATELY_TESTED.includes(name)) continue;
        // Logging out or refreshing ends or replaces the token: each call gets its own session.
        const token = await portalToken(client, ctx.appId, { role });
        const allowed = route.scope === null || ROLE_SCOPES[role].includes(route.scope);
        const endpointId = allowed && route.changes ? await ctx.fresh() : ctx.e2;
        const response = await send(route.call(ctx, { endpointId }), token);
        expect(response.status, `${role}: ${name}: ${response.text}`).toBe(
          allowed ? route.ok : 403,
        );
        if (!allowed) expect(response.body.code).toBe('forbidden');
      }
    }
  });

  it('keeps a session restricted to E1 and a session of another application away from E2', async () => {
    const secretBefore = (await client.get(`/api/v1/app/${ctx.appId}/endpoint/${ctx.e2}/secret`))
      .body.key as string;
    const callers = {
      'restricted to E1': { app: ctx.appId, unseen: [ctx.e2, ctx.m2] },
      'of another application': { app: ctx.otherAppId, unseen: [ctx.e1, ctx.e2, ctx.m1, ctx.m2] },
    };
    for (const [caller, { app, unseen }] of Object.entries(callers)) {
      for (const [name, route] of Object.entries(ROUTES)) {
        if (SEPARATELY_TESTED.includes(name)) continue;
        const session =
          caller === 'restricted to E1'
            ? { role: 'admin', endpointIds: [ctx.e1] }
            : { role: 'admin' };
        const token = await portalToken(client, app, session);
        const response = await send(route.call(ctx, { endpointId: ctx.e2 }), token);
        const label = `${caller}: ${name}: ${response.text}`;
        if (route.namesEndpoint) {
          expect(response.status, label).toBe(404);
          expect(response.body.code, label).toBe('notFound');
        } else {
          expect(response.status, label).toBe(route.ok);
        }
        for (const id of route.ids?.(response.body) ?? [])
          expect(unseen, `${label} shows ${id}`).not.toContain(id);
      }
    }
    const after = await client.get(`/api/v1/app/${ctx.appId}/endpoint/${ctx.e2}`);
    expect(after.status).toBe(200);
    expect(after.body.description).toBe('');
    expect((await client.get(`/api/v1/app/${ctx.appId}/endpoint/${ctx.e2}/secret`)).body.key).toBe(
      secretBefore,
    );
  });

  it('shows the unrestricted admin what the restricted sessions were not shown', async () => {
    const token = await portalToken(client, ctx.appId, { role: 'admin' });
    // Health lists only endpoints whose circuit or health ever changed: E2's never did.
    for (const name of [
      'GET /portal-api/v1/endpoints',
      'GET /portal-api/v1/endpoints/success-rates',
      'GET /portal-api/v1/messages',
    ]) {
      const route = ROUTES[name]!;
      const response = await send(route.call(ctx, { endpointId: ctx.e2 }), token);
      expect(route.ids!(response.body), name).toContain(ctx.e2);
    }
    const audit = await client.get(`${P}/audit-log?limit=250`, { token });
    expect(dataIds('resource')(audit.body)).toContain(ctx.e2);
    expect((await client.get(`${P}/messages/${ctx.m2}`, { token })).status).toBe(200);
  });

  it('refuses expired, revoked and missing tokens on every route with 401', async () => {
    const genuine = await portalToken(client, ctx.appId, { role: 'admin' });
    const claims = new JwtService().decode<Record<string, unknown>>(genuine);
    const { iat: _iat, exp: _exp, aud: _aud, iss: _iss, ...payload } = claims;
    const expired = new JwtService({ secret: env.stack.env['HOOKPORT_JWT_SECRET']! }).sign(
      { ...payload, exp: Math.floor(Date.now() / 1000) - 5 },
      { audience: 'hookport-portal', issuer: 'hookport' },
    );
    const revokedSession = await client.post(`/api/v1/app/${ctx.appId}/portal-session`, {
      role: 'admin',
    });
    const revoked = (
      await client.post(
        '/portal-api/v1/session/exchange',
        { code: revokedSession.body.code },
        { token: null },
      )
    ).body.token as string;
    expect((await client.get(`${P}/me`, { token: revoked })).status).toBe(200);
    await client.delete(`/api/v1/app/${ctx.appId}/portal-session/${revokedSession.body.id}`);
    // Until the gateway has read the revocation, portal-session itself refuses what it answers
    // (me, refresh) but not what other services answer: wait for the gateway.
    await eventually(async () =>
      expect((await client.get(`${P}/endpoints`, { token: revoked })).status).toBe(401),
    );
    for (const [name, route] of Object.entries(ROUTES)) {
      if (name === 'POST /portal-api/v1/session/exchange') continue;
      for (const [caller, token] of Object.entries({ expired, revoked, none: null })) {
        const response = await send(route.call(ctx, { endpointId: ctx.e2 }), token);
        expect(response.status, `${caller}: ${name}`).toBe(401);
        expect(response.body.code, `${caller}: ${name}`).toBe('unauthorized');
      }
    }
  });

  it('streams to a restricted session only what went to its endpoints', async () => {
    const url = `${env.stack.gatewayUrl}${P}/stream`;
    const backlog = async (session: Record<string, unknown>) => {
      const stream = await openEventStream(url, {
        token: await portalToken(client, ctx.appId, session),
        // From the very start: the application's first message is at position 1.
        lastEventId: '0',
      });
      try {
        await eventually(() =>
          expect(stream.events.filter((event) => event.event === 'message')).not.toHaveLength(0),
        );
        // The backlog is written at once; a moment more lets the rest of it arrive.
        await new Promise((done) => setTimeout(done, 300));
        return JSON.stringify(stream.events.map((event) => event.data));
      } finally {
        stream.close();
      }
    };
    const everything = await backlog({ role: 'admin' });
    expect(everything).toContain(ctx.m2);
    expect(everything).toContain(ctx.e2);
    const restricted = await backlog({ role: 'admin', endpointIds: [ctx.e1] });
    expect(restricted).toContain(ctx.m1);
    expect(restricted).not.toContain(ctx.m2);
    expect(restricted).not.toContain(ctx.e2);
  });

  it('opens a session only on the page of its own application', async () => {
    const code = async () =>
      (await client.post(`/api/v1/app/${ctx.appId}/portal-session`, { role: 'viewer' })).body
        .code as string;
    const exchange = (body: Record<string, unknown>) =>
      client.post(`${P}/session/exchange`, body, { token: null });
    const refused = await exchange({ code: await code(), app: ctx.otherAppId });
    expect(refused.status).toBe(401);
    const own = await code();
    // A refused page did not spend the code: the page of its own application opens it.
    expect((await exchange({ code: own, app: ctx.otherAppId })).status).toBe(401);
    expect((await exchange({ code: own, app: ctx.appId })).status).toBe(200);
    expect((await exchange({ code: await code() })).status).toBe(200);
    for (const body of [{}, { code: null, token: 'x'.repeat(20) }, { code: null, token: null }]) {
      const response = await exchange(body);
      expect(response.status, JSON.stringify(body)).toBeLessThan(500);
      expect(response.status, JSON.stringify(body)).not.toBe(200);
    }
  });

  it('shows custom header values only to sessions that may read secrets', async () => {
    const credential = 'Bearer e1-credential';
    const detail = async (role: string) =>
      (
        await client.get(`${P}/messages/${ctx.m1}`, {
          token: await portalToken(client, ctx.appId, { role }),
        })
      ).body as { attempts: { requestHeaders: Record<string, string> }[] };
    const headerOf = (body: Awaited<ReturnType<typeof detail>>, name: string) =>
      Object.entries(body.attempts[0]!.requestHeaders).find(
        ([header]) => header.toLowerCase() === name,
      )?.[1];
    const viewer = await detail('viewer');
    expect(headerOf(viewer, 'authorization')).toBe('********');
    // What Hookport itself sets stays visible: the receiver's id and signature help debugging.
    expect(headerOf(viewer, 'webhook-id')).toMatch(/^msg_/);
    expect(headerOf(await detail('editor'), 'authorization')).toBe(credential);

    const audit = async (role: string) =>
      JSON.stringify(
        (
          await client.get(`${P}/audit-log?limit=250`, {
            token: await portalToken(client, ctx.appId, { role }),
          })
        ).body,
      );
    expect(await audit('viewer')).not.toContain('e1-credential');
    expect(await audit('viewer')).toContain('********');
    expect(await audit('editor')).toContain('e1-credential');
    // The operator's own API key sees what its backend configured.
    const operator = await client.get(`/api/v1/app/${ctx.appId}/audit-log?limit=250`);
    expect(JSON.stringify(operator.body)).toContain('e1-credential');
  });
});
