import { createHttpApp, runMigrations, type ServiceFactory } from '@hookport/platform';
import { loadLogsConfig } from './config';
import { LogsModule } from './logs.module';
import { LOGS_MIGRATIONS } from './migrations';
import { DeliveryHistoryProjection } from './projection/delivery-history.projection';

/** Assembles the logs service: a pure projection of delivery history. */
export const createLogsService: ServiceFactory = async (runtime, env) => {
  const config = loadLogsConfig(env);
  await runMigrations(runtime.db, 'logs', LOGS_MIGRATIONS);
  const app = await createHttpApp(LogsModule.forRoot(runtime, config), {
    logger: runtime.logger,
    metrics: runtime.metrics,
    isReady: async () => (await runtime.db.isHealthy()) && runtime.bus.isReady(),
  });
  const projection = app.get(DeliveryHistoryProjection);
  return {
    name: 'logs',
    app,
    port: config.PORT,
    startWorkers: async () => {
      await runtime.bus.subscribe(projection.subscription);
    },
    stop: async () => {
      await app.close();
    },
  };
};
