import {
  defineSettings,
  ENCRYPTION_KEY_SETTINGS,
  HTTP_SERVER_SETTINGS,
  IDEMPOTENCY_SETTINGS,
  loadSettings,
  portSetting,
  settingsClass,
  SSRF_ALLOW_SETTINGS,
} from '@hookport/platform';

/** Every setting the endpoints service reads, validated at boot (docs/configuration.md). */
export const ENDPOINTS_SETTINGS = defineSettings({
  ...portSetting('endpoints', 3002),
  ...ENCRYPTION_KEY_SETTINGS,
  HOOKPORT_ALLOW_HTTP: {
    type: 'boolean',
    default: false,
    description:
      'Accept plain `http://` endpoint URLs (development and tests only; true in `npm start`).',
    chartValue: 'config.allowHttp',
  },
  ...SSRF_ALLOW_SETTINGS,
  ...IDEMPOTENCY_SETTINGS,
  ...HTTP_SERVER_SETTINGS,
});

export class EndpointsConfig extends settingsClass(ENDPOINTS_SETTINGS) {}

export const loadEndpointsConfig = (env?: Record<string, string | undefined>) =>
  loadSettings(EndpointsConfig, env);
