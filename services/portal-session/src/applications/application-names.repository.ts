import type { Sql } from '@hookport/platform';

/** The application's name as the portal shows it: a rename shows in portals opened after it. */
export const upsertApplicationName = async (sql: Sql, appId: string, name: string) => {
  await sql.query(
    `INSERT INTO portal_session.applications (id, name) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
    [appId, name],
  );
};
