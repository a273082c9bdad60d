import {
  defineSettings,
  HTTP_SERVER_SETTINGS,
  JWT_SECRET_SETTINGS,
  loadSettings,
  MAX_PAYLOAD_SETTINGS,
  portSetting,
  settingsClass,
} from '@hookport/platform';

// The chart derives the services' addresses from their names and ports: no value sets them.
const internalUrl = (service: string, port: number) => ({
  type: 'url' as const,
  default: `http://127.0.0.1:${port}`,
  description: `Internal address of the ${service} service.`,
});

/** Every setting the gateway reads, validated at boot (docs/configuration.md). */
export const GATEWAY_SETTINGS = defineSettings({
  ...portSetting('api-gateway', 3000),
  HOOKPORT_ADMIN_API_KEY: {
    type: 'string',
    minLength: 16,
    isSecret: true,
    description:
      "The bootstrap management API key (the operator's backend); at least 16 characters.",
    chartValue: 'secrets.adminApiKey',
  },
  // Verifies portal session tokens, with the key portal-session signs them with.
  ...JWT_SECRET_SETTINGS,
  HOOKPORT_ENDPOINTS_URL: internalUrl('endpoints', 3002),
  HOOKPORT_DELIVERY_URL: internalUrl('delivery', 3003),
  HOOKPORT_LOGS_URL: internalUrl('logs', 3004),
  HOOKPORT_PORTAL_SESSION_URL: internalUrl('portal-session', 3001),
  ...MAX_PAYLOAD_SETTINGS,
  HOOKPORT_RATE_LIMIT_API_KEY: {
    type: 'integer',
    default: 1000,
    min: 0,
    description:
      'Management API requests per second per API key, per gateway process (bursts of twice that); 0 = no limit.',
    chartValue: 'config.rateLimitApiKey',
  },
  HOOKPORT_RATE_LIMIT_PORTAL_SESSION: {
    type: 'integer',
    default: 50,
    min: 0,
    description:
      'Portal API requests per second per portal session, per gateway process (bursts of twice that); 0 = no limit.',
    chartValue: 'config.rateLimitPortalSession',
  },
  HOOKPORT_PORTAL_DIR: {
    type: 'string',
    isOptional: true,
    description:
      "Folder holding the built portal (index.html); unset, the workspace's `portal-ui/dist/browser`.",
  },
  ...HTTP_SERVER_SETTINGS,
});

export class GatewayConfig extends settingsClass(GATEWAY_SETTINGS) {}

export const loadGatewayConfig = (env?: Record<string, string | undefined>) =>
  loadSettings(GatewayConfig, env);
