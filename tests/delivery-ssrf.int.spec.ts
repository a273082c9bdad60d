import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTestDatabase,
  eventually,
  portalToken,
  startReceiver,
  startStack,
  type ApiClient,
  type Receiver,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

interface Attempt {
  endpointId: string;
  errorClass: string | null;
  errorMessage: string | null;
  responseStatus: number | null;
}

/**
 * SSRF safety at connect time, on the real stack. The endpoints service is told to accept these
 * URLs at write time (so that the connect-time check is what is tested); delivery may reach only
 * 127.0.0.2, where the loopback receiver listens. Every refusal happens before a packet leaves: IP literals are
 * checked before the request, names when they resolve.
 */
describe('delivery refuses endpoints at unsafe addresses when it connects', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  const endpoints = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    // Delivery may reach 127.0.0.2 only: where this receiver listens.
    receiver = await startReceiver({
      host: '127.0.0.2',
      respondWith: (request) =>
        request.url.startsWith('/redirect')
          ? { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }
          : { status: 200 },
    });
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      serviceEnv: {
        endpoints: { HOOKPORT_SSRF_ALLOW: '127.0.0.0/8,::1/128,10.0.0.0/8,169.254.0.0/16' },
        delivery: { HOOKPORT_SSRF_ALLOW: '127.0.0.2/32', HOOKPORT_RETRY_SCHEDULE: '0' },
      },
    });
    client = api(stack);
    await client.post('/api/v1/app', { name: 'SSRF Co', uid: 'ssrf' });
    const port = new URL(receiver.url).port;
    const urls = {
      otherLoopback: `http://127.0.0.1:${port}/never`,
      private: 'http://10.0.0.1/never',
      metadata: 'http://169.254.169.254/latest/meta-data/',
      ipv6Loopback: `http://[::1]:${port}/never`,
      nameResolvingToLoopback: `http://localhost:${port}/never`,
      redirectToMetadata: `${receiver.url}/redirect`,
    };
    for (const [name, url] of Object.entries(urls)) {
      const created = await client.post('/api/v1/app/ssrf/endpoint', { url });
      expect(created.status, `${name}: ${JSON.stringify(created.body)}`).toBe(201);
      endpoints.set(name, created.body.id);
    }
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('records why each attempt was refused, and follows no redirect', async () => {
    const message = await client.post('/api/v1/app/ssrf/msg', {
      eventType: 'ssrf.probe',
      payload: {},
    });
    expect(message.status).toBe(202);
    const token = await portalToken(client, 'ssrf');

    const attempts = await eventually(async () => {
      const detail = await client.get(`/portal-api/v1/messages/${message.body.id}`, { token });
      expect(detail.status).toBe(200);
      expect(detail.body.attempts).toHaveLength(endpoints.size);
      return detail.body.attempts as Attempt[];
    });
    const attemptOf = (name: string) => attempts.find((a) => a.endpointId === endpoints.get(name))!;

    for (const [name, reason] of [
      ['otherLoopback', '127.0.0.1 is a loopback address'],
      ['private', '10.0.0.1 is a private address'],
      ['metadata', '169.254.169.254 is a linkLocal address'],
      ['ipv6Loopback', '::1 is a loopback address'],
      ['nameResolvingToLoopback', 'localhost resolves to 127.0.0.1, a loopback address'],
    ] as const) {
      expect(attemptOf(name), name).toMatchObject({
        errorClass: 'ssrf-blocked',
        responseStatus: null,
      });
      expect(attemptOf(name).errorMessage, name).toContain(reason);
    }
    // The redirect is a failure of its own: answered 302, never followed.
    expect(attemptOf('redirectToMetadata')).toMatchObject({
      errorClass: 'redirect',
      responseStatus: 302,
    });
    expect(receiver.requestsTo('/redirect')).toHaveLength(1);
    expect(receiver.requestsTo('/never')).toHaveLength(0);
  });
});
