import { afterEach, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { eventually } from './eventually';
import { startReceiver, type Receiver } from './http-receiver';

describe('startReceiver', () => {
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('records a request with its exact body and answers 200 {"ok":true} by default', async () => {
    // Given a receiver
    receiver = await startReceiver();
    const before = Date.now();
    const body = '{"type":"order.paid","amount":12.50,"note":"café ☕"}';

    // When a webhook is posted to it
    const response = await request(`${receiver.url}/hooks/orders?attempt=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
      body,
    });

    // Then it answered the default, and recorded the request byte for byte
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(await response.body.json()).toEqual({ ok: true });
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(receiver.requests).toHaveLength(1);
    const [recorded] = receiver.requests;
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/hooks/orders',
      url: '/hooks/orders?attempt=1',
      body,
    });
    expect(recorded!.headers['webhook-id']).toBe('msg_1');
    // The monotonic clock behind receivedAt may drift a little from the wall clock.
    expect(recorded!.receivedAt).toBeGreaterThanOrEqual(before - 50);
    expect(recorded!.receivedAt).toBeLessThanOrEqual(Date.now() + 50);
  });

  it('answers what the responder programs, given the request and its index', async () => {
    receiver = await startReceiver();
    receiver.respondWith((request, index) =>
      index === 0
        ? { status: 503, headers: { 'retry-after': '1' }, body: 'busy' }
        : { status: 201, body: { echoed: request.body, index } },
    );

    const first = await request(`${receiver.url}/a`, { method: 'POST', body: 'one' });
    const second = await request(`${receiver.url}/a`, { method: 'POST', body: 'two' });

    expect(first.statusCode).toBe(503);
    expect(first.headers['retry-after']).toBe('1');
    expect(await first.body.text()).toBe('busy');
    expect(second.statusCode).toBe(201);
    expect(await second.body.json()).toEqual({ echoed: 'two', index: 1 });
  });

  it('delays its answer by delayMs, long enough to trip a sender timeout', async () => {
    receiver = await startReceiver({ respondWith: () => ({ status: 200, delayMs: 300 }) });

    // A patient sender gets the answer, but only after the delay
    const started = performance.now();
    const patient = await request(`${receiver.url}/slow`, { method: 'POST', body: 'x' });
    await patient.body.dump();
    expect(patient.statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    // An impatient one gives up, yet its request counts as received
    const impatient = request(`${receiver.url}/slow`, {
      method: 'POST',
      body: 'y',
      signal: AbortSignal.timeout(100),
    });
    await expect(impatient).rejects.toThrow();
    expect(receiver.requestsTo('/slow').map((r) => r.body)).toEqual(['x', 'y']);
  });

  it('drops the connection without answering when told to destroy', async () => {
    receiver = await startReceiver({ respondWith: () => ({ status: 200, destroy: true }) });

    await expect(request(`${receiver.url}/gone`, { method: 'POST', body: 'x' })).rejects.toThrow();
    expect(receiver.requests).toHaveLength(1);
  });

  it('filters requests by path, with or without the query string', async () => {
    receiver = await startReceiver();
    for (const target of ['/a', '/b?x=1', '/b?x=2', '/a']) {
      const response = await request(`${receiver.url}${target}`, { method: 'POST', body: target });
      await response.body.dump();
    }

    expect(receiver.requestsTo('/a').map((r) => r.body)).toEqual(['/a', '/a']);
    expect(receiver.requestsTo('/b')).toHaveLength(2);
    expect(receiver.requestsTo('/b?x=2').map((r) => r.body)).toEqual(['/b?x=2']);
  });

  it('forgets requests and the programmed answer on reset, keeping the same array', async () => {
    receiver = await startReceiver();
    const requests = receiver.requests;
    receiver.respondWith(() => ({ status: 500 }));
    await (await request(`${receiver.url}/x`, { method: 'POST', body: '1' })).body.dump();

    receiver.reset();
    const after = await request(`${receiver.url}/x`, { method: 'POST', body: '2' });

    expect(after.statusCode).toBe(200);
    await after.body.dump();
    expect(receiver.requests).toBe(requests);
    expect(requests.map((r) => r.body)).toEqual(['2']);
  });

  it('receives a thousand concurrent requests over keep-alive connections', async () => {
    receiver = await startReceiver();
    const agent = new Agent({ connections: 50, pipelining: 1 });
    try {
      const responses = await Promise.all(
        Array.from({ length: 1_000 }, async (_, i) => {
          const response = await request(`${receiver!.url}/load`, {
            method: 'POST',
            body: JSON.stringify({ i }),
            dispatcher: agent,
          });
          await response.body.dump();
          return response.statusCode;
        }),
      );

      expect(responses.every((status) => status === 200)).toBe(true);
      const seen = receiver.requests.map((r) => (JSON.parse(r.body) as { i: number }).i);
      expect(new Set(seen).size).toBe(1_000);
    } finally {
      await agent.close();
    }
  });

  it('closes promptly even with idle keep-alive connections and pending delayed answers', async () => {
    receiver = await startReceiver();
    await (await request(`${receiver.url}/warm`, { method: 'POST', body: '' })).body.dump();
    receiver.respondWith(() => ({ status: 200, delayMs: 60_000 }));
    const pending = request(`${receiver.url}/never`, { method: 'POST', body: '' }).catch(
      (error: unknown) => error,
    );
    await eventually(() => expect(receiver!.requestsTo('/never')).toHaveLength(1));

    const started = performance.now();
    await receiver.close();

    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
