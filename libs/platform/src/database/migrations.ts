import type { Database, Sql } from './database';

/** One reviewed schema change of a service, written in SQL and never edited once released. */
export interface Migration {
  name: string;
  up: string;
}

/**
 * Applies a service's pending migrations in order, in one transaction, recorded in a shared
 * ledger keyed by service. One installation-wide advisory lock keeps replicas and services that
 * start together from racing, even on creating the ledger itself.
 */
export const runMigrations = async (
  db: Database,
  service: string,
  migrations: Migration[],
): Promise<string[]> => {
  const applied: string[] = [];
  await db.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['hookport:migrations']);
    await sql.query(`CREATE TABLE IF NOT EXISTS public.hookport_migrations (
      service text NOT NULL,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (service, name)
    )`);
    const done = await sql.query<{ name: string }>(
      'SELECT name FROM public.hookport_migrations WHERE service = $1',
      [service],
    );
    const doneNames = new Set(done.rows.map((row) => row.name));
    for (const migration of migrations) {
      if (doneNames.has(migration.name)) continue;
      await sql.query(migration.up);
      await sql.query('INSERT INTO public.hookport_migrations (service, name) VALUES ($1, $2)', [
        service,
        migration.name,
      ]);
      applied.push(migration.name);
    }
  });
  return applied;
};

/**
 * A one-time change of stored data that needs the service's code (e.g. its encryption key), so it
 * cannot be a SQL migration: run once per installation, at the service's start, recorded in the
 * same ledger as the schema migrations. `change` runs in the transaction that records it.
 */
export const runDataMigration = async (
  db: Database,
  service: string,
  name: string,
  change: (sql: Sql) => Promise<void>,
): Promise<boolean> =>
  db.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['hookport:migrations']);
    const inserted = await sql.query(
      `INSERT INTO public.hookport_migrations (service, name) VALUES ($1, $2)
       ON CONFLICT DO NOTHING`,
      [service, name],
    );
    if (inserted.rowCount === 0) return false;
    await change(sql);
    return true;
  });
