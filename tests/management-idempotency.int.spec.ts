import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestStack, type TestStack } from '@hookport/testing';

/**
 * `Idempotency-Key` on the management API's POSTs beside message create (which has its own, in
 * delivery-ingest): what Svix's SDKs rely on when they retry a POST. Checked by what a client
 * sees: the answer repeated, and what exists afterwards.
 */
const KEY_SECONDS = 6;

describe('Idempotency-Key on every management POST', () => {
  let client: ApiClient;
  let env: TestStack;
  let receiverUrl: string;
  const keyWindow = { HOOKPORT_IDEMPOTENCY_KEY_HOURS: String(KEY_SECONDS / 3600) };

  beforeAll(async () => {
    env = await startTestStack({
      stack: {
        // Keys answer repeats for 6 s here (24 h by default), in each service that owns a POST.
        serviceEnv: { endpoints: keyWindow, 'portal-session': keyWindow, delivery: keyWindow },
      },
    });
    ({ client } = env);
    receiverUrl = env.receiver.url;
    await client.post('/api/v1/app', { name: 'Idem Co', uid: 'idem' });
  });

  afterAll(() => env?.stop());

  const withKey = (key: string, token?: string) => ({ headers: { 'idempotency-key': key }, token });
  const endpointCount = async (appId: string) =>
    (await client.get(`/api/v1/app/${appId}/endpoint?limit=250`)).body.data.length as number;

  it('answers a retried endpoint create with the first answer and makes one endpoint', async () => {
    const body = { url: `${receiverUrl}/retried`, uid: 'retried' };
    const first = await client.post('/api/v1/app/idem/endpoint', body, withKey('ep-create-1'));
    const again = await client.post('/api/v1/app/idem/endpoint', body, withKey('ep-create-1'));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const listed = await client.get('/api/v1/app/idem/endpoint?limit=250');
    expect(listed.body.data.filter((ep: { uid: string }) => ep.uid === 'retried')).toHaveLength(1);
  });

  it('answers 409 with a stable code to the same key with another body', async () => {
    const key = withKey('ep-create-2');
    const first = await client.post('/api/v1/app/idem/endpoint', { url: `${receiverUrl}/a` }, key);
    expect(first.status).toBe(201);
    const before = await endpointCount('idem');
    const other = await client.post('/api/v1/app/idem/endpoint', { url: `${receiverUrl}/b` }, key);
    expect(other.status).toBe(409);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.body.code).toBe('conflict');
    expect(other.body.errors).toEqual([
      { field: 'Idempotency-Key', message: 'idempotency-key-reused' },
    ]);
    expect(await endpointCount('idem')).toBe(before);
  });

  it('repeats the first answer of every kind of management POST', async () => {
    await client.post('/api/v1/event-type', { name: 'idem.rotated', description: 'x' });
    const endpoint = (await client.post('/api/v1/app/idem/endpoint', { url: `${receiverUrl}/r` }))
      .body;
    const posts: [string, unknown][] = [
      ['/api/v1/app', { name: 'Idem Two', uid: 'idem-two' }],
      ['/api/v1/event-type', { name: 'idem.created', description: 'made once' }],
      [`/api/v1/app/idem/endpoint/${endpoint.id}/secret/rotate`, {}],
      ['/api/v1/auth/app-portal-access/idem', { readOnly: true }],
      ['/api/v1/app/idem/portal-session', { role: 'viewer' }],
      ['/api/v1/app/idem/magic-link', { expiresInMinutes: 5, scopes: ['endpoints:read'] }],
      ['/api/v1/api-key', { name: 'made once', scopes: ['applications:read'] }],
    ];
    const answers: string[] = [];
    for (const [path, body] of posts) {
      const key = withKey(`every-${path}`);
      const first = await client.post(path, body, key);
      const again = await client.post(path, body, key);
      expect(first.status, path).toBeGreaterThanOrEqual(200);
      expect(first.status, path).toBeLessThan(300);
      expect(again.status, path).toBe(first.status);
      expect(again.body, path).toEqual(first.body);
      answers.push(first.text);
    }
    // The kept answers carry secrets shown once (an API key, a signing secret, portal codes):
    // no table holds them in clear.
    const secrets = answers
      .flatMap((text) => [...text.matchAll(/"(?:key|token|code|url)":"([^"]{16,})"/g)])
      .map((match) => match[1]!);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const sql = new Client({ connectionString: env.database.url });
    await sql.connect();
    try {
      for (const schema of ['endpoints', 'delivery', 'portal_session']) {
        const { rows } = await sql.query<{ text: string }>(
          `SELECT string_agg(body::text, ' ') AS text FROM ${schema}.request_idempotency_keys`,
        );
        for (const secret of secrets) expect(rows[0]?.text ?? '', schema).not.toContain(secret);
      }
    } finally {
      await sql.end();
    }
    // Rotated once: the current secret is the one the first answer gave.
    const rotateKey = withKey(`every-/api/v1/app/idem/endpoint/${endpoint.id}/secret/rotate`);
    const replayed = await client.post(
      `/api/v1/app/idem/endpoint/${endpoint.id}/secret/rotate`,
      {},
      rotateKey,
    );
    const current = await client.get(`/api/v1/app/idem/endpoint/${endpoint.id}/secret`);
    expect(current.body.key).toBe(replayed.body.key);
    // One API key made, not two.
    const keys = (await client.get('/api/v1/api-key')).body.data as { name: string }[];
    expect(keys.filter((key) => key.name === 'made once')).toHaveLength(1);
  });

  it('keeps one API key’s keys from answering another key’s requests', async () => {
    const other = (await client.post('/api/v1/api-key', { name: 'second', scopes: ['*'] })).body
      .key as string;
    const body = { url: `${receiverUrl}/scoped` };
    const mine = await client.post('/api/v1/app/idem/endpoint', body, withKey('shared'));
    const theirs = await client.post('/api/v1/app/idem/endpoint', body, withKey('shared', other));
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('lets a key whose request failed be used again: only successes are repeated', async () => {
    const key = withKey('after-422');
    const refused = await client.post('/api/v1/app/idem/endpoint', { url: 'not a url' }, key);
    expect(refused.status).toBe(422);
    const accepted = await client.post(
      '/api/v1/app/idem/endpoint',
      { url: `${receiverUrl}/ok` },
      key,
    );
    expect(accepted.status).toBe(201);
  });

  it('answers concurrent repeats of one request with one answer and one endpoint', async () => {
    const before = await endpointCount('idem');
    const body = { url: `${receiverUrl}/concurrent` };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        client.post('/api/v1/app/idem/endpoint', body, withKey('concurrent')),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await endpointCount('idem')).toBe(before + 1);
  });

  it('refuses a key that is too long or not visible ASCII with 400', async () => {
    const body = { url: `${receiverUrl}/bad-key` };
    const long = await client.post('/api/v1/app/idem/endpoint', body, withKey('k'.repeat(257)));
    expect(long.status).toBe(400);
    expect(long.body.errors?.[0]?.field).toBe('Idempotency-Key');
  });

  it('lets a key be used anew once its window has passed', async () => {
    const body = { url: `${receiverUrl}/renewed` };
    const first = await client.post('/api/v1/app/idem/endpoint', body, withKey('renewed'));
    await new Promise((resolve) => setTimeout(resolve, KEY_SECONDS * 1000 + 500));
    const later = await client.post('/api/v1/app/idem/endpoint', body, withKey('renewed'));
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
  });
});
