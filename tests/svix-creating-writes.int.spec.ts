import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestStack, type TestStack } from '@hookport/testing';

/**
 * Svix's writes that create what they name: PUT of an endpoint that does not exist, and the
 * inline `application` of message create and app-portal-access. Checked by reading back what
 * exists afterwards.
 */
describe('writes that create what they name', () => {
  let client: ApiClient;
  let env: TestStack;

  beforeAll(async () => {
    env = await startTestStack();
    ({ client } = env);
    await client.post('/api/v1/app', { name: 'Upsert Co', uid: 'upsert' });
  });

  afterAll(() => env?.stop());

  it('creates an absent endpoint on PUT under the uid in the path (201), then replaces it (200)', async () => {
    const url = `${env.receiver.url}/upserted`;
    const created = await client.put('/api/v1/app/upsert/endpoint/billing-hook', { url });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^ep_/),
      uid: 'billing-hook',
      url,
    });
    const read = await client.get('/api/v1/app/upsert/endpoint/billing-hook');
    expect(read.body.id).toBe(created.body.id);
    const replaced = await client.put('/api/v1/app/upsert/endpoint/billing-hook', {
      url,
      uid: 'billing-hook',
      description: 'replaced',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: created.body.id, description: 'replaced' });
    const listed = await client.get('/api/v1/app/upsert/endpoint');
    expect(listed.body.data).toHaveLength(1);
  });

  it('creates an endpoint with a new id on PUT to an endpoint id that does not exist', async () => {
    const absent = 'ep_01JABCDEFGHJKMNPQRSTVWXYZ0';
    const created = await client.put(`/api/v1/app/upsert/endpoint/${absent}`, {
      url: `${env.receiver.url}/by-id`,
    });
    expect(created.status).toBe(201);
    expect(created.body.id).not.toBe(absent);
    expect(created.body.uid).toBeNull();
  });

  it('answers a PUT to a path that cannot be a uid 422, and to an unknown application 404', async () => {
    const url = `${env.receiver.url}/x`;
    const badUid = await client.put('/api/v1/app/upsert/endpoint/not%20a%20uid', { url });
    expect(badUid.status).toBe(422);
    const noApp = await client.put('/api/v1/app/no-such-app/endpoint/hook', { url });
    expect(noApp.status).toBe(404);
  });

  it('creates the application given inline with a message to an unknown uid, then accepts it', async () => {
    const sent = await client.post('/api/v1/app/inline-co/msg', {
      eventType: 'invoice.paid',
      payload: { invoice: 1 },
      application: { name: 'Inline Co', metadata: { plan: 'pro' } },
    });
    expect(sent.status).toBe(202);
    const app = await client.get('/api/v1/app/inline-co');
    expect(app.status).toBe(200);
    expect(app.body).toMatchObject({
      uid: 'inline-co',
      name: 'Inline Co',
      metadata: { plan: 'pro' },
    });
    const message = await client.get(`/api/v1/app/inline-co/msg/${sent.body.id}`);
    expect(message.status).toBe(200);
  });

  it('ignores the inline application when the application exists', async () => {
    const sent = await client.post('/api/v1/app/upsert/msg', {
      eventType: 'invoice.paid',
      payload: {},
      application: { name: 'Another Name' },
    });
    expect(sent.status).toBe(202);
    expect((await client.get('/api/v1/app/upsert')).body.name).toBe('Upsert Co');
  });

  it('answers a retried message with an inline application once: one message, one application', async () => {
    const body = {
      eventType: 'invoice.paid',
      payload: { invoice: 2 },
      application: { name: 'Retried Co' },
    };
    const headers = { headers: { 'idempotency-key': 'inline-retry' } };
    const first = await client.post('/api/v1/app/retried-co/msg', body, headers);
    const again = await client.post('/api/v1/app/retried-co/msg', body, headers);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    const apps = (await client.get('/api/v1/app?limit=250')).body.data as { uid: string }[];
    expect(apps.filter((app) => app.uid === 'retried-co')).toHaveLength(1);
  });

  it('refuses an invalid inline application with 422 naming its field, and creates nothing', async () => {
    const sent = await client.post('/api/v1/app/invalid-inline/msg', {
      eventType: 'invoice.paid',
      payload: {},
      application: { metadata: {} },
    });
    expect(sent.status).toBe(422);
    expect(sent.body.errors.map((error: { field: string }) => error.field)).toContain(
      'application.name',
    );
    const otherUid = await client.post('/api/v1/app/path-uid/msg', {
      eventType: 'invoice.paid',
      payload: {},
      application: { name: 'X', uid: 'another-uid' },
    });
    expect(otherUid.status).toBe(422);
    expect((await client.get('/api/v1/app/invalid-inline')).status).toBe(404);
    expect((await client.get('/api/v1/app/another-uid')).status).toBe(404);
  });

  it('creates no application for a message refused for its own fields', async () => {
    const sent = await client.post('/api/v1/app/refused-msg-co/msg', {
      eventType: 'not a valid event type!',
      payload: {},
      application: { name: 'Refused message', uid: 'refused-msg-co' },
    });
    expect(sent.status).toBe(422);
    expect(sent.body.errors.map((error: { field: string }) => error.field)).toContain('eventType');
    expect((await client.get('/api/v1/app/refused-msg-co')).status).toBe(404);
  });

  it('answers 404 for an unknown application when none is given inline', async () => {
    const sent = await client.post('/api/v1/app/nobody/msg', { eventType: 'a.b', payload: {} });
    expect(sent.status).toBe(404);
  });

  it('needs applications:write to create an application inline', async () => {
    const key = (
      await client.post('/api/v1/api-key', { name: 'sender', scopes: ['messages:write'] })
    ).body.key as string;
    const sent = await client.post(
      '/api/v1/app/not-allowed/msg',
      { eventType: 'a.b', payload: {}, application: { name: 'Not Allowed' } },
      { token: key },
    );
    expect(sent.status).toBe(403);
    expect((await client.get('/api/v1/app/not-allowed')).status).toBe(404);
  });

  it('creates the application given inline with app-portal-access, and grants access to it', async () => {
    const access = await client.post('/api/v1/auth/app-portal-access/portal-inline', {
      readOnly: true,
      application: { name: 'Portal Inline' },
    });
    expect(access.status).toBeLessThan(300);
    expect(access.body).toMatchObject({ url: expect.any(String), token: expect.any(String) });
    const app = await client.get('/api/v1/app/portal-inline');
    expect(app.body).toMatchObject({ uid: 'portal-inline', name: 'Portal Inline' });
  });
});
