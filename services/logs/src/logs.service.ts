import {
  connectEventConsumers,
  createHttpApp,
  runMigrations,
  SecretBox,
  sealStoredHeaderValuesOnce,
  type ServiceFactory,
} from '@hookport/platform';
import { loadLogsConfig } from './config';
import { LogsModule } from './logs.module';
import { LOGS_MIGRATIONS, LOGS_STORED_HEADERS } from './migrations';
import { ConsumerLag } from './projection/consumer-lag';
import { DELIVERY_HISTORY_CONSUMER } from './projection/delivery-history.projection';
import { RetentionSweep } from './retention/retention-sweep';

/** Assembles the logs service: a pure projection of delivery history. */
export const createLogsService: ServiceFactory = async (runtime, env) => {
  const config = loadLogsConfig(env);
  await runMigrations(runtime.db, 'logs', LOGS_MIGRATIONS);
  let lag: ConsumerLag | null = null;
  const app = await createHttpApp(LogsModule.forRoot(runtime, config), {
    logger: runtime.logger,
    env,
    metrics: runtime.metrics,
    isReady: async () => (await runtime.db.isHealthy()) && runtime.bus.isReady(),
    readinessDetails: () => ({ consumerLagEvents: lag?.events ?? null }),
  });
  // Before any worker reads them (they start after this factory returns).
  await sealStoredHeaderValuesOnce(runtime.db, 'logs', app.get(SecretBox), LOGS_STORED_HEADERS);

  connectEventConsumers(app, runtime.bus);
  const { groupId, topics } = DELIVERY_HISTORY_CONSUMER;
  lag = new ConsumerLag(runtime.bus, runtime.logger, groupId, topics);
  runtime.metrics.gauge(
    'hookport_consumer_lag_events',
    'Delivery events not yet projected into the delivery log',
    () => lag?.events ?? 0,
  );
  const retention = new RetentionSweep(
    runtime.db,
    runtime.logger,
    config.HOOKPORT_RETENTION_DAYS,
    config.HOOKPORT_RETENTION_SWEEP_SECONDS,
  );
  return {
    name: 'logs',
    app,
    port: config.PORT,
    startWorkers: async () => {
      await app.startAllMicroservices();
      lag?.start();
      retention.start();
    },
    stop: async () => {
      lag?.stop();
      await retention.stop();
      await app.close();
    },
  };
};
