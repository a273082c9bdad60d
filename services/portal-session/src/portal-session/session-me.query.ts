import { Inject, Injectable } from '@nestjs/common';
import { Database, HookportError, type Principal } from '@hookport/platform';
import { PortalSessionConfig } from '../config';
import { PortalSettingsStore } from '../settings/portal-settings.store';
import { findLiveGrant } from './portal-session.repository';
import type { PortalMeOut } from '@hookport/api-schema';

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
    const grant = await findLiveGrant(
      this.db,
      principal.appId,
      principal.grantId ?? principal.sessionId,
    );
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
