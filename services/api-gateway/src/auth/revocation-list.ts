import type { EventEnvelope, PortalAccessEvents, RevokedSession } from '@hookport/contracts';

/**
 * The portal sessions revoked before their expiry, as this gateway process knows them from the
 * portal-access topic (see `PortalAccessFeed`). A revoked session is forgotten once its token
 * would have expired anyway.
 */
export class RevocationList {
  private readonly revoked = new Map<string, number>();

  isRevoked(sessionId: string): boolean {
    const expiresAt = this.revoked.get(sessionId);
    if (expiresAt === undefined) return false;
    if (expiresAt <= Date.now()) {
      this.revoked.delete(sessionId);
      return false;
    }
    return true;
  }

  get size(): number {
    return this.revoked.size;
  }

  apply(
    event:
      | EventEnvelope<'portal-session.revoked', PortalAccessEvents['portal-session.revoked']>
      | EventEnvelope<'portal-sessions.revoked', PortalAccessEvents['portal-sessions.revoked']>,
  ): void {
    const now = Date.now();
    const remember = (session: RevokedSession) => {
      const expiresAt = Date.parse(session.expiresAt);
      if (expiresAt > now) this.revoked.set(session.sessionId, expiresAt);
    };
    if (event.type === 'portal-session.revoked') remember(event.data.session);
    else event.data.sessions.forEach(remember);
  }
}
