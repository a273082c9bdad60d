import type { PortalSettings } from '@hookport/contracts';
import type { PortalSettingsIn } from '@hookport/api-schema';

/** The stored settings: every field present, unset ones null. */
export const toPortalSettings = (dto: PortalSettingsIn): PortalSettings => ({
  organizationName: dto.organizationName ?? null,
  logoUrl: dto.logoUrl ?? null,
  logoDarkUrl: dto.logoDarkUrl ?? null,
  faviconUrl: dto.faviconUrl ?? null,
  accentColor: dto.accentColor ?? null,
  theme: dto.theme ?? null,
  customCss: dto.customCss ?? null,
  hidePoweredBy: dto.hidePoweredBy ?? null,
  refreshUrl: dto.refreshUrl ?? null,
  refererUrl: dto.refererUrl ?? null,
  allowedFrameOrigins: dto.allowedFrameOrigins ?? null,
});
