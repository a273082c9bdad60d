import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  portalToken,
  type ApiClient,
  type Receiver,
  type TestDatabase,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

/**
 * The per-endpoint circuit breaker on the real stack: after two consecutive failures the
 * circuit opens, the endpoint's deliveries wait out the cool-down (5 s) instead of following
 * the 1 s retry schedule, one probe goes through, and its success closes the circuit. Other
 * endpoints are never held back.
 */
describe('circuit breaker', () => {
  let database: TestDatabase;
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;
  let isDeadEndpointUp = false;

  beforeAll(async () => {
    env = await startTestStack({
      receiver: {
        respondWith: (request) =>
          request.url === '/dead' && !isDeadEndpointUp ? { status: 500 } : { status: 200 },
      },
      stack: {
        serviceEnv: {
          delivery: {
            HOOKPORT_RETRY_SCHEDULE: '0,1,1,1,1,1,1,1,1,1',
            HOOKPORT_CIRCUIT_FAILURE_THRESHOLD: '2',
            HOOKPORT_CIRCUIT_COOLDOWN_SECONDS: '5',
          },
        },
      },
    });
    ({ database, receiver, client } = env);
    await client.post('/api/v1/app', { name: 'Dead Co', uid: 'dead' });
    await client.post('/api/v1/app/dead/endpoint', { url: `${receiver.url}/dead` });
    await client.post('/api/v1/app', { name: 'Healthy Co', uid: 'healthy' });
    await client.post('/api/v1/app/healthy/endpoint', { url: `${receiver.url}/healthy` });
  });

  afterAll(() => env?.stop());

  it('opens after consecutive failures, holds deliveries for the cool-down, and closes on a probe', async () => {
    const first = await client.post('/api/v1/app/dead/msg', {
      eventType: 'circuit.test',
      payload: { n: 1 },
    });
    await eventually(() => expect(receiver.requestsTo('/dead')).toHaveLength(2));
    const openedAt = receiver.requestsTo('/dead')[1]!.receivedAt;
    isDeadEndpointUp = true;

    // The customer sees it in the portal: open, with the time of the next try.
    const token = await portalToken(client, 'dead');
    const circuitOf = async () =>
      (await client.get('/portal-api/v1/endpoints/health', { token })).body.data[0] as
        | { circuit: string; nextProbeAt: string | null }
        | undefined;
    await eventually(async () =>
      expect(await circuitOf()).toMatchObject({ circuit: 'open', nextProbeAt: expect.any(String) }),
    );

    // While the circuit is open: a new message waits, another endpoint gets its own at once.
    const second = await client.post('/api/v1/app/dead/msg', {
      eventType: 'circuit.test',
      payload: { n: 2 },
    });
    await client.post('/api/v1/app/healthy/msg', { eventType: 'circuit.test', payload: {} });
    await eventually(() => expect(receiver.requestsTo('/healthy')).toHaveLength(1));
    expect(receiver.requestsTo('/dead')).toHaveLength(2);

    const requests = await eventually(
      () => {
        const received = receiver.requestsTo('/dead');
        expect(received.map((request) => request.headers['webhook-id'])).toEqual(
          expect.arrayContaining([first.body.id, second.body.id]),
        );
        expect(received).toHaveLength(4);
        return received;
      },
      { timeoutMs: 15_000 },
    );
    // The probe came after the cool-down, not after the schedule's 1 s.
    expect((requests[2]!.receivedAt - openedAt) / 1000).toBeGreaterThanOrEqual(4.8);

    await eventually(async () => expect(await circuitOf()).toMatchObject({ circuit: 'closed' }));

    // Every transition is an event in delivery's store, for the logs and the portal.
    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    try {
      const { rows } = await sql.query<{ data: { state: string; previous: string } }>(
        `SELECT data FROM delivery.events WHERE type = 'endpoint.circuit-changed' ORDER BY global_position`,
      );
      expect(rows.map((row) => `${row.data.previous}->${row.data.state}`)).toEqual([
        'closed->open',
        'open->half-open',
        'half-open->closed',
      ]);
    } finally {
      await sql.end();
    }
  });
});
