import type { ApplicationOut } from '@hookport/contracts';
import type { Sql } from '@hookport/platform';

interface ApplicationRow {
  id: string;
  uid: string | null;
  name: string;
  rate_limit: number | null;
  metadata: Record<string, string>;
  last_position: string;
  created_at: Date;
  updated_at: Date;
}

export interface ApplicationRecord {
  app: ApplicationOut;
  /** See endpoints.applications.last_position. */
  position: string;
}

const toRecord = (row: ApplicationRow): ApplicationRecord => ({
  app: {
    id: row.id,
    uid: row.uid,
    name: row.name,
    rateLimit: row.rate_limit,
    metadata: row.metadata,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  },
  position: String(row.last_position),
});

/** Reads of the applications table (the current state projected with the events). */
export const findApplication = async (
  sql: Sql,
  idOrUid: string,
): Promise<ApplicationRecord | null> => {
  const { rows } = await sql.query<ApplicationRow>(
    'SELECT * FROM endpoints.applications WHERE id = $1 OR uid = $1 ORDER BY (id = $1) DESC LIMIT 1',
    [idOrUid],
  );
  return rows[0] ? toRecord(rows[0]) : null;
};
