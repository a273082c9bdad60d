import { MessageStatus, StatusCodeClass, Svix } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type ApiClient,
  type Receiver,
  type Stack,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

/**
 * Delivery history in Svix's shapes, read by the official Svix SDK and checked against what
 * really happened at the receiver: message lists with filters, attempts by endpoint and by
 * message, one attempt; keyset pages; bad filters and other applications' data refused.
 */
describe('delivery history through the management API', () => {
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;
  let svix: Svix;
  let okEndpoint: string;
  let failingEndpoint: string;
  const messages: string[] = [];

  beforeAll(async () => {
    env = await startTestStack({
      receiver: {
        respondWith: (request) =>
          request.url === '/fail' ? { status: 500, body: 'exploded' } : { status: 200, body: 'ok' },
      },
      stack: {
        // One attempt each: the failing endpoint's deliveries fail at once.
        serviceEnv: { delivery: { HOOKPORT_RETRY_SCHEDULE: '0' } },
      },
    });
    ({ stack, receiver, client } = env);
    svix = new Svix(stack.adminKey, { serverUrl: stack.gatewayUrl });
    await svix.application.create({ name: 'History Co', uid: 'history' });
    await svix.application.create({ name: 'Other Co', uid: 'history-other' });
    okEndpoint = (await svix.endpoint.create('history', { url: `${receiver.url}/ok` })).id;
    failingEndpoint = (await svix.endpoint.create('history', { url: `${receiver.url}/fail` })).id;
    for (const [eventType, channels, tags] of [
      ['invoice.paid', ['eu'], ['vip']],
      ['invoice.paid', null, null],
      ['user.created', null, null],
    ] as const) {
      const message = await svix.message.create('history', {
        eventType,
        payload: { eventType },
        channels: channels ? [...channels] : undefined,
        tags: tags ? [...tags] : undefined,
      });
      messages.push(message.id);
    }
    await eventually(async () => {
      const attempts = await svix.messageAttempt.listByEndpoint('history', failingEndpoint);
      expect(attempts.data).toHaveLength(3);
      expect((await svix.messageAttempt.listByEndpoint('history', okEndpoint)).data).toHaveLength(
        3,
      );
    });
  });

  afterAll(() => env?.stop());

  it('lists messages newest first, filtered by event type, channel and tag, page by page', async () => {
    const all = await svix.message.list('history');
    expect(all.data.map((message) => message.id)).toEqual([...messages].reverse());
    expect(all.data[0]).toMatchObject({
      eventType: 'user.created',
      payload: { eventType: 'user.created' },
    });
    expect(
      (await svix.message.list('history', { eventTypes: ['invoice.paid'] })).data,
    ).toHaveLength(2);
    expect((await svix.message.list('history', { channel: 'eu' })).data.map((m) => m.id)).toEqual([
      messages[0],
    ]);
    expect((await svix.message.list('history', { tag: 'vip' })).data.map((m) => m.id)).toEqual([
      messages[0],
    ]);

    const first = await svix.message.list('history', { limit: 2 });
    expect(first.done).toBe(false);
    const second = await svix.message.list('history', { limit: 2, iterator: first.iterator! });
    expect(second.done).toBe(true);
    expect([...first.data, ...second.data].map((m) => m.id)).toEqual([...messages].reverse());
    expect((await svix.message.get('history', messages[1]!)).id).toBe(messages[1]);
  });

  it('lists attempts by endpoint and message with what the receiver answered', async () => {
    const failed = await svix.messageAttempt.listByEndpoint('history', failingEndpoint, {
      status: MessageStatus.Fail,
    });
    expect(failed.data).toHaveLength(3);
    expect(failed.data[0]).toMatchObject({
      responseStatusCode: 500,
      response: 'exploded',
      status: 2,
    });
    expect(
      (
        await svix.messageAttempt.listByEndpoint('history', failingEndpoint, {
          status: MessageStatus.Success,
        })
      ).data,
    ).toEqual([]);
    expect(
      (
        await svix.messageAttempt.listByEndpoint('history', okEndpoint, {
          statusCodeClass: StatusCodeClass.Code2xx,
        })
      ).data,
    ).toHaveLength(3);

    const ofMessage = await svix.messageAttempt.listByMsg('history', messages[2]!);
    expect(ofMessage.data.map((attempt) => attempt.endpointId).sort()).toEqual(
      [okEndpoint, failingEndpoint].sort(),
    );
    const one = await svix.messageAttempt.get('history', messages[2]!, ofMessage.data[0]!.id);
    expect(one).toMatchObject({ id: ofMessage.data[0]!.id, msgId: messages[2] });
    // The receiver got exactly what the history says: one request per message and endpoint.
    expect(receiver.requestsTo('/fail')).toHaveLength(3);
    expect(receiver.requestsTo('/ok')).toHaveLength(3);
  });

  it('refuses bad filters with 422 and answers 404 for another application', async () => {
    for (const query of [
      'before=2026-01-01T00:00:00Z&after=2026-02-01T00:00:00Z',
      'iterator=not-a-cursor',
      'limit=0',
      'status=7',
    ]) {
      const response = await client.get(
        `/api/v1/app/history/attempt/endpoint/${okEndpoint}?${query}`,
      );
      expect(response.status, query).toBe(422);
      expect(response.body.code).toBe('validation');
      // Svix's shape, which its SDKs parse: `detail` lists each field.
      expect(response.body.detail, query).toEqual(
        expect.arrayContaining([expect.objectContaining({ loc: expect.any(Array) })]),
      );
    }
    // A query parameter it does not know is ignored, as Svix's server does.
    const plain = await client.get(`/api/v1/app/history/attempt/endpoint/${okEndpoint}`);
    const unknown = await client.get(
      `/api/v1/app/history/attempt/endpoint/${okEndpoint}?unknown_filter=1`,
    );
    expect(unknown.status).toBe(200);
    expect(unknown.body.data).toEqual(plain.body.data);
    expect((await client.get(`/api/v1/app/history-other/msg/${messages[0]}`)).status).toBe(404);
    expect(
      (await client.get(`/api/v1/app/history-other/attempt/msg/${messages[0]}`)).body.data,
    ).toEqual([]);
    expect(
      (await client.get(`/api/v1/app/history-other/attempt/endpoint/${okEndpoint}`)).body.data,
    ).toEqual([]);
  });
});
