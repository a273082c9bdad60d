import { randomUUID } from 'node:crypto';
import {
  CONSUMER_GROUPS,
  TOPICS,
  type EventEnvelope,
  type PortalSessionRevokedV1,
  type PortalSessionsRevokedV1,
  type RevokedSession,
} from '@hookport/contracts';
import type { ConsumedBatch, Subscription } from '@hookport/platform';

/**
 * The portal sessions revoked before their expiry, as this gateway process knows them from the
 * portal-access topic (read from the beginning at start, under a consumer group of its own so
 * that every replica sees every revocation). A revoked session is forgotten once its token
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

  subscription(): Subscription {
    return {
      groupId: `${CONSUMER_GROUPS.gatewayRevocations}.${randomUUID()}`,
      topics: [TOPICS.portalAccess],
      fromBeginning: true,
      handle: async (batch: ConsumedBatch) => this.apply(batch.events),
    };
  }

  apply(events: EventEnvelope[]): void {
    const now = Date.now();
    const remember = (session: RevokedSession) => {
      const expiresAt = Date.parse(session.expiresAt);
      if (expiresAt > now) this.revoked.set(session.sessionId, expiresAt);
    };
    for (const event of events) {
      if (event.type === 'portal-session.revoked') {
        remember((event.data as PortalSessionRevokedV1).session);
      } else if (event.type === 'portal-sessions.revoked') {
        (event.data as PortalSessionsRevokedV1).sessions.forEach(remember);
      }
    }
  }
}
