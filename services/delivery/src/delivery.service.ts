import { TOPICS, type DeliveryEvents, type EventOf } from '@hookport/contracts';
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
import { loadDeliveryConfig } from './config';
import { ExpungeContentHandler } from './controls/expunge-content.handler';
import { DeliveryModule } from './delivery.module';
import { Dispatcher } from './dispatch/dispatcher';
import { EndpointProjection } from './endpoint-directory/endpoint-projection';
import { DeliveryRetentionSweep } from './retention/retention-sweep';
import { DELIVERY_MIGRATIONS, DELIVERY_SCHEMA, DELIVERY_STORED_HEADERS } from './migrations';

/** Assembles the delivery service: ingest, fan-out, signing, dispatch and retries. */
export const createDeliveryService: ServiceFactory = async (runtime, env) => {
  const config = loadDeliveryConfig(env);
  await runMigrations(runtime.db, 'delivery', DELIVERY_MIGRATIONS);
  const store = new EventStore<EventOf<DeliveryEvents>>(DELIVERY_SCHEMA);
  const relay = new OutboxRelay({
    db: runtime.db,
    store,
    bus: runtime.bus,
    topic: TOPICS.delivery,
    logger: runtime.logger,
    listenUrl: runtime.listenUrl,
  });
  runtime.metrics.gauge(
    'hookport_outbox_lag_events',
    'Events committed but not yet published to Kafka',
    () => relay.lag(),
  );
  const idempotency = requestIdempotencyOf(runtime.db, DELIVERY_SCHEMA, runtime.logger, env);
  const app = await createHttpApp(
    DeliveryModule.forRoot(runtime, config, store, relay, idempotency.keys),
    {
      logger: runtime.logger,
      env,
      metrics: runtime.metrics,
      // The gateway enforces the payload limit with a clear 413; this leaves room for the envelope.
      bodyLimit: config.HOOKPORT_MAX_PAYLOAD_BYTES * 2 + 64 * 1024,
      isReady: async () =>
        (await runtime.db.isHealthy()) && runtime.bus.isReady() && relay.error === null,
    },
  );
  // Before any worker reads them (they start after this factory returns).
  await sealStoredHeaderValuesOnce(
    runtime.db,
    'delivery',
    app.get(SecretBox),
    DELIVERY_STORED_HEADERS,
  );

  connectEventConsumers(app, runtime.bus);
  const projection = app.get(EndpointProjection);
  const dispatcher = app.get(Dispatcher);
  const expunge = app.get(ExpungeContentHandler);
  // A resend, recover or replay queues deliveries with its `delivery.requeued` events: the
  // dispatcher claims them as soon as that transaction commits.
  store.onCommitted(() => dispatcher.wake(), ['delivery.requeued']);
  const retention = new DeliveryRetentionSweep(runtime.db, runtime.logger, {
    retentionDays: config.HOOKPORT_RETENTION_DAYS,
    idempotencyKeyHours: idempotency.keys.windowHours,
    everySeconds: config.HOOKPORT_RETENTION_SWEEP_SECONDS,
    expungePayload: (appId, messageId) =>
      expunge.message(appId, messageId, { kind: 'system', id: 'payload-retention' }),
  });
  return {
    name: 'delivery',
    app,
    port: config.PORT,
    startWorkers: async () => {
      await projection.load();
      // The directory is loaded before its consumer resumes from the committed offset.
      await app.startAllMicroservices();
      relay.start();
      idempotency.sweep.start();
      dispatcher.start();
      retention.start();
    },
    stop: async () => {
      await app.close();
      await dispatcher.stop();
      await relay.stop();
      await idempotency.sweep.stop();
      await retention.stop();
    },
  };
};
