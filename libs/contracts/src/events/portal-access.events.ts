import type { EventEnvelope } from '../envelope';

export interface PortalSessionCreatedV1 {
  sessionId: string;
  appId: string;
  scopes: string[];
  expiresAt: string;
  metadata: Record<string, string>;
  returnUrl: string | null;
  endpointIds: string[] | null;
}

export interface PortalSessionExchangedV1 {
  sessionId: string;
  appId: string;
}

/** A revoked session, with when its token would have expired anyway (to forget it then). */
export interface RevokedSession {
  sessionId: string;
  expiresAt: string;
}

/** One session revoked by the operator; its tokens stop working at every gateway at once. */
export interface PortalSessionRevokedV1 {
  appId: string;
  session: RevokedSession;
}

/** Every live session of an application revoked (Svix's expire-all), or those listed. */
export interface PortalSessionsRevokedV1 {
  appId: string;
  sessions: RevokedSession[];
}

export interface PortalAccessEventMap {
  'portal-session.created': PortalSessionCreatedV1;
  'portal-session.code-exchanged': PortalSessionExchangedV1;
  'portal-session.revoked': PortalSessionRevokedV1;
  'portal-sessions.revoked': PortalSessionsRevokedV1;
}

export type PortalAccessEventType = keyof PortalAccessEventMap;

export type PortalAccessEvent = {
  [K in PortalAccessEventType]: EventEnvelope<K, PortalAccessEventMap[K]>;
}[PortalAccessEventType];
