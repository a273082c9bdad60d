import { Inject, Injectable } from '@nestjs/common';
import { newId, type PortalAccessEvents, type EventOf } from '@hookport/contracts';
import { Database, EventStore } from '@hookport/platform';
import { hashCode } from './create-portal-session.handler';
import type { SessionExchangeIn } from '@hookport/api-schema';
import { PortalSessionError } from './portal-session.errors';
import { spendSessionCode, useGrantToken } from './portal-session.repository';
import { SessionTokenIssuer } from './session-token';
import { PortalSettingsStore } from '../settings/portal-settings.store';
import type { SessionExchangeOut } from '@hookport/api-schema';

/**
 * Exchanges a session's one-time code (once, within its lifetime) or a magic link's or embed
 * token's token (any number of times until it expires) for a short-lived session token.
 */
@Injectable()
export class ExchangeCodeHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<PortalAccessEvents>>,
    @Inject(SessionTokenIssuer) private readonly tokens: SessionTokenIssuer,
    @Inject(PortalSettingsStore) private readonly settings: PortalSettingsStore,
  ) {}

  async execute(input: SessionExchangeIn): Promise<SessionExchangeOut> {
    const exchanged = await this.db.transaction(async (sql) => {
      const grant =
        input.code !== undefined
          ? await spendSessionCode(sql, hashCode(input.code), input.app ?? null)
          : await useGrantToken(sql, hashCode(input.token!), input.app ?? null);
      if (!grant) return null;
      // A session is its own grant; each opening of a link or token is a session of its own.
      const sessionId = grant.kind === 'session' ? grant.id : newId('portalSession');
      const [last] = (await this.store.readStream(sql, grant.id)).slice(-1);
      await this.store.append(
        sql,
        grant.id,
        last?.streamPosition ?? 0,
        [
          {
            type: 'portal-session.code-exchanged',
            data: { sessionId, appId: grant.app_id },
          },
        ],
        {
          applicationId: grant.app_id,
          actor: { kind: 'portal-session', id: sessionId, metadata: grant.metadata },
        },
      );
      return { grant, sessionId };
    });
    if (!exchanged) throw PortalSessionError.codeInvalid();
    const { grant, sessionId } = exchanged;
    const [{ token, tokenExpiresAt }, { branding }] = await Promise.all([
      this.tokens.issue(
        {
          sub: grant.app_id,
          jti: sessionId,
          gid: grant.id,
          scopes: grant.scopes,
          meta: grant.metadata,
          eps: grant.endpoint_ids,
        },
        grant.expires_at,
      ),
      this.settings.effective(grant.app_id),
    ]);
    return {
      sessionId,
      token,
      tokenExpiresAt,
      expiresAt: grant.expires_at.toISOString(),
      app: { id: grant.app_id, name: grant.app_name },
      scopes: grant.scopes,
      returnUrl: grant.return_url,
      branding,
    };
  }
}
