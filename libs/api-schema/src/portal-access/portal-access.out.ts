import { ApiProperty } from '@nestjs/swagger';
import { PORTAL_THEMES, type PortalSettings, type PortalTheme } from '@hookport/contracts';

/** A portal session URL for one application: hand it to the customer or frame it. */
export class PortalSessionOut {
  /** @example "ps_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  id!: string;

  /** @example "https://hooks.example.com/portal/?app=app_01JD1W4M8QZ7N6X2Y3V4T5S6R7#code=..." */
  url!: string;

  /** The one-time code inside the URL's fragment. */
  code!: string;

  /** Until when the URL opens (once): its code's lifetime, minutes, not the session's. */
  codeExpiresAt!: string;

  /** When the session ends, once opened. */
  expiresAt!: string;
}

/** Svix's `AppPortalAccessOut`. */
export class AppPortalAccessOut {
  url!: string;

  /** The one-time code of the URL. */
  token!: string;
}

export class SessionAppOut {
  id!: string;
  name!: string | null;
}

/** A portal session's token (memory only), and what it may do. */
export class SessionExchangeOut {
  sessionId!: string;

  /** Bearer token for the portal API. */
  token!: string;

  /** Renew before this (`POST /portal-api/v1/session/refresh`). */
  tokenExpiresAt!: string;

  /** The session's end: no renewal goes beyond it. */
  expiresAt!: string;

  app!: SessionAppOut;

  /** @example ["endpoints:read", "messages:read"] */
  scopes!: string[];

  returnUrl!: string | null;

  /** How the portal should look, and where it goes when the session lapses. */
  branding!: PortalBrandingOut;
}

export class SessionRefreshOut {
  token!: string;
  tokenExpiresAt!: string;
  expiresAt!: string;
}

export class PortalBrandingOut {
  organizationName!: string | null;
  logoUrl!: string | null;
  logoDarkUrl!: string | null;
  faviconUrl!: string | null;

  /** @example "#4f46e5" */
  accentColor!: string | null;

  @ApiProperty({ type: String, enum: PORTAL_THEMES })
  theme!: PortalTheme;

  customCss!: string | null;
  hidePoweredBy!: boolean;
  refreshUrl!: string | null;
  refererUrl!: string | null;
}

export class PortalLimitsOut {
  /** How long the delivery log keeps messages and attempts. @example 90 */
  retentionDays!: number;
}

/** Who the session is and how the portal should look. */
export class PortalMeOut {
  sessionId!: string;
  app!: SessionAppOut;
  scopes!: string[];

  /** The endpoints the session is restricted to; all when null. */
  endpointIds!: string[] | null;

  expiresAt!: string;
  returnUrl!: string | null;
  branding!: PortalBrandingOut;

  /** The exact origins the portal may post messages to (its allowed frame origins). */
  frameOrigins!: string[];

  limits!: PortalLimitsOut;
}

/** White-label settings as stored: `null` means "as the installation" (or the default). */
export class PortalSettingsOut implements PortalSettings {
  organizationName!: string | null;
  logoUrl!: string | null;
  logoDarkUrl!: string | null;
  faviconUrl!: string | null;
  accentColor!: string | null;

  @ApiProperty({ type: String, enum: PORTAL_THEMES, nullable: true })
  theme!: PortalTheme | null;

  customCss!: string | null;
  hidePoweredBy!: boolean | null;
  refreshUrl!: string | null;
  refererUrl!: string | null;
  allowedFrameOrigins!: string[] | null;
}

/** A magic link: reusable until it expires, each use a fresh short session. */
export class MagicLinkOut {
  id!: string;
  url!: string;
  token!: string;
  expiresAt!: string;
  expiresInMinutes!: number;
  scopes!: string[];
}

/** A long-lived embed token as listed (the token itself only in the create answer). */
export class PortalTokenOut {
  id!: string;
  name!: string | null;
  scopes!: string[];
  createdAt!: string;
  expiresAt!: string;
  lastUsedAt!: string | null;
}

export class PortalTokenCreatedOut extends PortalTokenOut {
  /** Shown once. @example "hpet_..." */
  token!: string;
}

export class PortalTokenListOut {
  @ApiProperty({ type: [PortalTokenOut] })
  data!: PortalTokenOut[];
}

/** A management API key as listed (the key itself only in the create answer). */
export class ApiKeyOut {
  /** @example "key_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  id!: string;

  /** @example "billing backend" */
  name!: string;

  /** @example ["messages:write"] */
  scopes!: string[];

  /** The key's first characters, to recognise it. */
  prefix!: string;

  createdAt!: string;
  expiresAt!: string | null;
  revokedAt!: string | null;
}

export class ApiKeyCreatedOut extends ApiKeyOut {
  /** The key: shown once, stored only as a hash. */
  key!: string;
}

export class ApiKeyListOut {
  @ApiProperty({ type: [ApiKeyOut] })
  data!: ApiKeyOut[];

  done!: boolean;
}

/** Hook Mesh's portal token answer. */
export class HookMeshPortalOut {
  url!: string;
  expires_at!: string;
}

/** Hookdeck Outpost's portal answer. */
export class OutpostPortalOut {
  redirect_url!: string;
}
