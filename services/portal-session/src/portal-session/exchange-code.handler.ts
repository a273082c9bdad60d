import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { SessionExchangeOut } from '@hookport/contracts';
import { Database, EventStore, OutboxRelay } from '@hookport/platform';
import { hashCode } from './create-portal-session.handler';
import { PortalSessionError } from './portal-session.errors';
import {
  PORTAL_TOKEN_AUDIENCE,
  PORTAL_TOKEN_ISSUER,
  type SessionTokenClaims,
} from './session-token';

interface SessionRow {
  id: string;
  app_id: string;
  scopes: string[];
  metadata: Record<string, string>;
  return_url: string | null;
  endpoint_ids: string[] | null;
  expires_at: Date;
  app_name: string | null;
}

/** Exchanges a one-time code, once, for a session token bound to the application and scopes. */
@Injectable()
export class ExchangeCodeHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  async execute(code: string): Promise<SessionExchangeOut> {
    const session = await this.db.transaction(async (sql) => {
      // One statement marks the code used: two concurrent exchanges cannot both win.
      const { rows } = await sql.query<SessionRow>(
        `UPDATE portal_session.sessions AS s SET code_used_at = now()
          WHERE code_hash = $1 AND code_used_at IS NULL AND code_expires_at > now()
            AND revoked_at IS NULL AND expires_at > now()
          RETURNING s.id, s.app_id, s.scopes, s.metadata, s.return_url, s.endpoint_ids, s.expires_at,
                    (SELECT name FROM portal_session.applications a WHERE a.id = s.app_id) AS app_name`,
        [hashCode(code)],
      );
      const row = rows[0];
      if (!row) return null;
      const [last] = await this.store.readStream(sql, row.id).then((events) => events.slice(-1));
      await this.store.append(
        sql,
        row.id,
        last?.streamPosition ?? 0,
        [{ type: 'portal-session.code-exchanged', data: { sessionId: row.id, appId: row.app_id } }],
        {
          applicationId: row.app_id,
          actor: { kind: 'portal-session', id: row.id, metadata: row.metadata },
        },
      );
      return row;
    });
    if (!session) throw PortalSessionError.codeInvalid();
    this.relay.wake();
    const claims: SessionTokenClaims = {
      sub: session.app_id,
      jti: session.id,
      scopes: session.scopes,
      meta: session.metadata,
      eps: session.endpoint_ids,
    };
    const expiresInSeconds = Math.max(
      1,
      Math.floor((session.expires_at.getTime() - Date.now()) / 1000),
    );
    const token = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      audience: PORTAL_TOKEN_AUDIENCE,
      issuer: PORTAL_TOKEN_ISSUER,
      expiresIn: expiresInSeconds,
    });
    return {
      token,
      expiresAt: session.expires_at.toISOString(),
      app: { id: session.app_id, name: session.app_name },
      scopes: session.scopes,
      returnUrl: session.return_url,
    };
  }
}
