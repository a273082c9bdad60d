import { Inject, Injectable } from '@nestjs/common';
import { newId, type SessionExchangeOut } from '@hookport/contracts';
import { Database, EventStore, type Sql } from '@hookport/platform';
import { hashCode } from './create-portal-session.handler';
import type { SessionExchangeIn } from '@hookport/api-schema';
import { PortalSessionError } from './portal-session.errors';
import { SessionTokenIssuer } from './session-token';
import { PortalSettingsStore } from '../settings/portal-settings.store';

interface GrantRow {
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

/**
 * Exchanges a session's one-time code (once, within its lifetime) or a magic link's or embed
 * token's token (any number of times until it expires) for a short-lived session token.
 */
@Injectable()
export class ExchangeCodeHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(SessionTokenIssuer) private readonly tokens: SessionTokenIssuer,
    @Inject(PortalSettingsStore) private readonly settings: PortalSettingsStore,
  ) {}

  async execute(input: SessionExchangeIn): Promise<SessionExchangeOut> {
    const exchanged = await this.db.transaction(async (sql) => {
      const grant =
        input.code !== undefined
          ? await this.spendCode(sql, input.code, input.app ?? null)
          : await this.useToken(sql, input.token!, input.app ?? null);
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

  /**
   * One statement marks the code used: two concurrent exchanges cannot both win. A page opened
   * for another application (`app`) does not spend it.
   */
  private async spendCode(sql: Sql, code: string, app: string | null): Promise<GrantRow | null> {
    const { rows } = await sql.query<GrantRow>(
      `UPDATE portal_session.sessions AS s SET code_used_at = now(), last_used_at = now()
        WHERE code_hash = $1 AND kind = 'session' AND code_used_at IS NULL
          AND code_expires_at > now() AND revoked_at IS NULL AND expires_at > now()
          AND ($2::text IS NULL OR s.app_id = $2)
        RETURNING ${GRANT_COLUMNS}`,
      [hashCode(code), app],
    );
    return rows[0] ?? null;
  }

  private async useToken(sql: Sql, token: string, app: string | null): Promise<GrantRow | null> {
    const { rows } = await sql.query<GrantRow>(
      `UPDATE portal_session.sessions AS s SET last_used_at = now()
        WHERE code_hash = $1 AND kind <> 'session' AND revoked_at IS NULL AND expires_at > now()
          AND ($2::text IS NULL OR s.app_id = $2)
        RETURNING ${GRANT_COLUMNS}`,
      [hashCode(token), app],
    );
    return rows[0] ?? null;
  }
}
