import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  eventually,
  infraCommand,
  infraIsManaged,
  startReceiver,
  startStack,
  type Receiver,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

const MESSAGES = Number(process.env['HOOKPORT_CHAOS_MESSAGES'] ?? 5_000);
const ENDPOINTS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * At-least-once under fire, on the real stack: 5,000 messages to 5 endpoints while delivery is
 * SIGKILLed twice, Kafka is restarted and Postgres is restarted. Every message the API accepted
 * (202) reaches every endpoint; duplicates are counted and reported, never required to be zero.
 * Runs after every other test file (it restarts the shared Kafka and Postgres).
 */
describe('no accepted message is lost', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let local = true;

  beforeAll(async () => {
    // Restarting Kafka and Postgres needs the ones scripts/infra.sh manages.
    local = await infraIsManaged();
    database = await createTestDatabase();
    receiver = await startReceiver();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      serviceEnv: {
        delivery: {
          HOOKPORT_RETRY_SCHEDULE: '0,1,1,2,2,5,5,10,10,10',
          HOOKPORT_CIRCUIT_FAILURE_THRESHOLD: '1000',
        },
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it(
    `delivers ${MESSAGES} messages to ${ENDPOINTS} endpoints through two delivery kills, a Kafka and a Postgres restart`,
    { timeout: 600_000 },
    async (context) => {
      if (!local) context.skip();
      const headers = {
        authorization: `Bearer ${stack.adminKey}`,
        'content-type': 'application/json',
      };
      const post = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
        const response = await fetch(`${stack.gatewayUrl}${path}`, {
          method: 'POST',
          headers: { ...headers, ...extra },
          body: JSON.stringify(body),
        });
        return {
          status: response.status,
          body: (await response.json().catch(() => null)) as { id: string },
        };
      };
      const app = await post('/api/v1/app', { name: 'Chaos Co', uid: 'chaos' });
      expect(app.status).toBe(201);
      for (let i = 0; i < ENDPOINTS; i += 1) {
        expect(
          (await post('/api/v1/app/chaos/endpoint', { url: `${receiver.url}/ep${i}` })).status,
        ).toBe(201);
      }

      // A client that keeps asking (same Idempotency-Key) until its message is accepted, as a
      // careful operator's backend does while Postgres or Kafka is down.
      const accepted = new Set<string>();
      let refusals = 0;
      const sendOne = async (n: number) => {
        for (let tries = 0; ; tries += 1) {
          const response = await post(
            '/api/v1/app/chaos/msg',
            { eventType: 'chaos.test', payload: { n } },
            { 'idempotency-key': `chaos-${n}` },
          ).catch(() => ({ status: 0, body: null }));
          if (response.status === 202 && response.body) {
            accepted.add(response.body.id);
            return;
          }
          refusals += 1;
          if (tries > 300) throw new Error(`message ${n} never accepted (last ${response.status})`);
          await sleep(200);
        }
      };
      let next = 0;
      const senders = Array.from({ length: 16 }, async () => {
        while (next < MESSAGES) await sendOne(next++);
      });
      const faults = (async () => {
        const at = async (fraction: number) => {
          while (next < MESSAGES * fraction) await sleep(50);
        };
        await at(0.15);
        await stack.kill('delivery', 'SIGKILL');
        await stack.start('delivery');
        await at(0.35);
        await infraCommand('restart-kafka');
        await at(0.55);
        await stack.kill('delivery', 'SIGKILL');
        await stack.start('delivery');
        await at(0.75);
        await infraCommand('restart-postgres');
      })();
      const started = Date.now();
      await Promise.all([...senders, faults]);
      const acceptedIn = (Date.now() - started) / 1000;

      const deliveredPairs = () => {
        const counts = new Map<string, number>();
        for (const request of receiver.requests) {
          const key = `${String(request.headers['webhook-id'])} ${request.path}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        return counts;
      };
      await eventually(
        () => {
          const counts = deliveredPairs();
          const missing = [...accepted].flatMap((id) =>
            Array.from({ length: ENDPOINTS }, (_, i) => `${id} /ep${i}`).filter(
              (key) => !counts.has(key),
            ),
          );
          expect(missing.length, `undelivered pairs, e.g. ${missing.slice(0, 3).join(', ')}`).toBe(
            0,
          );
        },
        { timeoutMs: 240_000, intervalMs: 1_000 },
      );
      const counts = deliveredPairs();
      const duplicates = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
      console.log(
        `[chaos] ${accepted.size} messages accepted in ${acceptedIn.toFixed(1)} s (${refusals} refused tries ` +
          `while down); ${accepted.size * ENDPOINTS} deliveries complete after ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `${duplicates} duplicates (${((100 * duplicates) / (accepted.size * ENDPOINTS)).toFixed(2)} %)`,
      );
      expect(accepted.size).toBe(MESSAGES);
      // Nothing sent that was not accepted.
      for (const key of counts.keys()) expect(accepted.has(key.split(' ')[0]!)).toBe(true);
    },
  );
});
