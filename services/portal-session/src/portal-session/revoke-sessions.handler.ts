import { Inject, Injectable } from '@nestjs/common';
import { newId, type RevokedSession } from '@hookport/contracts';
import { actorOf, Database, EventStore, HookportError, type Principal } from '@hookport/platform';
import { hashCode } from './create-portal-session.handler';

interface RevokedRow {
  id: string;
  expires_at: Date;
}

const toRevoked = (row: RevokedRow): RevokedSession => ({
  sessionId: row.id,
  expiresAt: row.expires_at.toISOString(),
});

/**
 * Revokes one portal session, or all of an application's live sessions (optionally only those
 * listed, by Hookport id or the operator's Svix `sessionId`). The event names every revoked
 * session, so each gateway refuses their tokens from the moment it reads it.
 */
@Injectable()
export class RevokeSessionsHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  async revokeOne(appId: string, sessionId: string, principal: Principal): Promise<void> {
    await this.db.transaction(async (sql) => {
      const { rows } = await sql.query<RevokedRow>(
        `UPDATE portal_session.sessions SET revoked_at = COALESCE(revoked_at, now())
          WHERE app_id = $1 AND id = $2 RETURNING id, expires_at`,
        [appId, sessionId],
      );
      const row = rows[0];
      if (!row) throw new HookportError('notFound', `Portal session ${sessionId} not found`);
      const [last] = (await this.store.readStream(sql, sessionId)).slice(-1);
      await this.store.append(
        sql,
        sessionId,
        last?.streamPosition ?? 0,
        [{ type: 'portal-session.revoked', data: { appId, session: toRevoked(row) } }],
        { applicationId: appId, actor: actorOf(principal) },
      );
    });
  }

  /**
   * Logout: ends the calling session. A session is its own grant and is revoked as a whole;
   * a session opened from a magic link or embed token ends alone, the link or token lives on.
   */
  async logout(principal: Principal): Promise<void> {
    if (principal.kind !== 'portal-session')
      throw new HookportError('unauthorized', 'A portal session token is required.');
    const { sessionId, appId } = principal;
    const grantId = principal.grantId ?? sessionId;
    if (grantId === sessionId) return this.revokeOne(appId, sessionId, principal);
    await this.db.transaction(async (sql) => {
      const { rows } = await sql.query<{ expires_at: Date }>(
        `SELECT expires_at FROM portal_session.sessions WHERE id = $1 AND app_id = $2`,
        [grantId, appId],
      );
      const grant = rows[0];
      if (!grant) return;
      const [last] = (await this.store.readStream(sql, sessionId)).slice(-1);
      await this.store.append(
        sql,
        sessionId,
        last?.streamPosition ?? 0,
        [
          {
            type: 'portal-session.revoked',
            data: { appId, session: { sessionId, expiresAt: grant.expires_at.toISOString() } },
          },
        ],
        { applicationId: appId, actor: actorOf(principal) },
      );
    });
  }

  /**
   * Svix's logout of an app token: the token `app-portal-access` answered (a session's one-time
   * code, used or not) or a magic link's or embed token's token ends the grant it belongs to,
   * with every session opened from it. Anything else is not a portal token: 401.
   */
  async logoutGrant(token: string, principal: Principal): Promise<void> {
    const { rows } = await this.db.query<{ id: string; app_id: string }>(
      `SELECT id, app_id FROM portal_session.sessions
        WHERE code_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [hashCode(token)],
    );
    const grant = rows[0];
    if (!grant) throw new HookportError('unauthorized', 'Not a live portal token.');
    await this.revokeOne(grant.app_id, grant.id, principal);
  }

  async revokeAll(
    appId: string,
    only: string[] | undefined,
    principal: Principal,
  ): Promise<number> {
    const revoked = await this.db.transaction(async (sql) => {
      const { rows } = await sql.query<RevokedRow>(
        `UPDATE portal_session.sessions SET revoked_at = now()
          WHERE app_id = $1 AND revoked_at IS NULL AND expires_at > now()
            AND ($2::text[] IS NULL OR id = ANY($2) OR external_id = ANY($2))
          RETURNING id, expires_at`,
        [appId, only ?? null],
      );
      if (rows.length === 0) return 0;
      await this.store.append(
        sql,
        `revoke-all:${newId('event')}`,
        0,
        [{ type: 'portal-sessions.revoked', data: { appId, sessions: rows.map(toRevoked) } }],
        { applicationId: appId, actor: actorOf(principal) },
      );
      return rows.length;
    });
    return revoked;
  }
}
