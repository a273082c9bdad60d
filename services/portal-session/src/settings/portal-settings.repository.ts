import type { PortalSettings } from '@hookport/contracts';
import type { CommandOutcome, Sql } from '@hookport/platform';
import type { PortalSettingsEvent } from './portal-settings.decider';

/** The settings row key of the installation; applications use their id. */
export const INSTALLATION = '*';

/** The stored settings of the installation (`appId` null) or one application; null if none. */
export const findSettings = async (
  sql: Sql,
  appId: string | null,
): Promise<Partial<PortalSettings> | null> => {
  const { rows } = await sql.query<{ settings: PortalSettings }>(
    `SELECT settings FROM portal_session.settings WHERE scope = $1`,
    [appId ?? INSTALLATION],
  );
  return rows[0]?.settings ?? null;
};

/** Writes a settings change's outcome onto its row, in the same transaction. */
export const projectSettings = async (
  sql: Sql,
  outcome: CommandOutcome<PortalSettings, PortalSettingsEvent>,
): Promise<void> => {
  const { appId } = outcome.events[0]!.decided.data;
  await sql.query(
    `INSERT INTO portal_session.settings (scope, settings) VALUES ($1, $2)
     ON CONFLICT (scope) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
    [appId ?? INSTALLATION, JSON.stringify(outcome.state)],
  );
};
