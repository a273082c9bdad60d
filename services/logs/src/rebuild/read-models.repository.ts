import type { Sql } from '@hookport/platform';

/** Every read model of the logs service: all of it is rebuilt from the delivery topic. */
export const READ_MODELS = [
  'logs.messages',
  'logs.deliveries',
  'logs.attempts',
  'logs.endpoint_health',
  'logs.endpoint_stats',
];

/** Empties every read model, for a rebuild from the topic. */
export const emptyReadModels = async (sql: Sql): Promise<void> => {
  await sql.query(`TRUNCATE ${READ_MODELS.join(', ')}`);
};

/** The rows of each read model, by table. */
export const countReadModels = async (sql: Sql): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {};
  for (const table of READ_MODELS) {
    const { rows } = await sql.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM ${table}`,
    );
    counts[table] = rows[0]?.count ?? 0;
  }
  return counts;
};
