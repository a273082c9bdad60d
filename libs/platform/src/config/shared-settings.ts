import { defineSettings } from './settings';

/** The port a service listens on; each service has its own default and chart value. */
export const portSetting = (service: string, defaultPort: number) =>
  defineSettings({
    PORT: {
      type: 'integer',
      default: defaultPort,
      min: 0,
      max: 65535,
      description: 'HTTP port of the service (0 picks a free one).',
      chartValue: `services.${service}.port`,
    },
  });

/** Read by every service that seals data at rest, with the same key. */
export const ENCRYPTION_KEY_SETTINGS = defineSettings({
  HOOKPORT_ENCRYPTION_KEY: {
    type: 'string',
    minLength: 16,
    isSecret: true,
    description:
      'Encrypts signing secrets, custom header values and the answers kept for `Idempotency-Key` at rest and in events (AES-256-GCM); at least 16 characters.',
    chartValue: 'secrets.encryptionKey',
  },
});

/** The portal-session service signs portal tokens with it; the gateway verifies them. */
export const JWT_SECRET_SETTINGS = defineSettings({
  HOOKPORT_JWT_SECRET: {
    type: 'string',
    minLength: 32,
    isSecret: true,
    description: 'Signs portal session tokens (HS256); at least 32 characters.',
    chartValue: 'secrets.jwtSecret',
  },
});

/** The endpoints service checks endpoint URLs against it, delivery each connection. */
export const SSRF_ALLOW_SETTINGS = defineSettings({
  HOOKPORT_SSRF_ALLOW: {
    type: 'string',
    default: '',
    description:
      'Comma-separated CIDRs exempt from the SSRF address policy; keep empty in production (`127.0.0.0/8` in `npm start` and tests).',
    chartValue: 'config.ssrfAllow',
  },
});

/** The gateway refuses a larger message before forwarding it; delivery refuses it too. */
export const MAX_PAYLOAD_SETTINGS = defineSettings({
  HOOKPORT_MAX_PAYLOAD_BYTES: {
    type: 'integer',
    default: 256 * 1024,
    min: 1024,
    description: 'Largest accepted message payload, in bytes; answered 413 beyond.',
    chartValue: 'config.maxPayloadBytes',
  },
});
