import { Inject, Injectable } from '@nestjs/common';
import type { SessionRefreshOut } from '@hookport/contracts';
import { Database, HookportError, type Principal } from '@hookport/platform';
import { SessionTokenIssuer } from './session-token';

interface GrantRow {
  scopes: string[];
  metadata: Record<string, string>;
  endpoint_ids: string[] | null;
  expires_at: Date;
}

/** Renews a session token within its grant's lifetime, while the grant is not revoked. */
@Injectable()
export class RefreshSessionHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(SessionTokenIssuer) private readonly tokens: SessionTokenIssuer,
  ) {}

  async execute(principal: Principal): Promise<SessionRefreshOut> {
    if (principal.kind !== 'portal-session')
      throw new HookportError('unauthorized', 'A portal session token is required.');
    const grantId = principal.grantId ?? principal.sessionId;
    const { rows } = await this.db.query<GrantRow>(
      `SELECT scopes, metadata, endpoint_ids, expires_at FROM portal_session.sessions
        WHERE id = $1 AND app_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [grantId, principal.appId],
    );
    const grant = rows[0];
    if (!grant) throw new HookportError('unauthorized', 'This portal session has ended.');
    const { token, tokenExpiresAt } = await this.tokens.issue(
      {
        sub: principal.appId,
        jti: principal.sessionId,
        gid: grantId,
        scopes: grant.scopes,
        meta: grant.metadata,
        eps: grant.endpoint_ids,
      },
      grant.expires_at,
    );
    return { token, tokenExpiresAt, expiresAt: grant.expires_at.toISOString() };
  }
}
