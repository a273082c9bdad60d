import { Inject, Injectable } from '@nestjs/common';
import { Database, HookportError, type Principal } from '@hookport/platform';
import { findLiveGrant } from './portal-session.repository';
import { SessionTokenIssuer } from './session-token';
import type { SessionRefreshOut } from '@hookport/api-schema';

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
    const grant = await findLiveGrant(this.db, principal.appId, grantId);
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
