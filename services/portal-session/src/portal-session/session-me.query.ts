import { Inject, Injectable } from '@nestjs/common';
import type { PortalMeOut } from '@hookport/contracts';
import { Database, HookportError, type Principal } from '@hookport/platform';
import { PortalSessionConfig } from '../config';
import { PortalSettingsStore } from '../settings/portal-settings.store';

interface GrantRow {
  scopes: string[];
  endpoint_ids: string[] | null;
  return_url: string | null;
  expires_at: Date;
  app_name: string | null;
}

/** `GET /portal-api/v1/me`: the session, its application and the branding to apply. */
@Injectable()
export class SessionMeQuery {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PortalSettingsStore) private readonly settings: PortalSettingsStore,
    @Inject(PortalSessionConfig) private readonly config: PortalSessionConfig,
  ) {}

  async execute(principal: Principal): Promise<PortalMeOut> {
    if (principal.kind !== 'portal-session')
      throw new HookportError('unauthorized', 'A portal session token is required.');
    const { rows } = await this.db.query<GrantRow>(
      `SELECT s.scopes, s.endpoint_ids, s.return_url, s.expires_at,
              (SELECT name FROM portal_session.applications a WHERE a.id = s.app_id) AS app_name
         FROM portal_session.sessions s
        WHERE s.id = $1 AND s.app_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [principal.grantId ?? principal.sessionId, principal.appId],
    );
    const grant = rows[0];
    if (!grant) throw new HookportError('unauthorized', 'This portal session has ended.');
    const { branding, frameOrigins } = await this.settings.effective(principal.appId);
    return {
      sessionId: principal.sessionId,
      app: { id: principal.appId, name: grant.app_name },
      scopes: grant.scopes,
      endpointIds: grant.endpoint_ids,
      expiresAt: grant.expires_at.toISOString(),
      returnUrl: grant.return_url,
      branding,
      frameOrigins,
      limits: { retentionDays: this.config.HOOKPORT_RETENTION_DAYS },
    };
  }
}
