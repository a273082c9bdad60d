import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type ApiClient,
  type Receiver,
  type TestDatabase,
  startTestStack,
  type TestStack,
} from '@hookport/testing';

/**
 * Delivery records attempts in batches. When Postgres refuses one attempt for good (here a
 * trigger refuses every attempt of one endpoint, standing in for a constraint or a bug), the
 * attempts batched with it must still be recorded at once, not held through every retry.
 */
describe('an attempt the database refuses to record', () => {
  let database: TestDatabase;
  let receiver: Receiver;
  let client: ApiClient;
  let env: TestStack;

  beforeAll(async () => {
    env = await startTestStack();
    ({ database, receiver, client } = env);
  });

  afterAll(() => env?.stop());

  it('costs only itself: the attempts batched with it are in the delivery log at once', async () => {
    await client.post('/api/v1/app', { name: 'Refused', uid: 'refused' });
    const healthy = (
      await client.post('/api/v1/app/refused/endpoint', { url: `${receiver.url}/healthy` })
    ).body.id as string;
    const refused = (
      await client.post('/api/v1/app/refused/endpoint', { url: `${receiver.url}/refused` })
    ).body.id as string;
    await database.query(`
      CREATE FUNCTION delivery.refuse_attempts_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = 'delivery.attempted' AND NEW.data->>'endpointId' = '${refused}' THEN
          RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_attempts_for_test BEFORE INSERT ON delivery.events
        FOR EACH ROW EXECUTE FUNCTION delivery.refuse_attempts_for_test();
    `);
    // Each message goes to both endpoints at once: their outcomes are recorded together.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.post('/api/v1/app/refused/msg', { eventType: 'refused.test', payload: { i } }),
      ),
    );
    await eventually(() => {
      expect(receiver.requestsTo('/healthy')).toHaveLength(8);
      expect(receiver.requestsTo('/refused')).toHaveLength(8);
    });
    await eventually(
      async () => {
        const attempts = await client.get(
          `/api/v1/app/refused/attempt/endpoint/${healthy}?limit=50`,
        );
        expect(attempts.body.data).toHaveLength(8);
      },
      // Without splitting, the refused batch is retried for over a minute before giving up.
      { timeoutMs: 8_000 },
    );
    const unrecorded = await client.get(`/api/v1/app/refused/attempt/endpoint/${refused}`);
    expect(unrecorded.body.data).toHaveLength(0);
  });
});
