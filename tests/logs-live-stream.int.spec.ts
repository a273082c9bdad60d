import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  openEventStream,
  portalToken,
  type ApiClient,
  type Receiver,
  type Stack,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

/**
 * The portal's live tail on the real stack: new messages and attempts arrive as server-sent
 * events within a second of delivery; a client reconnecting with Last-Event-ID gets what it
 * missed, once; sessions see only their application's (and their endpoints') events.
 */
describe('the live delivery stream', () => {
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;
  let appId: string;
  let endpoints: string[];

  const send = async (app: string, orderId: number) => {
    const message = await client.post(`/api/v1/app/${app}/msg`, {
      eventType: 'order.created',
      payload: { orderId },
    });
    expect(message.status).toBe(202);
    return message.body.id as string;
  };
  const streamUrl = () => `${stack.gatewayUrl}/portal-api/v1/stream`;

  beforeAll(async () => {
    env = await startTestStack();
    ({ stack, receiver, client } = env);
    appId = (await client.post('/api/v1/app', { name: 'Live Co' })).body.id;
    endpoints = [];
    for (const path of ['/a', '/b']) {
      endpoints.push(
        (await client.post(`/api/v1/app/${appId}/endpoint`, { url: `${receiver.url}${path}` })).body
          .id,
      );
    }
  });

  afterAll(() => env?.stop());

  it('pushes a new message and its attempts within a second of delivery', async () => {
    const stream = await openEventStream(streamUrl(), {
      token: await portalToken(client, appId, {}),
    });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      // The stream is open once the gateway answered; give its consumer a moment to be live.
      const messageId = await send(appId, 1);
      await eventually(() => {
        const attempts = stream.events.filter(
          (event) => event.event === 'attempt' && event.data.messageId === messageId,
        );
        expect(attempts).toHaveLength(2);
      });
      const message = stream.events.find((event) => event.event === 'message');
      expect(message?.data).toMatchObject({ messageId, eventType: 'order.created' });
      expect(message?.data.endpointIds.sort()).toEqual([...endpoints].sort());
      for (const attempt of stream.events.filter((event) => event.event === 'attempt')) {
        expect(attempt.data).toMatchObject({
          succeeded: true,
          responseStatus: 200,
          deliveryStatus: 'succeeded',
        });
        expect(attempt.data).not.toHaveProperty('responseBody');
        const delivered = receiver.requests.find(
          (request) =>
            request.headers['webhook-id'] === messageId &&
            request.path === (attempt.data.endpointId === endpoints[0] ? '/a' : '/b'),
        );
        expect(attempt.receivedAt - delivered!.receivedAt).toBeLessThan(1000);
      }
      const ids = stream.events.map((event) => BigInt(event.id!));
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    } finally {
      stream.close();
    }
  });

  it('replays what a reconnecting client missed, after its Last-Event-ID, once', async () => {
    const token = await portalToken(client, appId, {});
    const first = await openEventStream(streamUrl(), { token });
    const seen = await send(appId, 2);
    await eventually(() =>
      expect(first.events.filter((event) => event.data.messageId === seen)).toHaveLength(3),
    );
    const lastEventId = first.events[first.events.length - 1]!.id!;
    first.close();

    const missed = await send(appId, 3);
    await eventually(async () => {
      const detail = await client.get(`/portal-api/v1/messages/${missed}`, { token });
      expect(detail.body.attempts).toHaveLength(2);
    });
    const second = await openEventStream(streamUrl(), { token, lastEventId });
    try {
      await eventually(() =>
        expect(second.events.filter((event) => event.data.messageId === missed)).toHaveLength(3),
      );
      expect(second.events.filter((event) => event.data.messageId === seen)).toEqual([]);
      expect(second.events[0]).toMatchObject({ event: 'message', data: { messageId: missed } });
      // And it goes on live after the replay.
      const after = await send(appId, 4);
      await eventually(() =>
        expect(second.events.filter((event) => event.data.messageId === after)).toHaveLength(3),
      );
    } finally {
      second.close();
    }
  });

  it("shows a session only its application's events, and only its endpoints'", async () => {
    const otherApp = (await client.post('/api/v1/app', { name: 'Other Live Co' })).body.id;
    await client.post(`/api/v1/app/${otherApp}/endpoint`, { url: `${receiver.url}/other` });
    const restricted = await openEventStream(streamUrl(), {
      token: await portalToken(client, appId, { endpointIds: [endpoints[0]] }),
    });
    const bystander = await openEventStream(streamUrl(), {
      token: await portalToken(client, otherApp, {}),
    });
    try {
      const mine = await send(appId, 5);
      const theirs = await send(otherApp, 6);
      await eventually(() => {
        expect(
          restricted.events.filter(
            (event) => event.event === 'attempt' && event.data.messageId === mine,
          ),
        ).toHaveLength(1);
        expect(bystander.events.filter((event) => event.event === 'attempt')).toHaveLength(1);
      });
      expect(
        restricted.events.every(
          (event) => event.event === 'message' || event.data.endpointId === endpoints[0],
        ),
      ).toBe(true);
      expect(restricted.events.some((event) => event.data.messageId === theirs)).toBe(false);
      expect(bystander.events.some((event) => event.data.messageId === mine)).toBe(false);
    } finally {
      restricted.close();
      bystander.close();
    }
  });

  it('refuses a missing token, a missing scope and a malformed Last-Event-ID', async () => {
    expect((await openEventStream(streamUrl())).status).toBe(401);
    const noMessages = await openEventStream(streamUrl(), {
      token: await portalToken(client, appId, { scopes: ['endpoints:read'] }),
    });
    expect(noMessages.status).toBe(403);
    const malformed = await openEventStream(streamUrl(), {
      token: await portalToken(client, appId, {}),
      lastEventId: 'yesterday',
    });
    expect(malformed.status).toBe(422);
  });
});
