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

export interface PortalAccessEventMap {
  'portal-session.created': PortalSessionCreatedV1;
  'portal-session.code-exchanged': PortalSessionExchangedV1;
}

export type PortalAccessEventType = keyof PortalAccessEventMap;

export type PortalAccessEvent = {
  [K in PortalAccessEventType]: EventEnvelope<K, PortalAccessEventMap[K]>;
}[PortalAccessEventType];
