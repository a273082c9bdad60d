import type { Sql } from '@hookport/platform';

/** A grant as an exchange reads it: a session, magic link or embed token, with its app's name. */
export interface GrantRow {
  id: string;
  kind: 'session' | 'magic-link' | 'embed-token';
  app_id: string;
  scopes: string[];
  metadata: Record<string, string>;
  return_url: string | null;
  endpoint_ids: string[] | null;
  expires_at: Date;
  app_name: string | null;
}

const GRANT_COLUMNS = `s.id, s.kind, s.app_id, s.scopes, s.metadata, s.return_url, s.endpoint_ids,
  s.expires_at, (SELECT name FROM portal_session.applications a WHERE a.id = s.app_id) AS app_name`;

export interface RevokedRow {
  id: string;
  expires_at: Date;
}

export interface TokenRow {
  id: string;
  name: string | null;
  scopes: string[];
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
}

export const insertSession = async (
  sql: Sql,
  session: {
    id: string;
    appId: string;
    scopes: string[];
    metadata: Record<string, string>;
    returnUrl: string | null;
    endpointIds: string[] | null;
    expiresAt: string;
    codeHash: string;
    codeExpiresAt: string;
    externalId: string | null;
  },
): Promise<void> => {
  await sql.query(
    `INSERT INTO portal_session.sessions
       (id, app_id, scopes, metadata, return_url, endpoint_ids, expires_at, code_hash, code_expires_at, external_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      session.id,
      session.appId,
      session.scopes,
      JSON.stringify(session.metadata),
      session.returnUrl,
      session.endpointIds,
      session.expiresAt,
      session.codeHash,
      session.codeExpiresAt,
      session.externalId,
    ],
  );
};

/** A magic link or embed token: its token's hash stands in the code's place until it expires. */
export const insertGrant = async (
  sql: Sql,
  grant: {
    id: string;
    appId: string;
    kind: 'magic-link' | 'embed-token';
    name: string | null;
    scopes: string[];
    metadata: Record<string, string>;
    expiresAt: string;
    tokenHash: string;
  },
): Promise<Date> => {
  const { rows } = await sql.query<{ created_at: Date }>(
    `INSERT INTO portal_session.sessions
       (id, app_id, kind, name, scopes, metadata, expires_at, code_hash, code_expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7)
     RETURNING created_at`,
    [
      grant.id,
      grant.appId,
      grant.kind,
      grant.name,
      grant.scopes,
      JSON.stringify(grant.metadata),
      grant.expiresAt,
      grant.tokenHash,
    ],
  );
  return rows[0]!.created_at;
};

/**
 * One statement marks a session's one-time code used: two concurrent exchanges cannot both
 * win. A page opened for another application (`app`) does not spend it.
 */
export const spendSessionCode = async (
  sql: Sql,
  codeHash: string,
  app: string | null,
): Promise<GrantRow | null> => {
  const { rows } = await sql.query<GrantRow>(
    `UPDATE portal_session.sessions AS s SET code_used_at = now(), last_used_at = now()
      WHERE code_hash = $1 AND kind = 'session' AND code_used_at IS NULL
        AND code_expires_at > now() AND revoked_at IS NULL AND expires_at > now()
        AND ($2::text IS NULL OR s.app_id = $2)
      RETURNING ${GRANT_COLUMNS}`,
    [codeHash, app],
  );
  return rows[0] ?? null;
};

/** A live magic link's or embed token's grant by its token's hash, marked used now. */
export const useGrantToken = async (
  sql: Sql,
  tokenHash: string,
  app: string | null,
): Promise<GrantRow | null> => {
  const { rows } = await sql.query<GrantRow>(
    `UPDATE portal_session.sessions AS s SET last_used_at = now()
      WHERE code_hash = $1 AND kind <> 'session' AND revoked_at IS NULL AND expires_at > now()
        AND ($2::text IS NULL OR s.app_id = $2)
      RETURNING ${GRANT_COLUMNS}`,
    [tokenHash, app],
  );
  return rows[0] ?? null;
};

/** The application's grant while it is live (not revoked, not expired), with its app's name. */
export const findLiveGrant = async (
  sql: Sql,
  appId: string,
  grantId: string,
): Promise<GrantRow | null> => {
  const { rows } = await sql.query<GrantRow>(
    `SELECT ${GRANT_COLUMNS}
       FROM portal_session.sessions s
      WHERE s.id = $1 AND s.app_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
    [grantId, appId],
  );
  return rows[0] ?? null;
};

/** A live grant of any application by its code's or token's hash. */
export const findLiveGrantByCode = async (
  sql: Sql,
  codeHash: string,
): Promise<{ id: string; app_id: string } | null> => {
  const { rows } = await sql.query<{ id: string; app_id: string }>(
    `SELECT id, app_id FROM portal_session.sessions
      WHERE code_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [codeHash],
  );
  return rows[0] ?? null;
};

/** When the application's grant expires, revoked or not; null if it has none by that id. */
export const findGrantExpiry = async (
  sql: Sql,
  appId: string,
  grantId: string,
): Promise<Date | null> => {
  const { rows } = await sql.query<{ expires_at: Date }>(
    `SELECT expires_at FROM portal_session.sessions WHERE id = $1 AND app_id = $2`,
    [grantId, appId],
  );
  return rows[0]?.expires_at ?? null;
};

/** An application's live embed tokens, newest first (magic links are not listed). */
export const listLiveEmbedTokens = async (
  sql: Sql,
  appId: string,
  limit: number,
): Promise<TokenRow[]> => {
  const { rows } = await sql.query<TokenRow>(
    `SELECT id, name, scopes, created_at, expires_at, last_used_at
       FROM portal_session.sessions
      WHERE app_id = $1 AND kind = 'embed-token' AND revoked_at IS NULL AND expires_at > now()
      ORDER BY created_at DESC LIMIT $2`,
    [appId, limit],
  );
  return rows;
};

/** Revokes one of the application's grants (again is a no-op); null if it has none by that id. */
export const revokeGrant = async (
  sql: Sql,
  appId: string,
  grantId: string,
): Promise<RevokedRow | null> => {
  const { rows } = await sql.query<RevokedRow>(
    `UPDATE portal_session.sessions SET revoked_at = COALESCE(revoked_at, now())
      WHERE app_id = $1 AND id = $2 RETURNING id, expires_at`,
    [appId, grantId],
  );
  return rows[0] ?? null;
};

/**
 * Revokes the application's live grants, or only those listed (by Hookport id or the
 * operator's `external_id`); returns those revoked.
 */
export const revokeLiveGrants = async (
  sql: Sql,
  appId: string,
  only: string[] | null,
): Promise<RevokedRow[]> => {
  const { rows } = await sql.query<RevokedRow>(
    `UPDATE portal_session.sessions SET revoked_at = now()
      WHERE app_id = $1 AND revoked_at IS NULL AND expires_at > now()
        AND ($2::text[] IS NULL OR id = ANY($2) OR external_id = ANY($2))
      RETURNING id, expires_at`,
    [appId, only],
  );
  return rows;
};
