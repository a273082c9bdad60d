// Portal settings (the payload of their events, and what the API's classes implement) and the
// gateway's internal view of an API key.

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

/** What the gateway needs to check a presented API key (never the key itself). */
export interface ApiKeyVerifier {
  id: string;
  keyHash: string;
  scopes: string[];
  expiresAt: string | null;
  revoked: boolean;
}
