import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '@hookport/platform';
import { createTestDatabase, type TestDatabase } from '@hookport/testing';

/** Settings every service connection starts with, whatever the server's defaults. */
describe('a service database session', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Database({ url: database.url, poolSize: 2, applicationName: 'hp-session' });
    await db.connect();
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('runs without JIT on every pooled connection', async () => {
    // Two at once inside transactions: two different connections of the pool.
    const answers = await Promise.all(
      [1, 2].map(() =>
        db.transaction(async (sql) => {
          const pid = await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await sql.query('SELECT pg_sleep(0.05)');
          const jit = await sql.query<{ jit: string }>('SHOW jit');
          return { pid: pid.rows[0]!.pid, jit: jit.rows[0]!.jit };
        }),
      ),
    );
    expect(new Set(answers.map((answer) => answer.pid)).size).toBe(2);
    expect(answers.map((answer) => answer.jit)).toEqual(['off', 'off']);
  });
});
