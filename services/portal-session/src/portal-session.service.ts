import { TOPICS, type PortalAccessEvents, type EventOf } from '@hookport/contracts';
import {
  connectEventConsumers,
  createHttpApp,
  EventStore,
  OutboxRelay,
  requestIdempotencyOf,
  runMigrations,
  type ServiceFactory,
} from '@hookport/platform';
import { loadPortalSessionConfig } from './config';
import { PORTAL_SESSION_MIGRATIONS, PORTAL_SESSION_SCHEMA } from './migrations';
import { PortalSessionModule } from './portal-session.module';

/** Assembles the portal-session service: sessions, one-time codes and their tokens. */
export const createPortalSessionService: ServiceFactory = async (runtime, env) => {
  const config = loadPortalSessionConfig(env);
  await runMigrations(runtime.db, 'portal-session', PORTAL_SESSION_MIGRATIONS);
  const store = new EventStore<EventOf<PortalAccessEvents>>(PORTAL_SESSION_SCHEMA);
  const relay = new OutboxRelay({
    db: runtime.db,
    store,
    bus: runtime.bus,
    topic: TOPICS.portalAccess,
    logger: runtime.logger,
    listenUrl: runtime.listenUrl,
  });
  runtime.metrics.gauge(
    'hookport_outbox_lag_events',
    'Events committed but not yet published to Kafka',
    () => relay.lag(),
  );
  const idempotency = requestIdempotencyOf(runtime.db, PORTAL_SESSION_SCHEMA, runtime.logger, env);
  const app = await createHttpApp(
    PortalSessionModule.forRoot(runtime, config, store, relay, idempotency.keys),
    {
      logger: runtime.logger,
      env,
      metrics: runtime.metrics,
      isReady: async () =>
        (await runtime.db.isHealthy()) && runtime.bus.isReady() && relay.error === null,
    },
  );
  connectEventConsumers(app, runtime.bus);
  return {
    name: 'portal-session',
    app,
    port: config.PORT,
    startWorkers: async () => {
      await app.startAllMicroservices();
      relay.start();
      idempotency.sweep.start();
    },
    stop: async () => {
      await app.close();
      await relay.stop();
      await idempotency.sweep.stop();
    },
  };
};
