import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  portalToken,
  type ApiClient,
  type Receiver,
  type Stack,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

/**
 * At-least-once: a message accepted before the delivery process dies is still delivered after
 * it restarts, with the same webhook-id, and the log shows the final state.
 */
describe('a delivery process killed with SIGKILL loses no accepted message', () => {
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;

  beforeAll(async () => {
    env = await startTestStack({
      stack: {
        // A short timeout keeps the lease (timeout + 5 s) a dead process leaves behind short.
        serviceEnv: { delivery: { HOOKPORT_DELIVERY_TIMEOUT_MS: '3000' } },
      },
    });
    ({ stack, receiver, client } = env);
    await client.post('/api/v1/app', { name: 'Crash Test', uid: 'crash' });
    await client.post('/api/v1/app/crash/endpoint', { url: `${receiver.url}/hook` });
  });

  afterAll(() => env?.stop());

  it('delivers the message after the process was killed while sending it', async () => {
    // The first request hangs, as a slow endpoint would, until the process is killed under it.
    receiver.respondWith((_request, index) =>
      index === 0 ? { status: 200, delayMs: 30_000 } : { status: 200 },
    );
    const message = await client.post('/api/v1/app/crash/msg', {
      eventType: 'order.created',
      payload: { n: 1 },
    });
    expect(message.status).toBe(202);
    await eventually(() => expect(receiver.requestsTo('/hook')).toHaveLength(1));

    await stack.kill('delivery', 'SIGKILL');
    await stack.start('delivery');

    const requests = await eventually(
      () => {
        const received = receiver.requestsTo('/hook');
        expect(received.length).toBeGreaterThanOrEqual(2);
        return received;
      },
      { timeoutMs: 40_000 },
    );
    // The resend is the same message: receivers deduplicate by webhook-id.
    expect(requests.map((request) => request.headers['webhook-id'])).toEqual(
      requests.map(() => message.body.id),
    );

    const token = await portalToken(client, 'crash', {});
    await eventually(
      async () => {
        const detail = await client.get(`/portal-api/v1/messages/${message.body.id}`, { token });
        expect(detail.body.deliveries[0]).toMatchObject({
          status: 'succeeded',
          lastResponseStatus: 200,
        });
      },
      { timeoutMs: 20_000 },
    );
  });

  it('delivers every message accepted just before a SIGKILL once the process is back', async () => {
    receiver.reset();
    const accepted: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      const message = await client.post('/api/v1/app/crash/msg', {
        eventType: 'order.created',
        payload: { index },
      });
      expect(message.status).toBe(202);
      accepted.push(message.body.id as string);
    }
    await stack.kill('delivery', 'SIGKILL');
    await stack.start('delivery');
    await eventually(
      () => {
        const delivered = new Set(
          receiver.requestsTo('/hook').map((request) => request.headers['webhook-id']),
        );
        expect(accepted.filter((id) => !delivered.has(id))).toEqual([]);
      },
      { timeoutMs: 40_000 },
    );
  });
});
