// HTTP shapes of the portal-access area (management and portal API), shared with portal-ui.

export const PORTAL_THEMES = ['light', 'dark', 'auto'] as const;
export type PortalTheme = (typeof PORTAL_THEMES)[number];

/**
 * White-label settings, installation-wide or per application. `null` in an application's
 * settings means "as the installation"; the portal receives the merged result from `/me`.
 */
export interface PortalSettings {
  organizationName: string | null;
  logoUrl: string | null;
  logoDarkUrl: string | null;
  faviconUrl: string | null;
  /** `#rrggbb`. */
  accentColor: string | null;
  theme: PortalTheme | null;
  customCss: string | null;
  hidePoweredBy: boolean | null;
  /** Called (navigated to) when a session lapses, to re-issue one silently. */
  refreshUrl: string | null;
  /** Where a lapsed session goes when there is no refresh URL. */
  refererUrl: string | null;
  /** Origins allowed to frame the portal and call the portal API (`https://app.example.com`). */
  allowedFrameOrigins: string[] | null;
}

/** The merged settings a portal applies, with defaults filled in. */
export interface PortalBranding {
  organizationName: string | null;
  logoUrl: string | null;
  logoDarkUrl: string | null;
  faviconUrl: string | null;
  accentColor: string | null;
  theme: PortalTheme;
  customCss: string | null;
  hidePoweredBy: boolean;
  refreshUrl: string | null;
  refererUrl: string | null;
}

/** `GET /portal-api/v1/me`: who the session is and how the portal should look. */
export interface PortalMeOut {
  sessionId: string;
  app: { id: string; name: string | null };
  scopes: string[];
  endpointIds: string[] | null;
  expiresAt: string;
  returnUrl: string | null;
  branding: PortalBranding;
  /** Allowed frame origins (installation plus application): the exact postMessage targets. */
  frameOrigins: string[];
  limits: { retentionDays: number };
}

/** A magic link: a URL reusable until it expires, each opening a fresh short session. */
export interface MagicLinkOut {
  id: string;
  url: string;
  token: string;
  expiresAt: string;
  expiresInMinutes: number;
  scopes: string[];
}

/** A long-lived embed token, as listed (the secret is shown only in the create answer). */
export interface PortalTokenOut {
  id: string;
  name: string | null;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

export interface PortalTokenCreatedOut extends PortalTokenOut {
  token: string;
}

/** A management API key, as listed; the secret is shown only in the create answer. */
export interface ApiKeyOut {
  id: string;
  name: string;
  scopes: string[];
  /** The first characters of the key, to recognise it. */
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeyCreatedOut extends ApiKeyOut {
  key: string;
}

/** What the gateway needs to check a presented API key (never the key itself). */
export interface ApiKeyVerifier {
  id: string;
  keyHash: string;
  scopes: string[];
  expiresAt: string | null;
  revoked: boolean;
}
