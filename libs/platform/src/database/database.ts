import { createHash } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';

/** A row-returning SQL runner: the pool itself, or one transaction. */
export interface Sql {
  query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<SqlResult<T>>;
  /**
   * Runs `callback` once what was written so far is committed: after the transaction's COMMIT,
   * or at once on the pool (each statement commits on its own). Never after a rollback.
   */
  afterCommit(callback: () => void): void;
}

export interface QueryOptions {
  /**
   * Send it as a named statement, so Postgres parses and plans it once per connection instead
   * of on every call: for the hot paths' fixed SQL (claims, batch inserts, the outbox). Never
   * for SQL assembled per call (each distinct text stays prepared on every connection), and
   * never with `SELECT *` from a table (a column added by a migration changes the result type
   * under the prepared statement of a running replica, and Postgres refuses to run it).
   */
  prepare?: boolean;
}

export interface SqlResult<T> {
  rows: T[];
  rowCount: number;
}

export interface DatabaseOptions {
  url: string;
  /** Connections in the pool; 1 in the embedded mode, where PGlite serves one at a time. */
  poolSize: number;
  applicationName: string;
}

interface PgResult {
  rows?: unknown[];
  rowCount?: number | null;
}
interface PgQueryClient {
  query(config: {
    text: string;
    values?: unknown[];
    name?: string;
  }): Promise<PgResult | PgResult[]>;
}

// A statement's name is its text's digest: the same SQL always gets the same name, and two
// texts never share one (node-postgres refuses a name reused with another text).
const statementNames = new Map<string, string>();
const statementName = (text: string): string => {
  let name = statementNames.get(text);
  if (!name) {
    name = `hp_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
};

// Straight to the runner's node-postgres client: TypeORM's `query` adds nothing we use (no
// logging, no subscribers) and cannot send a named statement.
const runOn = async <T>(
  runner: QueryRunner,
  text: string,
  params: unknown[] | undefined,
  options: QueryOptions | undefined,
): Promise<SqlResult<T>> => {
  const client = (await runner.connect()) as PgQueryClient;
  const result = await client.query(
    options?.prepare
      ? { name: statementName(text), text, values: params }
      : { text, values: params },
  );
  // Several statements in one text (migrations) answer a list; they return no rows here.
  if (Array.isArray(result)) return { rows: [], rowCount: 0 };
  const rows = (result.rows ?? []) as T[];
  return { rows, rowCount: result.rowCount ?? rows.length };
};

interface PgClientLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  listeners(event: 'error'): unknown[];
}
interface PgPoolLike {
  on(event: 'connect', listener: (client: PgClientLike) => void): unknown;
  _clients?: PgClientLike[];
}
/** The query that fails next reports the broken connection; nothing to do here. */
const ignoreClientError = (): void => undefined;

/**
 * A service's database: a TypeORM data source used for its connection pool and transactions,
 * with SQL written out by hand where precision matters (event store, queues, projections).
 */
export class Database implements Sql {
  readonly dataSource: DataSource;

  constructor(readonly options: DatabaseOptions) {
    this.dataSource = new DataSource({
      type: 'postgres',
      url: options.url,
      synchronize: false,
      logging: false,
      entities: [],
      poolSize: options.poolSize,
      applicationName: options.applicationName,
      extra: {
        max: options.poolSize,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: 10_000,
        // No JIT: our statements are short OLTP ones, which JIT compiles for longer than they
        // run once the planner's cost estimate passes jit_above_cost (seen: logs-projection
        // inserts of 250 ms). A DATABASE_URL with its own `options` parameter overrides this.
        options: '-c jit=off',
      },
    });
  }

  async connect(): Promise<void> {
    if (this.dataSource.isInitialized) return;
    await this.dataSource.initialize();
    // When Postgres goes away (restart, failover, admin terminate) it tells every connection,
    // and node-postgres emits 'error' on a client that has no query running. TypeORM listens
    // only while a query runner holds the client, so a client between hands crashed the whole
    // process (seen in the chaos test's Postgres restart). Every client gets a listener for
    // life; the broken one fails its next query and the pool replaces it.
    const pool = (this.dataSource.driver as unknown as { master?: PgPoolLike }).master;
    if (pool) {
      const guard = (client: PgClientLike) => {
        if (!client.listeners('error').includes(ignoreClientError))
          client.on('error', ignoreClientError);
      };
      pool.on('connect', guard);
      for (const client of pool._clients ?? []) guard(client);
    }
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  async query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<SqlResult<T>> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await runOn<T>(runner, text, params, options);
    } finally {
      await runner.release();
    }
  }

  afterCommit(callback: () => void): void {
    callback();
  }

  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back otherwise. */
  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const committed: (() => void)[] = [];
    try {
      await runner.connect();
      // Inside the try: a failed BEGIN must still give the connection back.
      await runner.startTransaction();
      const result = await work({
        query: (text, params, options) => runOn(runner, text, params, options),
        afterCommit: (callback) => void committed.push(callback),
      });
      await runner.commitTransaction();
      // Committed: what a callback does next (wake a relay) must not report the write failed.
      for (const callback of committed) {
        try {
          callback();
        } catch {
          // the callback's own failure; the write stands
        }
      }
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  async isHealthy(): Promise<boolean> {
    try {
      await this.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}

// node-postgres puts the SQLSTATE on the error; a TypeORM error wraps it as driverError.
const sqlState = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const found = typeof code === 'string' ? code : driverError?.code;
  return typeof found === 'string' ? found : undefined;
};

/**
 * Postgres refused the statement itself (SQLSTATE classes 22 data, 23 integrity, 42 syntax or
 * access): running it again cannot succeed, unlike after a lost connection, a deadlock or a
 * shutdown.
 */
export const isDatabaseRefusal = (error: unknown): boolean =>
  /^(22|23|42)/.test(sqlState(error) ?? '');

/** Postgres error code for a unique violation: a racing writer lost. */
export const UNIQUE_VIOLATION = '23505';

export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === UNIQUE_VIOLATION;
