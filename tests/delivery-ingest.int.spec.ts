import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  portalToken,
  type ApiClient,
  type Receiver,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

/**
 * Message ingest on the real stack: what a 202 promises (the message, its deliveries and its
 * idempotency key written together), deduplication by Idempotency-Key and by eventId, alone
 * and when many messages arrive at once and are written in one batch.
 */
const KEY_SECONDS = 8;

describe('message ingest', () => {
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;
  const endpointIds: string[] = [];

  beforeAll(async () => {
    env = await startTestStack({
      stack: {
        // Keys answer repeats for 8 s here (24 h by default); no sweep runs during the test.
        serviceEnv: { delivery: { HOOKPORT_IDEMPOTENCY_KEY_HOURS: String(KEY_SECONDS / 3600) } },
      },
    });
    ({ receiver, client } = env);
    await client.post('/api/v1/app', { name: 'Ingest Co', uid: 'ingest' });
    for (const path of ['/first', '/second']) {
      const created = await client.post('/api/v1/app/ingest/endpoint', {
        url: `${receiver.url}${path}`,
      });
      endpointIds.push(created.body.id);
    }
  });

  afterAll(() => env?.stop());

  it("answers Svix's MessageOut once the message is durable, and delivers it to each endpoint", async () => {
    const sent = await client.post('/api/v1/app/ingest/msg', {
      eventType: 'invoice.paid',
      payload: { invoice: 1 },
      channels: ['billing'],
      tags: ['first'],
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      eventType: 'invoice.paid',
      payload: { invoice: 1 },
      channels: ['billing'],
      tags: ['first'],
    });
    // At once, as Svix answers it (the delivery log, a projection, has it moments later).
    const stored = await client.get(`/api/v1/app/ingest/msg/${sent.body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(sent.body);
    await eventually(() => {
      for (const path of ['/first', '/second']) {
        const ids = receiver.requestsTo(path).map((request) => request.headers['webhook-id']);
        expect(ids).toContain(sent.body.id);
      }
    });
  });

  it('answers a message from delivery while the delivery log is down, to its application only', async () => {
    await client.post('/api/v1/app', { name: 'Other Co', uid: 'ingest-other' });
    const token = await portalToken(client, 'ingest');
    const otherToken = await portalToken(client, 'ingest-other');
    const detail = (id: string, as = token) =>
      client.get(`/portal-api/v1/messages/${id}`, { token: as });
    await env.stack.kill('logs');
    let sent;
    try {
      sent = await client.post('/api/v1/app/ingest/msg', {
        eventType: 'invoice.paid',
        payload: { invoice: 9 },
      });
      expect(sent.status).toBe(202);
      await eventually(() =>
        expect(receiver.requestsTo('/first').map((r) => r.headers['webhook-id'])).toContain(
          sent!.body.id,
        ),
      );
      // The portal's detail (a live-tail row clicked) and Svix's message, without the log.
      const shown = await detail(sent.body.id);
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ ...sent.body, attempts: [] });
      expect(shown.body.deliveries.map((d: { endpointId: string }) => d.endpointId)).toEqual(
        [...endpointIds].sort(),
      );
      expect((await client.get(`/api/v1/app/ingest/msg/${sent.body.id}`)).body).toEqual(sent.body);
      // Another application's session gets 404, as for a message that does not exist.
      expect((await detail(sent.body.id, otherToken)).status).toBe(404);
      expect((await detail('msg_doesnotexist')).status).toBe(404);
    } finally {
      await env.stack.start('logs');
    }
    // Once the log has it, the detail has every attempt.
    await eventually(
      async () => {
        const shown = await detail(sent.body.id);
        expect(shown.body.attempts).toHaveLength(2);
        expect(shown.body.deliveries).toEqual([
          expect.objectContaining({ status: 'succeeded', lastResponseStatus: 200 }),
          expect.objectContaining({ status: 'succeeded', lastResponseStatus: 200 }),
        ]);
      },
      { timeoutMs: 15_000 },
    );
  });

  it('answers the same message to a repeated Idempotency-Key, and 409 to the key with another body', async () => {
    const body = { eventType: 'invoice.paid', payload: { invoice: 2 } };
    const headers = { 'idempotency-key': 'order-2' };
    const first = await client.post('/api/v1/app/ingest/msg', body, { headers });
    const again = await client.post('/api/v1/app/ingest/msg', body, { headers });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    const other = await client.post(
      '/api/v1/app/ingest/msg',
      { ...body, payload: { invoice: 3 } },
      { headers },
    );
    expect(other.status).toBe(409);
    expect(other.headers['content-type']).toContain('application/problem+json');
    await eventually(() =>
      expect(
        receiver
          .requestsTo('/first')
          .filter((request) => request.headers['webhook-id'] === first.body.id),
      ).toHaveLength(1),
    );
  });

  it('sends nothing of a message with deliverAt before that time, then delivers it', async () => {
    const deliverAt = new Date(Date.now() + 4_000);
    const sent = await client.post('/api/v1/app/ingest/msg', {
      eventType: 'invoice.paid',
      payload: { scheduled: true },
      deliverAt: deliverAt.toISOString(),
    });
    expect(sent.status).toBe(202);
    const deliveredAt = () =>
      receiver
        .requestsTo('/first')
        .filter((request) => request.headers['webhook-id'] === sent.body.id)
        .map((request) => Number(request.headers['webhook-timestamp']) * 1000);
    await eventually(() => expect(deliveredAt()).toHaveLength(1), { timeoutMs: 20_000 });
    // The signature's timestamp is when it was sent (whole seconds).
    expect(deliveredAt()[0]).toBeGreaterThanOrEqual(Math.floor(deliverAt.getTime() / 1000) * 1000);
  });

  it('refuses deliverAt more than 24 hours ahead, or not a time, with 422 naming it', async () => {
    for (const deliverAt of [new Date(Date.now() + 25 * 3_600_000).toISOString(), 'soon']) {
      const refused = await client.post('/api/v1/app/ingest/msg', {
        eventType: 'invoice.paid',
        payload: {},
        deliverAt,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].field).toBe('deliverAt');
    }
  });

  it('refuses a second message with the same eventId', async () => {
    const body = { eventType: 'invoice.paid', eventId: 'evt-4', payload: { invoice: 4 } };
    expect((await client.post('/api/v1/app/ingest/msg', body)).status).toBe(202);
    const again = await client.post('/api/v1/app/ingest/msg', body);
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([
      { field: 'eventId', message: 'message-duplicate-event-id' },
    ]);
  });

  it('writes many messages arriving together, and one duplicate among them fails only itself', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => ({
      eventType: 'invoice.paid',
      // One eventId twice: whichever is written second is refused, the rest are accepted.
      eventId: i === 39 ? 'evt-batch-0' : `evt-batch-${i}`,
      payload: { batch: i },
    }));
    const answers = await Promise.all(
      bodies.map((body, i) =>
        client.post('/api/v1/app/ingest/msg', body, {
          headers: { 'idempotency-key': `batch-${i}` },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 202)).toHaveLength(39);
    expect(statuses.filter((status) => status === 409)).toHaveLength(1);
    const accepted = new Set(
      answers.filter((answer) => answer.status === 202).map((answer) => answer.body.id),
    );
    await eventually(() => {
      for (const path of ['/first', '/second']) {
        const delivered = new Set(
          receiver.requestsTo(path).map((request) => request.headers['webhook-id']),
        );
        for (const id of accepted) expect(delivered).toContain(id);
      }
    });
    // Their keys were written with them: each repeat answers its message.
    const repeat = await client.post('/api/v1/app/ingest/msg', bodies[7], {
      headers: { 'idempotency-key': 'batch-7' },
    });
    expect(repeat.body.id).toBe(answers[7]!.body.id);
  });

  it('lets an Idempotency-Key be used anew once its window has passed', async () => {
    const body = { eventType: 'invoice.paid', payload: { invoice: 5 } };
    const headers = { 'idempotency-key': 'renewed' };
    const first = await client.post('/api/v1/app/ingest/msg', body, { headers });
    await new Promise((resolve) => setTimeout(resolve, KEY_SECONDS * 1000 + 500));
    const later = await client.post('/api/v1/app/ingest/msg', body, { headers });
    expect(later.status).toBe(202);
    expect(later.body.id).not.toBe(first.body.id);
    // And the new use answers its repeats.
    const repeat = await client.post('/api/v1/app/ingest/msg', body, { headers });
    expect(repeat.body.id).toBe(later.body.id);
  });
});
