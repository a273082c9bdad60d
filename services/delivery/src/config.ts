import {
  defineSettings,
  ENCRYPTION_KEY_SETTINGS,
  HTTP_SERVER_SETTINGS,
  IDEMPOTENCY_SETTINGS,
  loadSettings,
  MAX_PAYLOAD_SETTINGS,
  portSetting,
  RETENTION_SETTINGS,
  settingsClass,
  SSRF_ALLOW_SETTINGS,
} from '@hookport/platform';
import { SIGNATURE_HEADER_STYLES } from './dispatch/signature';

/** Every setting the delivery service reads, validated at boot (docs/configuration.md). */
export const DELIVERY_SETTINGS = defineSettings({
  ...portSetting('delivery', 3003),
  ...ENCRYPTION_KEY_SETTINGS,
  ...MAX_PAYLOAD_SETTINGS,
  HOOKPORT_DELIVERY_TIMEOUT_MS: {
    type: 'integer',
    default: 15_000,
    min: 100,
    max: 120_000,
    description: "Milliseconds an attempt waits for the endpoint's answer.",
    chartValue: 'config.deliveryTimeoutMs',
  },
  HOOKPORT_RETRY_SCHEDULE: {
    type: 'string',
    default: '0,5,300,1800,7200,18000,36000,36000',
    pattern: { regex: /^\s*\d+(\s*,\s*\d+)*\s*$/, message: 'a comma-separated list of seconds' },
    description:
      'Seconds before each attempt, comma-separated (the first is the immediate one); ±20 % jitter.',
    chartValue: 'config.retrySchedule',
  },
  HOOKPORT_DELIVERY_CONCURRENCY: {
    type: 'integer',
    default: 256,
    min: 1,
    max: 10_000,
    description: 'Deliveries in flight at once in one delivery process.',
    chartValue: 'config.deliveryConcurrency',
  },
  ...SSRF_ALLOW_SETTINGS,
  HOOKPORT_CIRCUIT_FAILURE_THRESHOLD: {
    type: 'integer',
    default: 5,
    min: 1,
    max: 1000,
    description: "Consecutive failures that open an endpoint's circuit breaker.",
    chartValue: 'config.circuitFailureThreshold',
  },
  HOOKPORT_CIRCUIT_COOLDOWN_SECONDS: {
    type: 'integer',
    default: 30,
    min: 1,
    max: 3600,
    description:
      'Seconds an open circuit waits before a probe, doubled after each failed probe up to 10 min.',
    chartValue: 'config.circuitCooldownSeconds',
  },
  HOOKPORT_ENDPOINT_CONCURRENCY: {
    type: 'integer',
    default: 20,
    min: 1,
    max: 1000,
    description:
      'Deliveries in flight to one endpoint at once, per process: a slow endpoint takes no more.',
  },
  HOOKPORT_DISABLE_AFTER_HOURS: {
    type: 'number',
    default: 120,
    min: 0.0001,
    max: 8760,
    description:
      'An endpoint whose every attempt failed for this long is disabled (hours; fractions allowed).',
  },
  HOOKPORT_SIGNATURE_HEADERS: {
    type: 'enum',
    values: SIGNATURE_HEADER_STYLES,
    default: 'both',
    description:
      'Signature headers on deliveries: `webhook` (`webhook-id/-timestamp/-signature`, Standard Webhooks), `svix` (`svix-*`), or `both`.',
    chartValue: 'config.signatureHeaders',
  },
  ...RETENTION_SETTINGS,
  ...IDEMPOTENCY_SETTINGS,
  ...HTTP_SERVER_SETTINGS,
});

export class DeliveryConfig extends settingsClass(DELIVERY_SETTINGS) {}

export const loadDeliveryConfig = (env?: Record<string, string | undefined>) =>
  loadSettings(DeliveryConfig, env);

export const retryScheduleSeconds = (config: DeliveryConfig): number[] =>
  config.HOOKPORT_RETRY_SCHEDULE.split(',').map((item) => Number(item.trim()));
