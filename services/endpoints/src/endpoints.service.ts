import { TOPICS, type EndpointsEvents, type EventOf } from '@hookport/contracts';
import {
  connectEventConsumers,
  createHttpApp,
  EventStore,
  OutboxRelay,
  requestIdempotencyOf,
  runMigrations,
  SecretBox,
  sealStoredHeaderValuesOnce,
  type ServiceFactory,
} from '@hookport/platform';
import { loadEndpointsConfig } from './config';
import { CreateApplicationHandler } from './application/create-application.handler';
import { EndpointsModule } from './endpoints.module';
import { ENDPOINTS_MIGRATIONS, ENDPOINTS_SCHEMA, ENDPOINTS_STORED_HEADERS } from './migrations';

/** Assembles the endpoints service: applications, endpoints, event types and secrets. */
export const createEndpointsService: ServiceFactory = async (runtime, env) => {
  const config = loadEndpointsConfig(env);
  await runMigrations(runtime.db, 'endpoints', ENDPOINTS_MIGRATIONS);
  const store = new EventStore<EventOf<EndpointsEvents>>(ENDPOINTS_SCHEMA);
  const relay = new OutboxRelay({
    db: runtime.db,
    store,
    bus: runtime.bus,
    topic: TOPICS.endpoints,
    logger: runtime.logger,
    listenUrl: runtime.listenUrl,
  });
  runtime.metrics.gauge(
    'hookport_outbox_lag_events',
    'Events committed but not yet published to Kafka',
    () => relay.lag(),
  );
  const idempotency = requestIdempotencyOf(runtime.db, ENDPOINTS_SCHEMA, runtime.logger, env);
  const app = await createHttpApp(
    EndpointsModule.forRoot(runtime, config, store, relay, idempotency.keys),
    {
      logger: runtime.logger,
      env,
      metrics: runtime.metrics,
      isReady: async () =>
        (await runtime.db.isHealthy()) && runtime.bus.isReady() && relay.error === null,
    },
  );
  // Before any worker reads them (they start after this factory returns).
  await sealStoredHeaderValuesOnce(
    runtime.db,
    'endpoints',
    app.get(SecretBox),
    ENDPOINTS_STORED_HEADERS,
  );
  // Before the first operational webhook endpoint is created in it.
  await app.get(CreateApplicationHandler).ensureOperational();
  connectEventConsumers(app, runtime.bus);

  return {
    name: 'endpoints',
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
