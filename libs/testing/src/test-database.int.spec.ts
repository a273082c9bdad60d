import { describe, expect, it } from 'vitest';
import { Client } from 'pg';
import { createTestDatabase } from './test-database';

const databaseExists = async (adminUrl: string, name: string) => {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
};

describe('createTestDatabase', () => {
  const adminUrl = process.env['DATABASE_URL'];

  it('creates an empty database of its own, reachable on the same server', async () => {
    const database = await createTestDatabase(adminUrl);
    try {
      expect(database.name).toMatch(/^hp_test_[0-9a-f]{12}$/);
      const expectedUrl = new URL(adminUrl!);
      expectedUrl.pathname = `/${database.name}`;
      expect(database.url).toBe(expectedUrl.toString());

      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ db: string; tables: string }>(
          `SELECT current_database() AS db,
                  (SELECT count(*) FROM information_schema.tables
                    WHERE table_schema = 'public') AS tables`,
        );
        expect(rows[0]).toEqual({ db: database.name, tables: '0' });
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });

  it('gives two calls two different databases', async () => {
    const [a, b] = await Promise.all([createTestDatabase(adminUrl), createTestDatabase(adminUrl)]);
    try {
      expect(a.name).not.toBe(b.name);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('drops the database even while a connection is still open on it', async () => {
    const database = await createTestDatabase(adminUrl);
    const leftover = new Client({ connectionString: database.url });
    leftover.on('error', () => undefined); // it is about to be terminated by the server
    await leftover.connect();

    await database.drop();
    await database.drop(); // a second call is harmless

    expect(await databaseExists(adminUrl!, database.name)).toBe(false);
    await leftover.end().catch(() => undefined);
  });
});
