import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  type Receiver,
  type Stack,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

const CODE_TTL_SECONDS = 2;

/**
 * Attacks on portal access, on the real stack: forged and tampered session tokens, codes used
 * twice or late, restricted sessions reaching further, and bad session requests. Each is refused
 * with the documented status and problem+json, and changes nothing.
 */
describe('portal access under attack', () => {
  let stack: Stack;
  let client: ApiClient;
  let env: TestStack;
  let receiver: Receiver;
  let appId: string;
  let endpointIds: string[];

  const createSession = async (body: Record<string, unknown>) => {
    const created = await client.post(`/api/v1/app/${appId}/portal-session`, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: string; code: string };
  };
  const exchange = (code: string) =>
    client.post('/portal-api/v1/session/exchange', { code }, { token: null });
  const tokenFor = async (body: Record<string, unknown>) => {
    const exchanged = await exchange((await createSession(body)).code);
    expect(exchanged.status).toBe(200);
    return exchanged.body.token as string;
  };
  const expectProblem = (
    response: { status: number; headers: Record<string, unknown>; body: { code?: string } },
    status: number,
    code: string,
  ) => {
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe(code);
  };

  beforeAll(async () => {
    env = await startTestStack({
      stack: {
        serviceEnv: {
          'portal-session': { HOOKPORT_PORTAL_CODE_TTL_SECONDS: String(CODE_TTL_SECONDS) },
        },
      },
    });
    ({ stack, receiver, client } = env);
    appId = (await client.post('/api/v1/app', { name: 'Target Co' })).body.id;
    endpointIds = [];
    for (const path of ['one', 'two']) {
      const created = await client.post(`/api/v1/app/${appId}/endpoint`, {
        url: `${receiver.url}/${path}`,
      });
      endpointIds.push(created.body.id);
    }
  });

  afterAll(() => env?.stop());

  it('refuses forged, tampered, re-signed, expired and mis-addressed tokens with 401', async () => {
    const genuine = await tokenFor({ role: 'admin' });
    expect((await client.get('/portal-api/v1/endpoints', { token: genuine })).status).toBe(200);
    const claims = new JwtService().decode<Record<string, unknown>>(genuine);
    const { iat: _iat, exp: _exp, aud: _aud, iss: _iss, ...payload } = claims;
    const rightKey = new JwtService({ secret: stack.env['HOOKPORT_JWT_SECRET']! });
    const otherKey = new JwtService({ secret: 'another-key-that-is-long-enough-0123456789' });
    const fine = { audience: 'hookport-portal', issuer: 'hookport', expiresIn: 600 } as const;
    const [head, body] = genuine.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${body}.`;
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, scopes: ['*'], sub: 'app_other' })).toString('base64url')}.${genuine.split('.')[2]}`;

    const attempts: Record<string, string> = {
      garbage: 'not-a-token',
      'alg none': unsigned,
      'payload tampered': tampered,
      're-signed with another key': otherKey.sign(payload, fine),
      'wrong audience': rightKey.sign(payload, { ...fine, audience: 'hookport-management' }),
      'wrong issuer': rightKey.sign(payload, { ...fine, issuer: 'someone-else' }),
      'another algorithm': rightKey.sign(payload, { ...fine, algorithm: 'HS512' }),
      expired: rightKey.sign(
        { ...payload, exp: Math.floor(Date.now() / 1000) - 5 },
        {
          audience: 'hookport-portal',
          issuer: 'hookport',
        },
      ),
      'the management key': stack.adminKey,
      // Signed with the right key but not of the shape portal-session issues: refused whole.
      'no grant claim': rightKey.sign({ ...payload, gid: undefined }, fine),
      'scopes not a list': rightKey.sign({ ...payload, scopes: 'endpoints:read' }, fine),
      'metadata not strings': rightKey.sign({ ...payload, meta: { tier: 1 } }, fine),
    };
    for (const [name, token] of Object.entries(attempts)) {
      const response = await client.get('/portal-api/v1/endpoints', { token });
      expect(response.status, name).toBe(401);
      expectProblem(response, 401, 'unauthorized');
    }
    // A correctly signed token is accepted: the refusals above are about the tampering.
    const resigned = rightKey.sign(payload, fine);
    expect((await client.get('/portal-api/v1/endpoints', { token: resigned })).status).toBe(200);
  });

  it('keeps an endpoint-restricted session to its endpoints', async () => {
    const [allowed, other] = endpointIds as [string, string];
    const token = await tokenFor({ role: 'admin', endpointIds: [allowed] });
    const list = await client.get('/portal-api/v1/endpoints', { token });
    expect(list.body.data.map((endpoint: { id: string }) => endpoint.id)).toEqual([allowed]);
    expect((await client.get(`/portal-api/v1/endpoints/${allowed}`, { token })).status).toBe(200);

    const path = `/portal-api/v1/endpoints/${other}`;
    for (const [name, response] of [
      ['get', await client.get(path, { token })],
      ['secret', await client.get(`${path}/secret`, { token })],
      ['patch', await client.patch(path, { description: 'taken over' }, { token })],
      ['rotate', await client.post(`${path}/secret/rotate`, {}, { token })],
      ['delete', await client.delete(path, { token })],
    ] as const) {
      expect(response.status, name).toBe(404);
      expect(response.body.code, name).toBe('notFound');
    }
    const untouched = await client.get(`/api/v1/app/${appId}/endpoint/${other}`);
    expect(untouched.status).toBe(200);
    expect(untouched.body.description).toBe('');
  });

  it('exchanges a code once, and not after its lifetime', async () => {
    const first = await createSession({ role: 'viewer' });
    // The answer says until when the URL opens (the code's lifetime), apart from the session's.
    const created = first as unknown as { codeExpiresAt: string; expiresAt: string };
    const opensFor = Date.parse(created.codeExpiresAt) - Date.now();
    expect(opensFor).toBeGreaterThan(0);
    expect(opensFor).toBeLessThanOrEqual(CODE_TTL_SECONDS * 1000);
    expect(Date.parse(created.expiresAt)).toBeGreaterThan(Date.parse(created.codeExpiresAt));
    expect((await exchange(first.code)).status).toBe(200);
    expectProblem(await exchange(first.code), 401, 'codeAlreadyUsed');

    const late = await createSession({ role: 'viewer' });
    await new Promise((resolve) => setTimeout(resolve, (CODE_TTL_SECONDS + 1) * 1000));
    expectProblem(await exchange(late.code), 401, 'codeAlreadyUsed');
    // Unknown, and malformed codes.
    expectProblem(await exchange('x'.repeat(32)), 401, 'codeAlreadyUsed');
    expectProblem(
      await client.post('/portal-api/v1/session/exchange', { code: 42 }, { token: null }),
      422,
      'validation',
    );
  });

  it('refuses session requests beyond the limits with 422, one error per field', async () => {
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`key${i}`, 'value']));
    const cases: Record<string, [Record<string, unknown>, string]> = {
      'eleven metadata keys': [{ metadata: tooMany }, 'metadata'],
      'a 51-character key': [{ metadata: { ['k'.repeat(51)]: 'v' } }, 'metadata'],
      'a 501-character value': [{ metadata: { user: 'v'.repeat(501) } }, 'metadata'],
      'a number as value': [{ metadata: { user: 7 } }, 'metadata'],
      'expiresIn 59 s': [{ expiresIn: 59 }, 'expiresIn'],
      'expiresIn 24 h + 1 s': [{ expiresIn: 86_401 }, 'expiresIn'],
      'a javascript: returnUrl': [{ returnUrl: 'javascript:alert(document.cookie)' }, 'returnUrl'],
      'a data: returnUrl': [{ returnUrl: 'data:text/html,<script>alert(1)</script>' }, 'returnUrl'],
      'an unknown role': [{ role: 'owner' }, 'role'],
      'an unknown scope': [{ scopes: ['endpoints:read', 'billing:write'] }, 'scopes'],
    };
    for (const [name, [body, field]] of Object.entries(cases)) {
      const response = await client.post(`/api/v1/app/${appId}/portal-session`, body);
      expectProblem(response, 422, 'validation');
      expect(
        response.body.errors.map((error: { field: string }) => error.field),
        name,
      ).toContain(field);
    }
    // Magic links and embed tokens have limits of their own.
    for (const body of [{ expiresInMinutes: 0 }, { expiresInMinutes: 1441 }, { scopes: ['all'] }]) {
      expectProblem(await client.post(`/api/v1/app/${appId}/magic-link`, body), 422, 'validation');
    }
    for (const body of [{ expiresInDays: 0 }, { expiresInDays: 366 }]) {
      expectProblem(
        await client.post(`/api/v1/app/${appId}/portal-token`, body),
        422,
        'validation',
      );
    }
    expect((await client.get(`/api/v1/app/${appId}/portal-token`)).body.data).toEqual([]);
  });

  it("refuses a viewer's writes with 403 and changes nothing", async () => {
    const viewer = await tokenFor({ role: 'viewer' });
    const [first] = endpointIds as [string];
    const before = (await client.get(`/api/v1/app/${appId}/endpoint/${first}`)).body;
    const secretBefore = (await client.get(`/api/v1/app/${appId}/endpoint/${first}/secret`)).body;
    const path = `/portal-api/v1/endpoints/${first}`;
    for (const [name, response] of [
      [
        'create',
        await client.post(
          '/portal-api/v1/endpoints',
          { url: `${receiver.url}/v` },
          { token: viewer },
        ),
      ],
      ['put', await client.put(path, { url: `${receiver.url}/v` }, { token: viewer })],
      ['patch', await client.patch(path, { disabled: true }, { token: viewer })],
      ['delete', await client.delete(path, { token: viewer })],
      ['rotate', await client.post(`${path}/secret/rotate`, {}, { token: viewer })],
      ['test', await client.post(`${path}/test`, { eventType: 'user.created' }, { token: viewer })],
      [
        'retry',
        await client.post(
          `/portal-api/v1/messages/msg_x/endpoints/${first}/retry`,
          {},
          { token: viewer },
        ),
      ],
    ] as const) {
      expect(response.status, name).toBe(403);
      expect(response.body.code, name).toBe('forbidden');
    }
    expect((await client.get(`/api/v1/app/${appId}/endpoint/${first}`)).body).toEqual(before);
    expect((await client.get(`/api/v1/app/${appId}/endpoint/${first}/secret`)).body).toEqual(
      secretBefore,
    );
    expect((await client.get(`/api/v1/app/${appId}/endpoint`)).body.data).toHaveLength(2);
  });
});
