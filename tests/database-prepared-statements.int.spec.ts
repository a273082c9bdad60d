import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, isUniqueViolation } from '@hookport/platform';
import { createTestDatabase, type TestDatabase } from '@hookport/testing';

/**
 * `{ prepare: true }` sends a statement by name, parsed once per connection: the answers must be
 * those of the unprepared statement, on every pooled connection, inside transactions and after
 * one failed, and Postgres must really hold it prepared.
 */
describe('prepared statements on a service database', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Database({ url: database.url, poolSize: 3, applicationName: 'hp-prepared' });
    await db.connect();
    await db.query('CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)');
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const INSERT = 'INSERT INTO items (id, name) SELECT * FROM unnest($1::int[], $2::text[])';
  const FIND = 'SELECT id, name FROM items WHERE id = ANY($1::int[]) ORDER BY id';

  it('answers as the unprepared statement does, on every connection, and is held prepared', async () => {
    const inserted = await db.query(
      INSERT,
      [
        [1, 2, 3],
        ['a', 'b', 'c'],
      ],
      { prepare: true },
    );
    expect(inserted.rowCount).toBe(3);
    // More at once than the pool has connections: each prepares it on first use.
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => db.query(FIND, [[1, 3]], { prepare: true })),
    );
    const plain = await db.query(FIND, [[1, 3]]);
    expect(plain.rows).toEqual([
      { id: 1, name: 'a' },
      { id: 3, name: 'c' },
    ]);
    for (const answer of answers) expect(answer.rows).toEqual(plain.rows);
    const held = await db.transaction((sql) =>
      sql
        .query(FIND, [[2]], { prepare: true })
        .then(() =>
          sql.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE $1',
            ['%FROM items WHERE id = ANY%'],
          ),
        ),
    );
    expect(held.rows[0]!.n).toBe(1);
  });

  it('keeps working on a connection whose transaction failed on it', async () => {
    const failed = await db
      .transaction((sql) => sql.query(INSERT, [[1], ['duplicate']], { prepare: true }))
      .catch((error: unknown) => error);
    expect(isUniqueViolation(failed)).toBe(true);
    // Every connection again, the failed one among them.
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        db.transaction((sql) =>
          sql
            .query(INSERT, [[100 + i], [`n${i}`]], { prepare: true })
            .then(() => sql.query(FIND, [[100 + i]], { prepare: true })),
        ),
      ),
    );
    expect(answers.map((answer) => answer.rows[0])).toEqual(
      Array.from({ length: 6 }, (_, i) => ({ id: 100 + i, name: `n${i}` })),
    );
  });
});
