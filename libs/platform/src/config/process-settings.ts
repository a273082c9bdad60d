import { defineSettings, settingsClass } from './settings';

/** Where a service listens unless HOST says otherwise (containers set 0.0.0.0). */
export const DEFAULT_HOST = '127.0.0.1';

/**
 * What a service running as its own process reads from its surroundings (the all-in-one process
 * hands these over instead: embedded database, in-process bus, generated secrets).
 */
export const PROCESS_SETTINGS = defineSettings({
  KAFKA_BROKERS: {
    type: 'string',
    minLength: 1,
    description: 'Comma-separated Kafka bootstrap brokers (`host:port`).',
    chartValue: 'kafka.brokers',
  },
  HOOKPORT_INTERNAL_SECRET: {
    type: 'string',
    minLength: 1,
    isSecret: true,
    description: 'Signs the principal the gateway passes to the services.',
    chartValue: 'secrets.internalSecret',
  },
  HOST: {
    type: 'string',
    default: DEFAULT_HOST,
    description:
      'Bind address of the HTTP and metrics ports (the images and the chart set `0.0.0.0`).',
  },
  HOOKPORT_METRICS_PORT: {
    type: 'integer',
    min: 1,
    max: 65_535,
    isOptional: true,
    description:
      'Serves `/metrics` on this port (same `HOST`) and not on `PORT`; unset, the gateway serves none.',
    chartValue: 'metricsPort',
    chartDefaultDiffers: 'the chart always gives metrics a port of their own',
  },
  HOOKPORT_LOG_LEVEL: {
    type: 'enum',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
    description: 'Pino log level.',
  },
  HOOKPORT_KAFKA_NAMESPACE: {
    type: 'string',
    isOptional: true,
    description: 'Prefix for topics and consumer groups, to share a cluster.',
  },
});

/** What a service that keeps state reads besides (every service but the gateway). */
export const DATABASE_SETTINGS = defineSettings({
  DATABASE_URL: {
    type: 'string',
    isOptional: true,
    isSecret: true,
    description:
      'PostgreSQL connection URL; each service uses its own schema. Required by every service but the gateway.',
    chartValue: 'postgres.url',
  },
  HOOKPORT_DB_POOL_SIZE: {
    type: 'integer',
    default: 10,
    min: 1,
    max: 1000,
    description: 'Database connections per service process.',
  },
});

export class ProcessConfig extends settingsClass({ ...PROCESS_SETTINGS, ...DATABASE_SETTINGS }) {}
