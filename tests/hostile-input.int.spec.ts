import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  portalToken,
  startTestStack,
  type ApiClient,
  type ApiResponse,
  type TestStack,
} from '@hookport/testing';

// Short limits, so that slow clients are cut off within the test (a silent connection is cut by
// whichever comes first; a slow request by the request timeout, before the idle one).
const REQUEST_TIMEOUT_MS = 2_000;
const IDLE_TIMEOUT_MS = 4_000;

/**
 * Input a careless or hostile client sends, on the real stack: each gets a 4xx in the API's
 * problem shape, never a 5xx, and no client can slow down or break another's requests. Every
 * case below answered 5xx (or hung) once.
 */
describe('hostile and malformed input', () => {
  let env: TestStack;
  let client: ApiClient;
  let appId: string;
  let endpointId: string;
  let host: string;
  let port: number;

  const expectClientError = (response: ApiResponse, label: string, status?: number) => {
    expect(response.status, `${label}: ${response.text}`).toBeGreaterThanOrEqual(400);
    expect(response.status, `${label}: ${response.text}`).toBeLessThan(500);
    if (status) expect(response.status, label).toBe(status);
    expect(response.headers['content-type'], label).toContain('application/problem+json');
    expect(typeof response.body.code, label).toBe('string');
  };

  beforeAll(async () => {
    env = await startTestStack({
      stack: {
        env: {
          HOOKPORT_HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
          HOOKPORT_HTTP_HEADERS_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
          HOOKPORT_HTTP_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
        },
      },
    });
    client = env.client;
    port = Number(new URL(env.stack.gatewayUrl).port);
    host = new URL(env.stack.gatewayUrl).hostname;
    appId = (await client.post('/api/v1/app', { name: 'Hostile Co', uid: 'hostile-co' })).body.id;
    endpointId = (
      await client.post(`/api/v1/app/${appId}/endpoint`, { url: `${env.receiver.url}/hook` })
    ).body.id;
  });

  afterAll(() => env?.stop());

  it('answers NUL characters and unpaired surrogates with 422 naming the field', async () => {
    for (const [label, name] of [
      ['NUL', 'Acme\u0000'],
      ['lone high surrogate', 'Acme\uD83D'],
      ['lone low surrogate', '\uDC4BAcme'],
    ] as const) {
      const response = await client.post('/api/v1/app', { name });
      expectClientError(response, label, 422);
      expect(response.body.errors[0].field, label).toBe('name');
    }
    const payload = await client.post(`/api/v1/app/${appId}/msg`, {
      eventType: 'user.created',
      payload: { nested: [{ text: 'a\u0000b' }] },
    });
    expectClientError(payload, 'NUL in a payload', 422);
    expect(payload.body.errors[0].field).toBe('payload.nested[0].text');
    // Emoji (a surrogate pair) and other text are fine.
    expect((await client.post('/api/v1/app', { name: 'Café 👋' })).status).toBe(201);
  });

  it('answers %00 and escapes that are not UTF-8 in a path or query with 400', async () => {
    for (const path of [
      `/api/v1/app/${appId}%00/endpoint`,
      `/api/v1/app/%00`,
      `/api/v1/app/${appId}/msg?iterator=%00`,
      `/api/v1/app/${appId}/msg?channel=%ED%A0%80`,
      `/portal-api/v1/messages?search=%00`,
    ])
      expectClientError(await client.get(path), path, 400);
  });

  it('answers JSON nested deeper than the limit with 400, whatever its depth', async () => {
    for (const depth of [200, 10_000]) {
      const body = `{"name":"deep","metadata":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
      expectClientError(await client.post('/api/v1/app', body), `depth ${depth}`, 400);
    }
    const array = `{"eventType":"a","payload":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    expectClientError(await client.post(`/api/v1/app/${appId}/msg`, array), 'arrays', 400);
  });

  it('answers integers beyond what the columns hold with 422', async () => {
    const path = `/api/v1/app/${appId}/endpoint`;
    for (const body of [
      { url: `${env.receiver.url}/v`, version: 2 ** 31 },
      { url: `${env.receiver.url}/v`, rateLimit: 2 ** 53 },
    ])
      expectClientError(await client.post(path, body), JSON.stringify(body), 422);
    expectClientError(
      await client.get(`/api/v1/app/${appId}/audit-log?iterator=1e30`),
      'audit iterator',
      422,
    );
    expectClientError(
      await client.get(`/api/v1/app/${appId}/audit-log?iterator=99999999999999999999`),
      'audit iterator digits',
      422,
    );
  });

  it('refuses metadata, headers and examples of the wrong shape with 422 (fuzzing found them)', async () => {
    for (const [path, body] of [
      ['/api/v1/app', { name: 'Shapes', metadata: { nested: {} } }],
      ['/api/v1/app', { name: 'Shapes', metadata: { n: 1 } }],
      [`/api/v1/app/${appId}/endpoint`, { url: `${env.receiver.url}/s`, metadata: { a: [] } }],
      [`/api/v1/app/${appId}/endpoint`, { url: `${env.receiver.url}/s`, headers: { 'X-A': 1 } }],
      ['/api/v1/event-type', { name: 'shapes.example', example: [null, null] }],
      // Channels: one rule for endpoints and messages (Svix's alphabet, 128 characters).
      [`/api/v1/app/${appId}/endpoint`, { url: `${env.receiver.url}/c`, channels: ['eu west'] }],
      [`/api/v1/app/${appId}/endpoint`, { url: `${env.receiver.url}/c`, channels: ['@@@'] }],
      [
        `/api/v1/app/${appId}/endpoint`,
        { url: `${env.receiver.url}/c`, channels: ['c'.repeat(300)] },
      ],
      [`/api/v1/app/${appId}/msg`, { eventType: 'a', payload: {}, channels: ['eu west'] }],
    ] as const)
      expectClientError(await client.post(path, body), JSON.stringify(body), 422);
  });

  it('reads an explicit null like an absent field: required ones fail, PATCH keeps the value', async () => {
    const endpoint = `/api/v1/app/${appId}/endpoint/${endpointId}`;
    expectClientError(await client.put(endpoint, { url: null }), 'PUT url null', 422);
    expectClientError(
      await client.post('/api/v1/event-type', { name: null }),
      'event type null',
      422,
    );
    expectClientError(
      await client.post(`/api/v1/app/${appId}/msg`, { eventType: 'a', payload: null }),
      'payload null',
      422,
    );
    for (const body of [{ url: null }, { description: null, disabled: null, metadata: null }]) {
      const patched = await client.patch(endpoint, body);
      expect(patched.status, `${JSON.stringify(body)}: ${patched.text}`).toBe(200);
      expect(patched.body.url).toBe(`${env.receiver.url}/hook`);
      expect(patched.body.description).toBe('');
    }
    const app = await client.patch(`/api/v1/app/${appId}`, { name: null, metadata: null });
    expect(app.status, app.text).toBe(200);
    expect(app.body.name).toBe('Hostile Co');
    // PUT with an optional field null: as if omitted.
    const replaced = await client.put(endpoint, { url: `${env.receiver.url}/hook`, headers: null });
    expect(replaced.status, replaced.text).toBe(200);
    // The unauthenticated exchange, with a null where a string goes.
    for (const body of [
      { code: null, token: 'x'.repeat(20) },
      { code: null },
      { token: null, code: 'y'.repeat(20) },
    ])
      expectClientError(
        await client.post('/portal-api/v1/session/exchange', body, { token: null }),
        JSON.stringify(body),
      );
  });

  it('reads an empty body as no body, however it is labelled or framed', async () => {
    const send = async (path: string, headers: Record<string, string>, body: string | null) => {
      const response = await request(new URL(path, env.stack.gatewayUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${env.stack.adminKey}`, ...headers },
        // A stream has no known length: undici sends it chunked, as Go's client does.
        body: body === null ? Readable.from([]) : body,
      });
      const text = await response.body.text();
      return { status: response.statusCode, text, type: response.headers['content-type'] };
    };
    // A resend to an endpoint created after the message: no first attempt can hold it (one
    // attempt at a time per message and endpoint), a fresh endpoint for each framing.
    const message = await client.post(`/api/v1/app/${appId}/msg`, {
      eventType: 'user.created',
      payload: { id: 1 },
    });
    const resend = async (headers: Record<string, string>, body: string | null) => {
      const endpoint = await client.post(`/api/v1/app/${appId}/endpoint`, {
        url: `${env.receiver.url}/resent`,
      });
      const path = `/api/v1/app/${appId}/msg/${message.body.id}/endpoint/${endpoint.body.id}/resend`;
      return (await send(path, headers, body)).status;
    };
    // The Svix Go SDK's resend: chunked, empty, no content type.
    expect(await resend({}, null)).toBe(202);
    expect(await resend({ 'content-type': 'application/json' }, null)).toBe(202);
    expect(await resend({ 'content-type': 'text/plain' }, '')).toBe(202);
    // A route that needs a body says which field is missing, whatever the framing.
    const recover = await send(
      `/api/v1/app/${appId}/endpoint/${endpointId}/recover`,
      { 'content-type': 'application/json' },
      null,
    );
    expect(recover.status, recover.text).toBe(422);
    expect(recover.text).toContain('since');
    // A body that is not JSON is refused in the problem shape.
    const form = await send('/api/v1/app', { 'content-type': 'text/plain' }, 'name=Acme');
    expect(form.status, form.text).toBe(400);
    expect(form.type).toContain('application/problem+json');
    expect(JSON.parse(form.text).code).toBe('malformedRequest');
  });

  it('answers ids and names as long as the API allows, and longer, without a 5xx', async () => {
    const long = 'u'.repeat(256);
    expect((await client.post('/api/v1/app', { name: 'Long', uid: long })).status).toBe(201);
    expect((await client.get(`/api/v1/app/${long}`)).status).toBe(200);
    expect((await client.get(`/api/v1/app/${long}/msg`)).status).toBe(200);
    expect((await client.get(`/api/v1/app/${long}/endpoint`)).status).toBe(200);
    for (const path of [
      `/api/v1/app/${'u'.repeat(300)}`,
      `/api/v1/app/${'u'.repeat(300)}/msg`,
      `/api/v1/app/${appId}/endpoint/${'e'.repeat(3000)}`,
      `/api/v1/app/${appId}/msg/${'m'.repeat(300)}`,
      `/api/v1/event-type/${'t'.repeat(300)}`,
      `/api/v1/app/not%20an%20id/endpoint`,
    ])
      expectClientError(await client.get(path), path.slice(0, 60));
    const token = await portalToken(client, appId, { role: 'admin' });
    expectClientError(
      await client.get(`/portal-api/v1/messages/${'m'.repeat(3000)}`, { token }),
      'portal message id',
    );
  });

  it("answers every other caller's requests while one batch member is malformed", async () => {
    const apps = await Promise.all(
      Array.from(
        { length: 4 },
        async (_, i) =>
          (await client.post('/api/v1/app', { name: `Tenant ${i}` })).body.id as string,
      ),
    );
    for (let round = 0; round < 3; round++) {
      const good = Array.from({ length: 200 }, (_, i) =>
        client.get(`/api/v1/app/${apps[i % apps.length]}/endpoint`),
      );
      const poisoned = ['%00', 'x'.repeat(300), 'a%20b', '%F0%9F%98%80', `${appId}%00`].map((key) =>
        client.get(`/api/v1/app/${key}/endpoint`),
      );
      const answers = await Promise.all(good);
      const failed = answers.filter((answer) => answer.status !== 200);
      expect(failed.map((answer) => answer.status)).toEqual([]);
      for (const answer of await Promise.all(poisoned)) expectClientError(answer, 'poisoned');
    }
  });

  describe('slow clients', () => {
    const open = () =>
      new Promise<Socket>((done, fail) => {
        const socket = connect(port, host, () => done(socket));
        socket.once('error', fail);
      });
    const closed = (socket: Socket) =>
      new Promise<{ data: string; afterMs: number }>((done) => {
        const started = Date.now();
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => done({ data, afterMs: Date.now() - started }));
        socket.on('error', () => undefined);
      });

    it('closes connections that send nothing, and keeps serving everyone else', async () => {
      const sockets = await Promise.all(Array.from({ length: 100 }, open));
      const ends = sockets.map(closed);
      // Meanwhile the gateway answers as usual.
      expect((await client.get(`/api/v1/app/${appId}`)).status).toBe(200);
      const results = await Promise.all(ends);
      for (const { afterMs } of results) expect(afterMs).toBeLessThan(IDLE_TIMEOUT_MS + 3_000);
    });

    it('answers a body that never completes with 408 in the problem shape, then closes', async () => {
      const socket = await open();
      const end = closed(socket);
      socket.write(
        `POST /api/v1/app HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${env.stack.adminKey}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":',
      );
      const { data, afterMs } = await end;
      expect(data).toMatch(/^HTTP\/1\.1 408/);
      expect(data).toContain('application/problem+json');
      expect(data).toContain('"code":"requestTimeout"');
      expect(afterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 3_000);
    });

    it('answers headers that never end with 408, and oversized headers with 431', async () => {
      const slow = await open();
      const slowEnd = closed(slow);
      slow.write(`GET /api/v1/app HTTP/1.1\r\nHost: ${host}\r\nX-Slow: a`);
      const trickle = setInterval(() => slow.write('a'), 200);
      const { data: slowData } = await slowEnd;
      clearInterval(trickle);
      expect(slowData).toMatch(/^HTTP\/1\.1 408/);

      const huge = await client.get(`/api/v1/app/${appId}`, {
        headers: { 'x-padding': 'p'.repeat(20_000) },
      });
      expectClientError(huge, 'oversized headers', 431);
    });
  });
});
