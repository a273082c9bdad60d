import { defineSettings } from './settings';

/**
 * How long history is kept: read by the services that purge it (delivery, logs) and by the one
 * that tells portal users (portal-session). One entry, so that their defaults and bounds cannot
 * drift apart.
 */
export const RETENTION_PERIOD_SETTINGS = defineSettings({
  HOOKPORT_RETENTION_DAYS: {
    type: 'number',
    default: 90,
    min: 0.00001,
    max: 36_500,
    description:
      "Days messages (with payloads), attempts, stats and delivery's own copies are kept, then purged (fractions allowed).",
    chartValue: 'config.retentionDays',
  },
});

/** Retention settings of the services that purge history (delivery, logs). */
export const RETENTION_SETTINGS = defineSettings({
  ...RETENTION_PERIOD_SETTINGS,
  HOOKPORT_RETENTION_SWEEP_SECONDS: {
    type: 'integer',
    default: 3600,
    min: 1,
    max: 86_400,
    description: 'Seconds between retention sweeps.',
  },
});
