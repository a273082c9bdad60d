import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Svix } from 'svix';
import {
  eventually,
  portalToken,
  startTestStack,
  type ApiClient,
  type TestStack,
} from '@hookport/testing';

/**
 * Svix's content expunge, replay-missing and background tasks, checked where a user (or an
 * auditor) would look: every stored copy of a payload, what the receiver got, and a task that
 * still reads the same after the owning service restarted.
 */
describe('Svix operations on stored content and long operations', () => {
  let env: TestStack;
  let client: ApiClient;

  beforeAll(async () => {
    env = await startTestStack({
      receiver: {
        respondWith: (request) => (request.path === '/down' ? { status: 500 } : { status: 200 }),
      },
      stack: {
        // A failed attempt waits 10 minutes for its retry: it stays pending while we look.
        serviceEnv: {
          delivery: {
            HOOKPORT_RETRY_SCHEDULE: '0,600',
            HOOKPORT_CIRCUIT_FAILURE_THRESHOLD: '1000',
            // Lapsed payload retentions are expunged within a second.
            HOOKPORT_RETENTION_SWEEP_SECONDS: '1',
          },
        },
      },
    });
    client = env.client;
  });

  afterAll(() => env?.stop());

  it('expunging a message clears its payload from delivery and the log, cancels its retries and keeps it listed', async () => {
    await client.post('/api/v1/app', { name: 'Expunge', uid: 'expunge' });
    const up = await client.post('/api/v1/app/expunge/endpoint', { url: `${env.receiver.url}/up` });
    const down = await client.post('/api/v1/app/expunge/endpoint', {
      url: `${env.receiver.url}/down`,
    });
    const secret = 'card 4242-4242-4242-4242';
    const sent = await client.post('/api/v1/app/expunge/msg', {
      eventType: 'card.saved',
      payload: { secret },
    });
    const messageId = sent.body.id as string;
    // Delivered to one endpoint, waiting for its retry at the other.
    await eventually(async () => {
      const attempts = await client.get(`/api/v1/app/expunge/attempt/msg/${messageId}`);
      expect(attempts.body.data).toHaveLength(2);
    });

    const expunged = await client.delete(`/api/v1/app/expunge/msg/${messageId}/content`);
    expect(expunged.status).toBe(204);

    // At once: a message read right after its expunge no longer shows the payload.
    const message = await client.get(`/api/v1/app/expunge/msg/${messageId}`);
    expect(message.body.payload).toEqual({ expired: true });
    // The history (lists, destinations, stats) is the delivery log's, a projection moments
    // behind: it shows the expunge and the canceled retry once it has them.
    await eventually(async () => {
      const listed = await client.get('/api/v1/app/expunge/msg');
      expect(listed.body.data.map((message: { id: string }) => message.id)).toContain(messageId);
      const destinations = await client.get(`/api/v1/app/expunge/msg/${messageId}/endpoint`);
      expect(
        Object.fromEntries(
          destinations.body.data.map((d: { id: string; statusText: string }) => [
            d.id,
            d.statusText,
          ]),
        ),
      ).toEqual({ [up.body.id]: 'success', [down.body.id]: 'canceled' });

      const stats = await client.get(`/api/v1/app/expunge/endpoint/${down.body.id}/stats`);
      expect(stats.body).toMatchObject({ canceled: 1, pending: 0 });
    });

    // No stored copy keeps the payload: delivery's row and events at once, the log's message
    // once its projection has the expunge.
    const db = env.database;
    await eventually(async () => {
      const copies = await db.query<{ place: string; n: number }>(
        `SELECT 'delivery.messages' AS place, count(*)::int AS n FROM delivery.messages WHERE payload LIKE $1
         UNION ALL SELECT 'delivery.events', count(*)::int FROM delivery.events WHERE data::text LIKE $1
         UNION ALL SELECT 'logs.messages', count(*)::int FROM logs.messages WHERE payload LIKE $1`,
        [`%${secret}%`],
      );
      expect(copies.rows).toEqual([
        { place: 'delivery.messages', n: 0 },
        { place: 'delivery.events', n: 0 },
        { place: 'logs.messages', n: 0 },
      ]);
    });
    const queue = await db.query<{ status: string }>(
      `SELECT status FROM delivery.deliveries WHERE message_id = $1 AND endpoint_id = $2`,
      [messageId, down.body.id],
    );
    expect(queue.rows).toEqual([{ status: 'canceled' }]);

    // It cannot be sent again; Svix answers 400.
    const resend = await client.post(
      `/api/v1/app/expunge/msg/${messageId}/endpoint/${down.body.id}/resend`,
    );
    expect(resend.status).toBe(400);
  });

  it('a message’s own payload retention expunges its payload, everywhere, once it lapses', async () => {
    const svix = new Svix(env.stack.adminKey, { serverUrl: env.stack.gatewayUrl });
    await svix.application.create({ name: 'Retention', uid: 'retention' });
    await svix.endpoint.create('retention', { url: `${env.receiver.url}/up` });
    const secret = 'ssn 078-05-1120';
    const hours = await svix.message.create('retention', {
      eventType: 'person.saved',
      payload: { secret },
      payloadRetentionHours: 2,
    });
    const days = await svix.message.create('retention', {
      eventType: 'person.saved',
      payload: { kept: 'a day' },
      payloadRetentionPeriod: 1,
    });
    const plain = await svix.message.create('retention', {
      eventType: 'person.saved',
      payload: { kept: 'as long as the message' },
    });
    const db = env.database;
    const retained = await db.query<{ id: string; hours: number | null }>(
      `SELECT id, (extract(epoch FROM payload_expires_at - created_at) / 3600)::int AS hours
         FROM delivery.messages WHERE id = ANY($1::text[]) ORDER BY id`,
      [[hours.id, days.id, plain.id]],
    );
    expect(retained.rows).toEqual([
      { id: hours.id, hours: 2 },
      { id: days.id, hours: 24 },
      { id: plain.id, hours: null },
    ]);
    await eventually(async () =>
      expect((await svix.message.get('retention', hours.id)).payload).toEqual({ secret }),
    );

    // Two hours pass for the first message (the test moves its clock, not the sweep's).
    await db.query(
      `UPDATE delivery.messages SET payload_expires_at = now() - interval '1 second' WHERE id = $1`,
      [hours.id],
    );
    await eventually(async () =>
      expect((await svix.message.get('retention', hours.id)).payload).toEqual({ expired: true }),
    );
    // The log's copy goes once its projection has the expunge.
    await eventually(async () => {
      const copies = await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM delivery.messages WHERE payload LIKE $1)
              + (SELECT count(*) FROM delivery.events WHERE data::text LIKE $1)
              + (SELECT count(*) FROM logs.messages WHERE payload LIKE $1) AS n`,
        [`%${secret}%`],
      );
      expect(Number(copies.rows[0]!.n)).toBe(0);
    });
    expect((await svix.message.get('retention', days.id)).payload).toEqual({ kept: 'a day' });
    expect((await svix.message.get('retention', plain.id)).payload).toEqual({
      kept: 'as long as the message',
    });

    // Svix's bounds, and one of the two at most.
    for (const body of [
      { payloadRetentionHours: 0 },
      { payloadRetentionHours: 2161 },
      { payloadRetentionPeriod: 91 },
      { payloadRetentionPeriod: 'a week' },
      { payloadRetentionPeriod: 1, payloadRetentionHours: 1 },
    ]) {
      const refused = await client.post('/api/v1/app/retention/msg', {
        eventType: 'person.saved',
        payload: {},
        ...body,
      });
      expect(refused.status, JSON.stringify(body)).toBe(422);
    }
  });

  it('expunging an attempt’s content leaves EXPUNGED as its response', async () => {
    await client.post('/api/v1/app', { name: 'Attempt expunge', uid: 'attempt-expunge' });
    await client.post('/api/v1/app/attempt-expunge/endpoint', { url: `${env.receiver.url}/up` });
    const sent = await client.post('/api/v1/app/attempt-expunge/msg', {
      eventType: 'a.b',
      payload: {},
    });
    const attempt = await eventually(async () => {
      const attempts = await client.get(`/api/v1/app/attempt-expunge/attempt/msg/${sent.body.id}`);
      expect(attempts.body.data).toHaveLength(1);
      return attempts.body.data[0] as { id: string };
    });
    const path = `/api/v1/app/attempt-expunge/msg/${sent.body.id}/attempt/${attempt.id}`;
    expect((await client.delete(`${path}/content`)).status).toBe(204);
    await eventually(async () => {
      expect((await client.get(path)).body.response).toBe('EXPUNGED');
    });
    const missing = await client.delete(
      `/api/v1/app/attempt-expunge/msg/${sent.body.id}/attempt/atmpt_01JD1W4M8QZ7N6X2Y3V4T5S6R7/content`,
    );
    expect(missing.status).toBe(404);
  });

  it('replay-missing sends an endpoint created later what it missed, once, and its task survives a restart', async () => {
    await client.post('/api/v1/app', { name: 'Replay', uid: 'replay' });
    await client.post('/api/v1/event-type', { name: 'a.b', description: 'Subscribed' });
    const since = new Date(Date.now() - 60_000).toISOString();
    const first = await client.post('/api/v1/app/replay/msg', { eventType: 'a.b', payload: {} });
    await client.post('/api/v1/app/replay/msg', { eventType: 'other.type', payload: {} });
    const late = await client.post('/api/v1/app/replay/endpoint', {
      url: `${env.receiver.url}/late`,
      filterTypes: ['a.b'],
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);

    const replay = await client.post(`/api/v1/app/replay/endpoint/${late.body.id}/replay-missing`, {
      since,
    });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ status: 'finished', task: 'endpoint.replay' });
    // Only the subscribed message it never had.
    await eventually(() => {
      expect(env.receiver.requestsTo('/late').map((r) => r.headers['webhook-id'])).toEqual([
        first.body.id,
      ]);
    });
    const again = await client.post(`/api/v1/app/replay/endpoint/${late.body.id}/replay-missing`, {
      since,
    });
    const againTask = await client.get(`/api/v1/background-task/${again.body.id}`);
    expect(againTask.body.data).toMatchObject({ messagesSent: 0 });

    await env.stack.kill('delivery', 'SIGKILL');
    await env.stack.start('delivery');
    const task = await client.get(`/api/v1/background-task/${replay.body.id}`);
    expect(task.body).toMatchObject({
      id: replay.body.id,
      status: 'finished',
      task: 'endpoint.replay',
      data: { messagesSent: 1 },
    });
    const finished = await client.get(
      '/api/v1/background-task?status=finished&task=endpoint.replay',
    );
    expect(finished.body.data.map((t: { id: string }) => t.id)).toEqual([
      again.body.id,
      replay.body.id,
    ]);
  });

  it('logout with a portal session token ends that session at the gateway', async () => {
    await client.post('/api/v1/app', { name: 'Logout', uid: 'logout' });
    const token = await portalToken(client, 'logout', {});
    expect((await client.get('/portal-api/v1/me', { token })).status).toBe(200);
    expect((await client.post('/api/v1/auth/logout', undefined, { token })).status).toBe(204);
    await eventually(async () => {
      expect((await client.get('/portal-api/v1/me', { token })).status).toBe(401);
    });
  });

  it('answers 4xx to bad input on the new routes', async () => {
    await client.post('/api/v1/app', { name: 'Bad input', uid: 'bad-input' });
    const endpoint = await client.post('/api/v1/app/bad-input/endpoint', {
      url: `${env.receiver.url}/up`,
    });
    const replay = `/api/v1/app/bad-input/endpoint/${endpoint.body.id}/replay-missing`;
    expect((await client.post(replay, {})).status).toBe(422);
    expect((await client.post(replay, { since: 'yesterday' })).status).toBe(422);
    const now = new Date().toISOString();
    expect((await client.post(replay, { since: now, until: now })).status).toBe(422);
    expect((await client.get('/api/v1/background-task?status=done')).status).toBe(422);
    expect((await client.get('/api/v1/background-task?iterator=nope')).status).toBe(422);
    expect((await client.get('/api/v1/background-task/qtask_nope')).status).toBe(404);
    expect((await client.delete('/api/v1/app/bad-input/msg/msg_nope/content')).status).toBe(404);
    expect((await client.get('/api/v1/app/bad-input/msg/msg_nope/endpoint')).status).toBe(404);
    expect(
      (await client.post('/api/v1/auth/logout', undefined, { token: 'not-a-portal-token' })).status,
    ).toBe(401);
  });
});
