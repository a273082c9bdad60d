import { Inject, Injectable } from '@nestjs/common';
import {
  newId,
  type RevokedSession,
  type PortalAccessEvents,
  type EventOf,
} from '@hookport/contracts';
import { actorOf, Database, EventStore, HookportError, type Principal } from '@hookport/platform';
import { hashCode } from './create-portal-session.handler';
import {
  findGrantExpiry,
  findLiveGrantByCode,
  revokeGrant,
  revokeLiveGrants,
  type RevokedRow,
} from './portal-session.repository';

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
    @Inject(EventStore) private readonly store: EventStore<EventOf<PortalAccessEvents>>,
  ) {}

  async revokeOne(appId: string, sessionId: string, principal: Principal): Promise<void> {
    await this.db.transaction(async (sql) => {
      const row = await revokeGrant(sql, appId, sessionId);
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
      const grantExpiresAt = await findGrantExpiry(sql, appId, grantId);
      if (!grantExpiresAt) return;
      const [last] = (await this.store.readStream(sql, sessionId)).slice(-1);
      await this.store.append(
        sql,
        sessionId,
        last?.streamPosition ?? 0,
        [
          {
            type: 'portal-session.revoked',
            data: { appId, session: { sessionId, expiresAt: grantExpiresAt.toISOString() } },
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
    const grant = await findLiveGrantByCode(this.db, hashCode(token));
    if (!grant) throw new HookportError('unauthorized', 'Not a live portal token.');
    await this.revokeOne(grant.app_id, grant.id, principal);
  }

  async revokeAll(
    appId: string,
    only: string[] | undefined,
    principal: Principal,
  ): Promise<number> {
    const revoked = await this.db.transaction(async (sql) => {
      const rows = await revokeLiveGrants(sql, appId, only ?? null);
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
