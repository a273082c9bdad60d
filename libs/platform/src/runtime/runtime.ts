import { randomBytes } from 'node:crypto';
import { ProcessConfig } from '../config/process-settings';
import { loadSettings } from '../config/settings';
import { Database } from '../database/database';
import { createLogger, type Logger } from '../logging/logger';
import type { EventBus } from '../messaging/event-bus';
import type { InProcessEventBus } from '../messaging/in-process-event-bus';
import { KafkaEventBus } from '../messaging/kafka-event-bus';
import { ServiceMetrics } from '../metrics/metrics';

/**
 * What a service needs from its surroundings. Built from the environment for a standalone
 * process, or handed over by the all-in-one process (shared PGlite connection, in-process bus).
 */
export interface ServiceRuntime {
  service: string;
  db: Database;
  bus: EventBus;
  logger: Logger;
  /** Shared secret the gateway signs internal principals with. */
  internalSecret: string;
  /** Where the database lives, for the relay's LISTEN connection (absent when embedded). */
  listenUrl: string | undefined;
  embedded: boolean;
  metrics: ServiceMetrics;
}

export interface RuntimeFromEnvOptions {
  service: string;
  env?: Record<string, string | undefined>;
  poolSize?: number;
  /** False for the gateway, which keeps no state of its own. */
  usesDatabase?: boolean;
}

const required = (value: string | undefined, name: string): string => {
  if (!value) throw new Error(`${name} must be set`);
  return value;
};

/** The runtime of a service running as its own process, on Postgres and Kafka. */
export const runtimeFromEnv = async ({
  service,
  env = process.env,
  poolSize,
  usesDatabase = true,
}: RuntimeFromEnvOptions): Promise<ServiceRuntime> => {
  const settings = loadSettings(ProcessConfig, env);
  const logger = createLogger(service, settings.HOOKPORT_LOG_LEVEL);
  // A stateless service gets a database handle that is never connected.
  const url = usesDatabase ? required(settings.DATABASE_URL, 'DATABASE_URL') : 'postgres://unused';
  const db = new Database({
    url,
    poolSize: poolSize ?? settings.HOOKPORT_DB_POOL_SIZE,
    applicationName: `hookport-${service}`,
  });
  if (usesDatabase) await db.connect();
  const brokers = settings.KAFKA_BROKERS.split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  const bus = new KafkaEventBus({
    brokers,
    clientId: `hookport-${service}`,
    logger,
    namespace: settings.HOOKPORT_KAFKA_NAMESPACE || undefined,
  });
  await bus.ensureTopics();
  return {
    service,
    db,
    bus,
    logger,
    internalSecret: settings.HOOKPORT_INTERNAL_SECRET,
    listenUrl: usesDatabase ? url : undefined,
    embedded: false,
    // Metrics on a port of their own, never on the public one.
    metrics: new ServiceMetrics(service, {
      address:
        settings.HOOKPORT_METRICS_PORT === undefined
          ? undefined
          : { port: settings.HOOKPORT_METRICS_PORT, host: settings.HOST },
    }),
  };
};

/** The runtime of a service hosted by the all-in-one process. */
export const embeddedRuntime = (
  service: string,
  shared: { db: Database; bus: InProcessEventBus; internalSecret?: string; logger?: Logger },
): ServiceRuntime => ({
  service,
  db: shared.db,
  bus: shared.bus,
  logger: (shared.logger ?? createLogger('hookport')).child({ service }),
  internalSecret: shared.internalSecret ?? randomBytes(32).toString('base64url'),
  listenUrl: undefined,
  embedded: true,
  // One process hosts every service: process metrics would repeat in each registry.
  metrics: new ServiceMetrics(service, { processMetrics: false }),
});

export const RUNTIME = Symbol('HOOKPORT_RUNTIME');
