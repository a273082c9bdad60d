import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@hookport/platform';
import { listLiveEmbedTokens } from './portal-session.repository';
import type { PortalTokenOut } from '@hookport/api-schema';

/** An application's live embed tokens, without their secrets (magic links are not listed). */
@Injectable()
export class PortalTokensQuery {
  constructor(@Inject(Database) private readonly db: Database) {}

  async list(appId: string): Promise<{ data: PortalTokenOut[]; done: boolean }> {
    const rows = await listLiveEmbedTokens(this.db, appId, 1000);
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
