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

const MESSAGES = Number(process.env['HOOKPORT_SCALE_OUT_MESSAGES'] ?? 2_000);
const ENDPOINTS = 3;
const READ_YOUR_WRITES_ROUNDS = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The chart's topology on the real stack: two replicas of every service, each service's replicas
 * behind a round-robin proxy as behind a k8s Service, clients on both gateways. Read-your-writes
 * holds across gateways, and at-least-once holds while each delivery replica is SIGKILLed in
 * turn and Kafka and Postgres restart. Runs after every other test file (it restarts the shared
 * Kafka and Postgres).
 */
describe('two replicas of every service', () => {
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
      replicas: 2,
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

  const post = async (
    gateway: string,
    path: string,
    body: unknown,
    extra: Record<string, string> = {},
  ) => {
    const response = await fetch(`${gateway}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.adminKey}`,
        'content-type': 'application/json',
        ...extra,
      },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json().catch(() => null)) as { id: string } | null,
    };
  };

  const received = (id: string, path: string) =>
    receiver.requests.some(
      (request) => request.headers['webhook-id'] === id && request.path === path,
    );

  it(`delivers a message sent through one gateway to the endpoint created just before through the other, ${READ_YOUR_WRITES_ROUNDS} times`, async () => {
    expect(stack.gatewayUrls).toHaveLength(2);
    const sent: { id: string; path: string }[] = [];
    for (let round = 0; round < READ_YOUR_WRITES_ROUNDS; round += 1) {
      // Half the rounds each way; every even round a new application, every odd one a second
      // endpoint on it (the message must reach the newest endpoint too).
      const [writer, sender] =
        round % 2 === 0
          ? [stack.gatewayUrls[0]!, stack.gatewayUrls[1]!]
          : [stack.gatewayUrls[1]!, stack.gatewayUrls[0]!];
      const uid = `ryw-${Math.floor(round / 2)}`;
      if (round % 2 === 0)
        expect((await post(writer, '/api/v1/app', { name: uid, uid })).status).toBe(201);
      const path = `/ryw/${round}`;
      expect(
        (await post(writer, `/api/v1/app/${uid}/endpoint`, { url: `${receiver.url}${path}` }))
          .status,
      ).toBe(201);
      const message = await post(sender, `/api/v1/app/${uid}/msg`, {
        eventType: 'ryw.test',
        payload: { round },
      });
      expect(message.status, `round ${round}`).toBe(202);
      sent.push({ id: message.body!.id, path });
    }
    await eventually(
      () => {
        const missing = sent.filter(({ id, path }) => !received(id, path));
        expect(missing, 'messages that never reached the endpoint created just before').toEqual([]);
      },
      { timeoutMs: 30_000 },
    );
  });

  it(
    `delivers ${MESSAGES} messages sent through both gateways to ${ENDPOINTS} endpoints while each delivery replica is killed and Kafka and Postgres restart`,
    { timeout: 300_000 },
    async (context) => {
      if (!local) context.skip();
      const [gatewayA, gatewayB] = stack.gatewayUrls as [string, string];
      expect((await post(gatewayA, '/api/v1/app', { name: 'Scale Co', uid: 'scale' })).status).toBe(
        201,
      );
      for (let i = 0; i < ENDPOINTS; i += 1) {
        expect(
          (await post(gatewayB, '/api/v1/app/scale/endpoint', { url: `${receiver.url}/ep${i}` }))
            .status,
        ).toBe(201);
      }

      // Clients that keep asking (same Idempotency-Key) until their message is accepted, half
      // of them on each gateway; a retry goes to the other gateway, as a client behind a load
      // balancer may.
      const accepted = new Set<string>();
      const acceptedBy = [0, 0];
      let refusals = 0;
      const sendOne = async (n: number, first: number) => {
        for (let tries = 0; ; tries += 1) {
          const gateway = (first + tries) % 2;
          const response = await post(
            stack.gatewayUrls[gateway]!,
            '/api/v1/app/scale/msg',
            { eventType: 'scale.test', payload: { n } },
            { 'idempotency-key': `scale-${n}` },
          ).catch(() => ({ status: 0, body: null }));
          if (response.status === 202 && response.body) {
            accepted.add(response.body.id);
            acceptedBy[gateway]! += 1;
            return;
          }
          refusals += 1;
          if (tries > 300) throw new Error(`message ${n} never accepted (last ${response.status})`);
          await sleep(200);
        }
      };
      let next = 0;
      const senders = Array.from({ length: 16 }, async (_, sender) => {
        while (next < MESSAGES) await sendOne(next++, sender % 2);
      });
      const faults = (async () => {
        const at = async (fraction: number) => {
          while (next < MESSAGES * fraction) await sleep(50);
        };
        await at(0.15);
        await stack.kill('delivery', 'SIGKILL', 0);
        await stack.start('delivery', 0);
        await at(0.35);
        await infraCommand('restart-kafka');
        await at(0.55);
        await stack.kill('delivery', 'SIGKILL', 1);
        await stack.start('delivery', 1);
        await at(0.75);
        await infraCommand('restart-postgres');
      })();
      const started = Date.now();
      await Promise.all([...senders, faults]);
      const acceptedIn = (Date.now() - started) / 1000;

      const deliveredPairs = () => {
        const counts = new Map<string, number>();
        for (const request of receiver.requests) {
          if (!request.path.startsWith('/ep')) continue;
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
        { timeoutMs: 150_000, intervalMs: 1_000 },
      );
      const counts = deliveredPairs();
      const duplicates = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
      console.log(
        `[scale-out chaos] ${accepted.size} messages accepted in ${acceptedIn.toFixed(1)} s ` +
          `(${acceptedBy[0]} through gateway 0, ${acceptedBy[1]} through gateway 1; ${refusals} refused tries ` +
          `while down); ${accepted.size * ENDPOINTS} deliveries complete after ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `${duplicates} duplicates (${((100 * duplicates) / (accepted.size * ENDPOINTS)).toFixed(2)} %)`,
      );
      expect(accepted.size).toBe(MESSAGES);
      // Both gateways took their share.
      expect(Math.min(...acceptedBy)).toBeGreaterThan(MESSAGES / 4);
      // Nothing sent that was not accepted.
      for (const key of counts.keys()) expect(accepted.has(key.split(' ')[0]!)).toBe(true);
    },
  );
});
