import type { PortalSettings } from '../http/portal-access.resources';
import { eventTypesOf } from './event-map';

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

/** How a session was granted: a one-time-code session, a magic link or a long-lived embed token. */
export type PortalGrantKind = 'session' | 'magic-link' | 'embed-token';

/** A magic link or an embed token: reusable until it expires or is revoked. No secret inside. */
export interface PortalGrantCreatedV1 {
  grantId: string;
  appId: string;
  kind: Exclude<PortalGrantKind, 'session'>;
  name: string | null;
  scopes: string[];
  expiresAt: string;
}

/** Installation-wide (`appId` null) or one application's portal settings, as now stored. */
export interface PortalSettingsUpdatedV1 {
  appId: string | null;
  settings: PortalSettings;
}

/**
 * A management API key. Only the SHA-256 of its secret travels (the secret is 32 random bytes:
 * the hash cannot be reversed), so every gateway can verify keys without asking.
 */
export interface ApiKeyCreatedV1 {
  keyId: string;
  name: string;
  scopes: string[];
  keyHash: string;
  expiresAt: string | null;
}

export interface ApiKeyRevokedV1 {
  keyId: string;
}

/** Event types of the portal-session service, with their payloads. */
export interface PortalAccessEvents {
  'portal-session.created': PortalSessionCreatedV1;
  'portal-grant.created': PortalGrantCreatedV1;
  'portal-settings.updated': PortalSettingsUpdatedV1;
  'api-key.created': ApiKeyCreatedV1;
  'api-key.revoked': ApiKeyRevokedV1;
  'portal-session.code-exchanged': PortalSessionExchangedV1;
  'portal-session.revoked': PortalSessionRevokedV1;
  'portal-sessions.revoked': PortalSessionsRevokedV1;
}

/** The types of PortalAccessEvents, at run time: a consumer dead-letters an envelope of any other. */
export const PORTAL_ACCESS_EVENT_TYPES = eventTypesOf<PortalAccessEvents>({
  'portal-session.created': true,
  'portal-grant.created': true,
  'portal-settings.updated': true,
  'api-key.created': true,
  'api-key.revoked': true,
  'portal-session.code-exchanged': true,
  'portal-session.revoked': true,
  'portal-sessions.revoked': true,
});
