import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { Svix, Webhook as SvixWebhook } from 'svix-v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type ApiClient,
  type Receiver,
  type Stack,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Applications' endpoints, their secrets and the event-type catalogue through the management
 * API, on the real stack: what the operator's backend does, checked by reading back and by what
 * a receiver gets.
 */
describe('endpoints, secrets and event types through the management API', () => {
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;

  beforeAll(async () => {
    env = await startTestStack();
    ({ stack, receiver, client } = env);
    await client.post('/api/v1/app', { name: 'Endpoint Co', uid: 'ep-co' });
    await client.post('/api/v1/app', { name: 'Other Co', uid: 'other-co' });
  });

  afterAll(() => env?.stop());

  const expectProblem = (
    response: { status: number; body: { code?: string } },
    status: number,
    code: string,
  ) => {
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
  };

  it('answers many concurrent requests for different applications, each with its own', async () => {
    // Concurrent lookups share calls to the endpoints service: every answer must still be the
    // application asked for, by id or uid, and an unknown one a 404 for that request alone.
    const apps = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const created = await client.post('/api/v1/app', { name: `Many ${i}`, uid: `many-${i}` });
        expect(created.status).toBe(201);
        return created.body as { id: string; uid: string; name: string };
      }),
    );
    const asks = Array.from({ length: 60 }, (_, i) => {
      const app = apps[i % apps.length]!;
      if (i % 10 === 9) return { key: `unknown-${i}`, expected: null };
      return { key: i % 2 === 0 ? app.id : app.uid, expected: app };
    });
    const answers = await Promise.all(asks.map((ask) => client.get(`/api/v1/app/${ask.key}`)));
    answers.forEach((answer, i) => {
      const { expected } = asks[i]!;
      if (expected === null) {
        expectProblem(answer, 404, 'notFound');
      } else {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
          id: expected.id,
          uid: expected.uid,
          name: expected.name,
        });
      }
    });
  });

  it('creates, reads by id and uid, lists by keyset, changes and deletes an endpoint', async () => {
    const created = [];
    for (const name of ['a', 'b', 'c']) {
      const response = await client.post('/api/v1/app/ep-co/endpoint', {
        url: `${receiver.url}/lifecycle-${name}`,
        uid: `lifecycle-${name}`,
        description: `endpoint ${name}`,
      });
      expect(response.status).toBe(201);
      created.push(response.body.id as string);
    }
    expect((await client.get('/api/v1/app/ep-co/endpoint/lifecycle-b')).body.id).toBe(created[1]);

    const first = await client.get('/api/v1/app/ep-co/endpoint?limit=2');
    expect(first.body.done).toBe(false);
    const second = await client.get(
      `/api/v1/app/ep-co/endpoint?limit=2&iterator=${first.body.iterator}`,
    );
    const ids = [...first.body.data, ...second.body.data].map(
      (endpoint: { id: string }) => endpoint.id,
    );
    expect(ids).toEqual(expect.arrayContaining(created));
    expect(new Set(ids).size).toBe(ids.length);

    const patched = await client.patch(`/api/v1/app/ep-co/endpoint/${created[0]}`, {
      disabled: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ disabled: true, description: 'endpoint a' });
    // PATCH validates what it is given, under either Svix name.
    for (const invalid of [{ url: 'not a url' }, { rateLimit: 0 }, { throttleRate: 0 }]) {
      const refused = await client.patch(`/api/v1/app/ep-co/endpoint/${created[0]}`, invalid);
      expect(refused.status, JSON.stringify(invalid)).toBe(422);
    }
    // Fields it does not know are ignored, as Svix's server does (a newer SDK may send more):
    // the secret has routes of its own, and stays.
    const secretBefore = (await client.get(`/api/v1/app/ep-co/endpoint/${created[0]}/secret`)).body;
    const ignored = await client.patch(`/api/v1/app/ep-co/endpoint/${created[0]}`, {
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      color: 'red',
    });
    expect(ignored.status).toBe(200);
    expect(ignored.body).not.toHaveProperty('color');
    expect((await client.get(`/api/v1/app/ep-co/endpoint/${created[0]}/secret`)).body).toEqual(
      secretBefore,
    );
    // PUT replaces: what it omits goes back to its default.
    const replaced = await client.put(`/api/v1/app/ep-co/endpoint/${created[0]}`, {
      url: `${receiver.url}/lifecycle-a2`,
    });
    expect(replaced.body).toMatchObject({
      url: `${receiver.url}/lifecycle-a2`,
      description: '',
      disabled: false,
    });

    expect((await client.delete(`/api/v1/app/ep-co/endpoint/${created[2]}`)).status).toBe(204);
    expectProblem(await client.get(`/api/v1/app/ep-co/endpoint/${created[2]}`), 404, 'notFound');

    // The deleted endpoint receives nothing; the others do.
    const message = await client.post('/api/v1/app/ep-co/msg', {
      eventType: 'lifecycle.test',
      payload: { n: 1 },
    });
    expect(message.status).toBe(202);
    await eventually(() => {
      expect(receiver.requestsTo('/lifecycle-a2')).toHaveLength(1);
      expect(receiver.requestsTo('/lifecycle-b')).toHaveLength(1);
    });
    expect(receiver.requestsTo('/lifecycle-c')).toHaveLength(0);
  });

  it('signs with both secrets during the grace period of a rotation, then with the new one only', async () => {
    const original = newSecret();
    const endpoint = await client.post('/api/v1/app/ep-co/endpoint', {
      url: `${receiver.url}/rotation`,
      secret: original,
    });
    const id = endpoint.body.id as string;
    expect((await client.get(`/api/v1/app/ep-co/endpoint/${id}/secret`)).body).toEqual({
      key: original,
    });

    const rotated = newSecret();
    const rotation = await client.post(`/api/v1/app/ep-co/endpoint/${id}/secret/rotate`, {
      key: rotated,
      gracePeriodSeconds: 3600,
    });
    // The new secret comes back, as Svix's SDKs 2.x read it (`EndpointSecretOut`).
    expect(rotation.status).toBe(200);
    expect(rotation.body).toEqual({ key: rotated });
    expect((await client.get(`/api/v1/app/ep-co/endpoint/${id}/secret`)).body).toEqual({
      key: rotated,
    });

    const sendAndReceive = async (expected: number) => {
      await client.post('/api/v1/app/ep-co/msg', {
        eventType: 'rotation.test',
        payload: { expected },
      });
      const requests = await eventually(() => {
        const received = receiver.requestsTo('/rotation');
        expect(received).toHaveLength(expected);
        return received;
      });
      const last = requests[requests.length - 1]!;
      return {
        body: last.body,
        headers: {
          'webhook-id': String(last.headers['webhook-id']),
          'webhook-timestamp': String(last.headers['webhook-timestamp']),
          'webhook-signature': String(last.headers['webhook-signature']),
        },
      };
    };
    const during = await sendAndReceive(1);
    expect(during.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(original).verify(during.body, during.headers)).not.toThrow();
    expect(() => new Webhook(rotated).verify(during.body, during.headers)).not.toThrow();

    // A rotation without grace period: only the newest secret signs.
    const newest = newSecret();
    await client.post(`/api/v1/app/ep-co/endpoint/${id}/secret/rotate`, {
      key: newest,
      gracePeriodSeconds: 0,
    });
    // Read-your-writes: delivery has seen the rotation before it fans this message out.
    const after = await sendAndReceive(2);
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(() => new Webhook(newest).verify(after.body, after.headers)).not.toThrow();
    expect(() => new Webhook(rotated).verify(after.body, after.headers)).toThrow();
  });

  it('refuses unsafe or invalid endpoints with a field error, and creates nothing', async () => {
    const before = (await client.get('/api/v1/app/ep-co/endpoint?limit=250')).body.data.length;
    for (const url of [
      'http://10.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/',
    ]) {
      const refused = await client.post('/api/v1/app/ep-co/endpoint', { url });
      expectProblem(refused, 422, 'validation');
      expect(refused.body.errors[0]).toMatchObject({
        field: 'url',
        message: 'endpoint-address-not-allowed',
      });
    }
    const reserved = await client.post('/api/v1/app/ep-co/endpoint', {
      url: `${receiver.url}/reserved`,
      headers: { 'webhook-id': 'forged' },
    });
    expectProblem(reserved, 422, 'validation');
    expect(reserved.body.errors[0].field).toBe('headers.webhook-id');
    expectProblem(
      await client.post('/api/v1/app/ep-co/endpoint', {
        url: `${receiver.url}/x`,
        filterTypes: ['no.such.type'],
      }),
      422,
      'validation',
    );
    expectProblem(
      await client.post('/api/v1/app/ep-co/endpoint', { url: 'not a url' }),
      422,
      'validation',
    );
    expectProblem(
      await client.post(`/api/v1/app/ep-co/endpoint/ep_01JZ0000000000000000000000/secret/rotate`, {
        gracePeriodSeconds: 999999999,
      }),
      422,
      'validation',
    );
    expect((await client.get('/api/v1/app/ep-co/endpoint?limit=250')).body.data.length).toBe(
      before,
    );
  });

  it("answers 404 for another application's endpoint on every route, and changes nothing", async () => {
    const mine = (await client.post('/api/v1/app/ep-co/endpoint', { url: `${receiver.url}/mine` }))
      .body.id as string;
    for (const response of [
      await client.get(`/api/v1/app/other-co/endpoint/${mine}`),
      await client.get(`/api/v1/app/other-co/endpoint/${mine}/secret`),
      await client.patch(`/api/v1/app/other-co/endpoint/${mine}`, { disabled: true }),
      await client.post(`/api/v1/app/other-co/endpoint/${mine}/secret/rotate`, {}),
      await client.delete(`/api/v1/app/other-co/endpoint/${mine}`),
    ]) {
      expectProblem(response, 404, 'notFound');
    }
    expect((await client.get(`/api/v1/app/ep-co/endpoint/${mine}`)).body.disabled).toBe(false);
  });

  it('keeps an event-type catalogue with validated schemas and derived examples', async () => {
    const created = await client.post('/api/v1/event-type', {
      name: 'order.shipped',
      description: 'An order left the warehouse',
      groupName: 'orders',
      schemas: {
        '1': {
          type: 'object',
          properties: {
            orderId: { type: 'string', examples: ['ord_1'] },
            items: { type: 'integer' },
          },
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.example).toEqual({ orderId: 'ord_1', items: 0 });
    expectProblem(
      await client.post('/api/v1/event-type', { name: 'order.shipped' }),
      409,
      'conflict',
    );
    expectProblem(
      await client.post('/api/v1/event-type', {
        name: 'bad.schema',
        schemas: { '1': { type: 'no-such-type' } },
      }),
      422,
      'validation',
    );
    expectProblem(
      await client.post('/api/v1/event-type', { name: 'spaces are not allowed' }),
      422,
      'validation',
    );

    const deprecated = await client.patch('/api/v1/event-type/order.shipped', { deprecated: true });
    expect(deprecated.body).toMatchObject({
      deprecated: true,
      description: 'An order left the warehouse',
    });
    await client.post('/api/v1/event-type', { name: 'order.archived', archived: true });
    const list = await client.get('/api/v1/event-type');
    const names = list.body.data.map((type: { name: string }) => type.name);
    expect(names).toContain('order.shipped');
    expect(names).not.toContain('order.archived');
  });

  it('changes an event type whose schema has an $id as often as asked', async () => {
    const schema = (version: number) => ({
      $id: 'https://schemas.example.com/invoice.paid.json',
      type: 'object',
      properties: { amount: { type: 'integer', examples: [version] } },
    });
    const created = await client.post('/api/v1/event-type', {
      name: 'invoice.with-id',
      schemas: { '1': schema(1) },
    });
    expect(created.status, created.text).toBe(201);
    for (const version of [2, 3]) {
      const replaced = await client.put('/api/v1/event-type/invoice.with-id', {
        schemas: { '1': schema(version) },
      });
      expect(replaced.status, replaced.text).toBe(200);
      expect(replaced.body.example).toEqual({ amount: version });
    }
    // Another event type may reuse the same $id: each schema is checked on its own.
    const other = await client.post('/api/v1/event-type', {
      name: 'invoice.same-id',
      schemas: { '1': schema(4) },
    });
    expect(other.status, other.text).toBe(201);
  });

  it('works with the official Svix SDK 1.x (the names it sends) pointed at Hookport', async () => {
    const svix = new Svix(stack.adminKey, { serverUrl: stack.gatewayUrl });
    const app = await svix.application.create({ name: 'SDK Co', uid: 'sdk-co' });
    expect(app).toMatchObject({ name: 'SDK Co', uid: 'sdk-co' });
    expect((await svix.application.get('sdk-co')).id).toBe(app.id);
    await svix.eventType.create({ name: 'sdk.event', description: 'From the SDK' });
    const endpoint = await svix.endpoint.create('sdk-co', {
      url: `${receiver.url}/sdk`,
      filterTypes: ['sdk.event'],
    });
    expect(endpoint.filterTypes).toEqual(['sdk.event']);
    const secret = await svix.endpoint.getSecret('sdk-co', endpoint.id);
    expect(secret.key).toMatch(/^whsec_/);
    const updated = await svix.endpoint.patch('sdk-co', endpoint.id, {
      description: 'patched by the SDK',
    });
    expect(updated.description).toBe('patched by the SDK');
    const message = await svix.message.create('sdk-co', {
      eventType: 'sdk.event',
      payload: { hello: 'sdk' },
    });
    expect(message.eventType).toBe('sdk.event');
    const [delivered] = await eventually(() => {
      const received = receiver.requestsTo('/sdk');
      expect(received).toHaveLength(1);
      return received;
    });
    const verified = new Webhook(secret.key).verify(delivered!.body, {
      'webhook-id': String(delivered!.headers['webhook-id']),
      'webhook-timestamp': String(delivered!.headers['webhook-timestamp']),
      'webhook-signature': String(delivered!.headers['webhook-signature']),
    });
    expect(verified).toEqual({ hello: 'sdk' });
    // A receiver written against Svix reads svix-* headers, with the Svix SDK's own verifier.
    const svixVerified = new SvixWebhook(secret.key).verify(delivered!.body, {
      'svix-id': String(delivered!.headers['svix-id']),
      'svix-timestamp': String(delivered!.headers['svix-timestamp']),
      'svix-signature': String(delivered!.headers['svix-signature']),
    });
    expect(svixVerified).toEqual({ hello: 'sdk' });
    expect(delivered!.headers['svix-id']).toBe(delivered!.headers['webhook-id']);
    await svix.endpoint.delete('sdk-co', endpoint.id);
    await expect(svix.endpoint.get('sdk-co', endpoint.id)).rejects.toMatchObject({ code: 404 });
  });

  it('sends the custom headers set with PUT and PATCH, and refuses reserved ones', async () => {
    const id = (await client.post('/api/v1/app/ep-co/endpoint', { url: `${receiver.url}/headers` }))
      .body.id;
    const base = `/api/v1/app/ep-co/endpoint/${id}/headers`;
    expect(
      (await client.put(base, { headers: { 'x-tenant': 'acme', 'x-drop': 'soon' } })).status,
    ).toBe(204);
    expect(
      (await client.patch(base, { headers: { 'x-drop': null, 'x-region': 'eu' } })).status,
    ).toBe(204);
    expect((await client.get(base)).body.headers).toEqual({ 'x-tenant': 'acme', 'x-region': 'eu' });
    const refused = await client.patch(base, { headers: { 'webhook-signature': 'v1,forged' } });
    expect(refused.status).toBe(422);

    await client.post('/api/v1/app/ep-co/msg', { eventType: 'headers.test', payload: {} });
    const [delivered] = await eventually(() => {
      const received = receiver.requestsTo('/headers');
      expect(received).toHaveLength(1);
      return received;
    });
    expect(delivered!.headers).toMatchObject({ 'x-tenant': 'acme', 'x-region': 'eu' });
    expect(delivered!.headers['x-drop']).toBeUndefined();
  });

  it('exports the catalogue and imports it, creating what is new and replacing what exists', async () => {
    await client.post('/api/v1/event-type', { name: 'catalogue.one', description: 'first' });
    const exported = await client.get('/api/v1/event-type/export');
    expect(exported.status).toBe(200);
    const names = exported.body.eventTypes.map((type: { name: string }) => type.name);
    expect(names).toContain('catalogue.one');

    const imported = await client.post('/api/v1/event-type/import', {
      eventTypes: [
        { name: 'catalogue.one', description: 'first, revised' },
        { name: 'catalogue.two', description: 'second', schemas: { '1': { type: 'object' } } },
      ],
    });
    expect(imported.body).toEqual({ created: 1, updated: 1 });
    expect((await client.get('/api/v1/event-type/catalogue.one')).body.description).toBe(
      'first, revised',
    );
    expect((await client.get('/api/v1/event-type/catalogue.two')).body.example).toEqual({});
    const invalid = await client.post('/api/v1/event-type/import', {
      eventTypes: [{ name: 'bad name' }],
    });
    expect(invalid.status).toBe(422);
  });

  it('refuses every management route without a key or with a wrong one, changing nothing', async () => {
    const id = (
      await client.post('/api/v1/app/ep-co/endpoint', { url: `${receiver.url}/auth-walk` })
    ).body.id;
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/v1/app', { name: 'intruder', uid: 'intruder' }],
      ['GET', '/api/v1/app'],
      ['PATCH', '/api/v1/app/ep-co', { name: 'hijacked' }],
      ['DELETE', '/api/v1/app/ep-co'],
      ['GET', '/api/v1/app/ep-co/audit-log'],
      ['POST', '/api/v1/event-type', { name: 'intruder.type' }],
      ['POST', '/api/v1/event-type/import', { eventTypes: [{ name: 'intruder.import' }] }],
      ['POST', '/api/v1/app/ep-co/endpoint', { url: `${receiver.url}/intruder` }],
      ['GET', `/api/v1/app/ep-co/endpoint/${id}/secret`],
      ['PATCH', `/api/v1/app/ep-co/endpoint/${id}`, { disabled: true }],
      ['PUT', `/api/v1/app/ep-co/endpoint/${id}/headers`, { headers: { 'x-evil': '1' } }],
      ['POST', `/api/v1/app/ep-co/endpoint/${id}/secret/rotate`, {}],
      ['DELETE', `/api/v1/app/ep-co/endpoint/${id}`],
      ['POST', '/api/v1/app/ep-co/msg', { eventType: 'x.y', payload: {} }],
    ];
    for (const token of [null, 'not-the-admin-key-at-all']) {
      for (const [method, path, body] of routes) {
        const response =
          method === 'GET'
            ? await client.get(path, { token })
            : method === 'DELETE'
              ? await client.delete(path, { token })
              : method === 'PATCH'
                ? await client.patch(path, body, { token })
                : method === 'PUT'
                  ? await client.put(path, body, { token })
                  : await client.post(path, body, { token });
        expect(response.status, `${method} ${path} with ${token ?? 'no key'}`).toBe(401);
        expect(response.body.code).toBe('unauthorized');
      }
    }
    expect((await client.get('/api/v1/app/ep-co')).body.name).toBe('Endpoint Co');
    expect((await client.get('/api/v1/app/intruder')).status).toBe(404);
    expect((await client.get('/api/v1/event-type/intruder.type')).status).toBe(404);
    expect((await client.get(`/api/v1/app/ep-co/endpoint/${id}`)).body.disabled).toBe(false);
    expect((await client.get(`/api/v1/app/ep-co/endpoint/${id}/headers`)).body.headers).toEqual({});
  });
});
