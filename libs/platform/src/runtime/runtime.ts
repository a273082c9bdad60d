import { randomBytes } from 'node:crypto';
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

/** Where a service listens unless HOST says otherwise (containers set 0.0.0.0). */
export const DEFAULT_HOST = '127.0.0.1';

/** HOOKPORT_METRICS_PORT, checked: metrics on a port of their own, never on the public one. */
const metricsAddress = (env: Record<string, string | undefined>) => {
  const value = env['HOOKPORT_METRICS_PORT'];
  if (!value) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`HOOKPORT_METRICS_PORT must be a port number, not "${value}"`);
  return { port, host: env['HOST'] ?? DEFAULT_HOST };
};

const required = (env: Record<string, string | undefined>, name: string): string => {
  const value = env[name];
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
  const logger = createLogger(service, env['HOOKPORT_LOG_LEVEL']);
  // A stateless service gets a database handle that is never connected.
  const url = usesDatabase ? required(env, 'DATABASE_URL') : 'postgres://unused';
  const db = new Database({
    url,
    poolSize: poolSize ?? Number(env['HOOKPORT_DB_POOL_SIZE'] ?? 10),
    applicationName: `hookport-${service}`,
  });
  if (usesDatabase) await db.connect();
  const brokers = required(env, 'KAFKA_BROKERS')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  const bus = new KafkaEventBus({
    brokers,
    clientId: `hookport-${service}`,
    logger,
    namespace: env['HOOKPORT_KAFKA_NAMESPACE'] || undefined,
  });
  await bus.ensureTopics();
  return {
    service,
    db,
    bus,
    logger,
    internalSecret: required(env, 'HOOKPORT_INTERNAL_SECRET'),
    listenUrl: usesDatabase ? url : undefined,
    embedded: false,
    metrics: new ServiceMetrics(service, { address: metricsAddress(env) }),
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
