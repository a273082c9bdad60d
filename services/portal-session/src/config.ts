import {
  defineSettings,
  HTTP_SERVER_SETTINGS,
  IDEMPOTENCY_SETTINGS,
  JWT_SECRET_SETTINGS,
  loadSettings,
  portSetting,
  RETENTION_PERIOD_SETTINGS,
  settingsClass,
} from '@hookport/platform';

/**
 * Every setting the portal-session service reads, validated at boot (docs/configuration.md). The
 * retention period (the logs service purges; the portal tells its users) is the shared one.
 */
export const PORTAL_SESSION_SETTINGS = defineSettings({
  ...portSetting('portal-session', 3001),
  ...JWT_SECRET_SETTINGS,
  HOOKPORT_PUBLIC_URL: {
    type: 'url',
    default: 'http://127.0.0.1:3000',
    description:
      'Public base URL of the gateway, where the portal is served: session URLs point there.',
    chartValue: 'publicUrl',
    chartDefaultDiffers: 'the chart shows an example production URL',
  },
  HOOKPORT_PORTAL_CODE_TTL_SECONDS: {
    type: 'integer',
    default: 300,
    min: 1,
    max: 3600,
    description: "Seconds a portal URL's one-time code can be exchanged.",
    chartValue: 'config.portalCodeTtlSeconds',
  },
  HOOKPORT_PORTAL_TOKEN_TTL_SECONDS: {
    type: 'integer',
    default: 900,
    min: 30,
    max: 86_400,
    // The portal renews the token within the session's lifetime, so a leaked token is short-lived.
    description:
      'Lifetime of one portal session token, in seconds; the portal renews it within the session.',
    chartValue: 'config.portalTokenTtlSeconds',
  },
  ...RETENTION_PERIOD_SETTINGS,
  ...IDEMPOTENCY_SETTINGS,
  ...HTTP_SERVER_SETTINGS,
});

export class PortalSessionConfig extends settingsClass(PORTAL_SESSION_SETTINGS) {}

export const loadPortalSessionConfig = (env?: Record<string, string | undefined>) =>
  loadSettings(PortalSessionConfig, env);
