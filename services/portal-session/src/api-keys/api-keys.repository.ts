import type { Sql } from '@hookport/platform';

export interface ApiKeyRow {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  key_hash: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export const insertApiKey = async (
  sql: Sql,
  key: {
    id: string;
    name: string;
    scopes: string[];
    keyHash: string;
    prefix: string;
    expiresAt: string | null;
  },
): Promise<ApiKeyRow> => {
  const { rows } = await sql.query<ApiKeyRow>(
    `INSERT INTO portal_session.api_keys (id, name, scopes, key_hash, prefix, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [key.id, key.name, key.scopes, key.keyHash, key.prefix, key.expiresAt],
  );
  return rows[0]!;
};

/** The newest `limit` keys, revoked ones included. */
export const listApiKeys = async (sql: Sql, limit: number): Promise<ApiKeyRow[]> => {
  const { rows } = await sql.query<ApiKeyRow>(
    `SELECT * FROM portal_session.api_keys ORDER BY created_at DESC LIMIT $1`,
    [limit],
  );
  return rows;
};

/** Revokes the key (again is a no-op); null if there is none by that id. */
export const revokeApiKey = async (sql: Sql, keyId: string): Promise<ApiKeyRow | null> => {
  const { rows } = await sql.query<ApiKeyRow>(
    `UPDATE portal_session.api_keys SET revoked_at = COALESCE(revoked_at, now())
      WHERE id = $1 RETURNING *`,
    [keyId],
  );
  return rows[0] ?? null;
};

export const findApiKey = async (sql: Sql, keyId: string): Promise<ApiKeyRow | null> => {
  const { rows } = await sql.query<ApiKeyRow>(
    `SELECT * FROM portal_session.api_keys WHERE id = $1`,
    [keyId],
  );
  return rows[0] ?? null;
};
