import { Inject, Injectable } from '@nestjs/common';
import type { PortalTokenOut } from '@hookport/contracts';
import { Database } from '@hookport/platform';

interface TokenRow {
  id: string;
  name: string | null;
  scopes: string[];
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
}

/** An application's live embed tokens, without their secrets (magic links are not listed). */
@Injectable()
export class PortalTokensQuery {
  constructor(@Inject(Database) private readonly db: Database) {}

  async list(appId: string): Promise<{ data: PortalTokenOut[]; done: boolean }> {
    const { rows } = await this.db.query<TokenRow>(
      `SELECT id, name, scopes, created_at, expires_at, last_used_at
         FROM portal_session.sessions
        WHERE app_id = $1 AND kind = 'embed-token' AND revoked_at IS NULL AND expires_at > now()
        ORDER BY created_at DESC LIMIT 1000`,
      [appId],
    );
    return {
      data: rows.map((row) => ({
        id: row.id,
        name: row.name,
        scopes: row.scopes,
        createdAt: row.created_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        lastUsedAt: row.last_used_at?.toISOString() ?? null,
      })),
      done: rows.length < 1000,
    };
  }
}
