import { DataSource, type QueryRunner } from 'typeorm';

/** A row-returning SQL runner: the pool itself, or one transaction. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<T>>;
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

const runOn = async <T>(
  runner: QueryRunner,
  text: string,
  params: unknown[] | undefined,
): Promise<SqlResult<T>> => {
  const result = await runner.query(text, params, true);
  const rows = (Array.isArray(result.records) ? result.records : []) as T[];
  return { rows, rowCount: result.affected ?? rows.length };
};

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
      extra: { max: options.poolSize, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 },
    });
  }

  async connect(): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  async query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<SqlResult<T>> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await runOn<T>(runner, text, params);
    } finally {
      await runner.release();
    }
  }

  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back otherwise. */
  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await work({ query: (text, params) => runOn(runner, text, params) });
      await runner.commitTransaction();
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

/** Postgres error code for a unique violation: a racing writer lost. */
export const UNIQUE_VIOLATION = '23505';

export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { code?: string }).code === UNIQUE_VIOLATION ||
    (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION);
