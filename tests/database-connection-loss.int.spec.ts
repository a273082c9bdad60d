import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '@hookport/platform';
import { createTestDatabase, type TestDatabase } from '@hookport/testing';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a service database when Postgres drops its connections', () => {
  let database: TestDatabase;
  let db: Database;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Database({ url: database.url, poolSize: 4, applicationName: 'hp-connection-loss' });
    await db.connect();
    process.on('uncaughtException', onCrash);
  });

  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    await db?.close();
    await database?.drop();
  });

  const terminateAll = () =>
    database.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hp-connection-loss'`,
    );

  it('fails the work in hand, never the process, and serves again on fresh connections', async () => {
    // Connections in every state: idle in the pool, inside a transaction between statements,
    // and running a query.
    await Promise.all([1, 2, 3, 4].map(() => db.query('SELECT 1')));
    const between = db
      .transaction(async (sql) => {
        await sql.query('SELECT 1');
        await sleep(500);
        await sql.query('SELECT 1');
      })
      .then(
        () => 'committed',
        () => 'failed',
      );
    const running = db.query('SELECT pg_sleep(1)').then(
      () => 'answered',
      () => 'failed',
    );
    await sleep(100);
    await terminateAll();
    expect(await between).toBe('failed');
    expect(await running).toBe('failed');
    await sleep(300);
    expect(crashes).toEqual([]);
    const { rows } = await db.query<{ one: number }>('SELECT 1 AS one');
    expect(rows[0]!.one).toBe(1);
  });
});
