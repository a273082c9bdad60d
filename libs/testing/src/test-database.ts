import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** Connection URL of the new database: the admin URL with its database name swapped. */
  url: string;
  name: string;
  /** Runs one statement on the database (a connection per call): to check what is stored. */
  query<T extends Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: T[] }>;
  /** Drops the database, ending whatever connections are still open on it. Idempotent. */
  drop(): Promise<void>;
}

const withAdminClient = async (adminUrl: string, work: (client: Client) => Promise<unknown>) => {
  const client = new Client({
    connectionString: adminUrl,
    application_name: 'hookport-testing',
    connectionTimeoutMillis: 10_000,
  });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
};

/**
 * Creates a fresh, empty database `hp_test_<random>` on the server of `adminUrl`, so each spec
 * file (or test) owns its data and tests never depend on each other's rows or on their order.
 */
export const createTestDatabase = async (
  adminUrl: string | undefined = process.env['DATABASE_URL'],
): Promise<TestDatabase> => {
  if (!adminUrl) {
    throw new Error(
      'DATABASE_URL must be set to an admin URL: run scripts/infra.sh up, then ' +
        'eval "$(scripts/infra.sh env)"',
    );
  }
  // Lowercase hex only: a valid unquoted identifier, so the name reads the same in psql.
  const name = `hp_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    name,
    query: async <T extends Record<string, unknown>>(text: string, params?: unknown[]) => {
      let result: { rows: T[] } = { rows: [] };
      await withAdminClient(url.toString(), async (client) => {
        result = await client.query<T>(text, params);
      });
      return result;
    },
    drop: () =>
      (dropped ??= withAdminClient(adminUrl, (client) =>
        // FORCE ends the connections a killed service or a forgotten pool left behind.
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).catch((error: unknown) => {
        dropped = undefined; // let a later call try again
        throw error;
      })),
  };
};
