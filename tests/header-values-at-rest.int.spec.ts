import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  portalToken,
  type ApiClient,
  type Receiver,
  type TestStack,
  startTestStack,
} from '@hookport/testing';

/**
 * An endpoint's custom header values are receivers' credentials: like signing secrets they are
 * sealed wherever Hookport keeps them (the endpoint's row and events, delivery's copy, attempt
 * records), sent in clear only to the receiver, and shown only to who may read secrets.
 */
describe('custom header values at rest', () => {
  let env: TestStack;
  let client: ApiClient;
  let receiver: Receiver;
  let sql: Client;
  let appId: string;

  /** Every place a header map rests, as text, with the rows that carry `name` at all. */
  const PLACES = [
    ['endpoints.endpoints', 'headers::text'],
    ['endpoints.events', 'data::text'],
    ['delivery.endpoints', 'headers::text'],
    ['delivery.events', 'data::text'],
    ['logs.attempts', 'request_headers::text'],
  ] as const;

  const stored = async (name: string) => {
    const found: Record<string, string[]> = {};
    for (const [table, text] of PLACES) {
      const { rows } = await sql.query<{ text: string }>(
        `SELECT ${text} AS text FROM ${table} WHERE ${text} ILIKE $1`,
        [`%${name}%`],
      );
      found[table] = rows.map((row) => row.text);
    }
    return found;
  };

  const expectSealedEverywhere = async (name: string, value: string) => {
    await eventually(async () => {
      const found = await stored(name);
      for (const [table] of PLACES) {
        expect(found[table]!.length, `${table} holds the header`).toBeGreaterThan(0);
        for (const text of found[table]!) expect(text, table).not.toContain(value);
      }
    });
  };

  const createEndpoint = async (path: string, headers: Record<string, string>) => {
    const created = await client.post(`/api/v1/app/${appId}/endpoint`, {
      url: `${receiver.url}/${path}`,
      headers,
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  const sendAndReceive = async (path: string, eventType: string) => {
    const sent = await client.post(`/api/v1/app/${appId}/msg`, { eventType, payload: {} });
    expect(sent.status).toBe(202);
    const [delivered] = await eventually(() => {
      const received = receiver.requestsTo(`/${path}`);
      expect(received.length).toBeGreaterThan(0);
      return received.slice(-1);
    });
    return { messageId: sent.body.id as string, delivered: delivered! };
  };

  beforeAll(async () => {
    env = await startTestStack();
    ({ client, receiver } = env);
    sql = new Client({ connectionString: env.database.url });
    await sql.connect();
    appId = (await client.post('/api/v1/app', { name: 'Sealed Co' })).body.id;
  });

  afterAll(async () => {
    await sql?.end();
    await env?.stop();
  });

  it('keeps header values sealed in every table, sends and shows them in clear only where due', async () => {
    const credential = `Bearer ${randomBytes(12).toString('hex')}`;
    const endpointId = await createEndpoint('sealed', { 'X-Receiver-Auth': credential });
    const { messageId, delivered } = await sendAndReceive('sealed', 'sealed.one');
    expect(delivered.headers['x-receiver-auth']).toBe(credential);
    await expectSealedEverywhere('X-Receiver-Auth', credential);

    const headers = await client.get(`/api/v1/app/${appId}/endpoint/${endpointId}/headers`);
    expect(headers.body.headers).toEqual({ 'X-Receiver-Auth': credential });

    const attemptHeaders = async (role: string) => {
      const token = await portalToken(client, appId, { role });
      const detail = await eventually(async () => {
        const answer = await client.get(`/portal-api/v1/messages/${messageId}`, { token });
        expect(answer.body.attempts?.length).toBeGreaterThan(0);
        return answer.body;
      });
      return detail.attempts[0].requestHeaders as Record<string, string>;
    };
    // An editor may read secrets: the value as sent. A viewer sees that the header was sent.
    expect((await attemptHeaders('editor'))['X-Receiver-Auth']).toBe(credential);
    const masked = await attemptHeaders('viewer');
    expect(masked['X-Receiver-Auth']).not.toContain(credential);
    expect(masked['content-type']).toBe('application/json');

    const audit = async () => {
      const token = await portalToken(client, appId, { role: 'admin' });
      return (await client.get('/portal-api/v1/audit-log?limit=50', { token })).body.data as {
        type: string;
        data: { headers?: Record<string, string> };
      }[];
    };
    const before = await audit();
    expect(before.find((entry) => entry.type === 'endpoint.created')?.data.headers).toEqual({
      'X-Receiver-Auth': credential,
    });
    // Setting the same value again changes nothing, though each sealing differs: no new entry.
    const again = await client.put(`/api/v1/app/${appId}/endpoint/${endpointId}/headers`, {
      headers: { 'X-Receiver-Auth': credential },
    });
    expect(again.status).toBe(204);
    expect(await audit()).toHaveLength(before.length);
  });

  it('seals what was stored in clear before, once, at the services next start', async () => {
    const credential = `legacy-${randomBytes(12).toString('hex')}`;
    const endpointId = await createEndpoint('legacy', { 'X-Legacy-Key': credential });
    await sendAndReceive('legacy', 'legacy.one');
    await expectSealedEverywhere('X-Legacy-Key', credential);

    // What an installation from before sealing holds: the same rows with the values in clear.
    for (const name of ['endpoints', 'delivery', 'logs'] as const) await env.stack.kill(name);
    const clear = JSON.stringify({ 'X-Legacy-Key': credential });
    await sql.query(`UPDATE endpoints.endpoints SET headers = $1 WHERE id = $2`, [
      clear,
      endpointId,
    ]);
    await sql.query(
      `UPDATE endpoints.events SET data = jsonb_set(data, '{headers}', $1::jsonb)
        WHERE data->>'endpointId' = $2`,
      [clear, endpointId],
    );
    await sql.query(`UPDATE delivery.endpoints SET headers = $1 WHERE id = $2`, [
      clear,
      endpointId,
    ]);
    await sql.query(
      `UPDATE delivery.events
          SET data = jsonb_set(data, '{requestHeaders,X-Legacy-Key}', to_jsonb($1::text))
        WHERE data->>'endpointId' = $2 AND type = 'delivery.attempted'`,
      [credential, endpointId],
    );
    await sql.query(
      `UPDATE logs.attempts
          SET request_headers = jsonb_set(request_headers, '{X-Legacy-Key}', to_jsonb($1::text))
        WHERE endpoint_id = $2`,
      [credential, endpointId],
    );
    const inClear = Object.values(await stored('X-Legacy-Key')).flat();
    expect(inClear.filter((text) => text.includes(credential)).length).toBeGreaterThanOrEqual(5);
    await sql.query(
      `DELETE FROM public.hookport_migrations WHERE name = 'data_0001_seal_header_values'`,
    );

    for (const name of ['endpoints', 'delivery', 'logs'] as const) await env.stack.start(name);
    await expectSealedEverywhere('X-Legacy-Key', credential);
    const headers = await client.get(`/api/v1/app/${appId}/endpoint/${endpointId}/headers`);
    expect(headers.body.headers).toEqual({ 'X-Legacy-Key': credential });
    receiver.reset();
    const { delivered } = await sendAndReceive('legacy', 'legacy.two');
    expect(delivered.headers['x-legacy-key']).toBe(credential);
    const ledger = await sql.query(
      `SELECT service FROM public.hookport_migrations WHERE name = 'data_0001_seal_header_values'
        ORDER BY service`,
    );
    expect(ledger.rows.map((row) => row.service)).toEqual(['delivery', 'endpoints', 'logs']);
  });
});
