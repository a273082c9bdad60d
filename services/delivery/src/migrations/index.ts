import {
  eventStoreMigration,
  requestIdempotencyMigration,
  eventStoreWithoutEventIdIndex,
  hookportHeaderNames,
  type Migration,
  type StoredHeaders,
} from '@hookport/platform';

export const DELIVERY_SCHEMA = 'delivery';

export const DELIVERY_MIGRATIONS: Migration[] = [
  eventStoreMigration(DELIVERY_SCHEMA),
  {
    name: '0001_delivery',
    up: `
      -- Delivery's own projection of the endpoints service's applications and endpoints.
      CREATE TABLE delivery.applications (
        id text PRIMARY KEY,
        position bigint NOT NULL
      );
      CREATE TABLE delivery.endpoints (
        id text PRIMARY KEY,
        app_id text NOT NULL,
        url text NOT NULL,
        filter_types text[],
        channels text[],
        disabled boolean NOT NULL,
        rate_limit integer,
        headers jsonb NOT NULL,
        secrets jsonb NOT NULL,
        stream_version integer NOT NULL
      );
      CREATE TABLE delivery.messages (
        id text PRIMARY KEY,
        app_id text NOT NULL,
        event_type text NOT NULL,
        event_id text,
        payload text NOT NULL,
        channels text[],
        tags text[],
        created_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX messages_event_id ON delivery.messages (app_id, event_id) WHERE event_id IS NOT NULL;
      -- The durable delivery queue: one row per message and endpoint, claimed with SKIP LOCKED.
      CREATE TABLE delivery.deliveries (
        message_id text NOT NULL,
        endpoint_id text NOT NULL,
        app_id text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        trigger text NOT NULL DEFAULT 'scheduled',
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, endpoint_id)
      );
      CREATE INDEX deliveries_due ON delivery.deliveries (next_attempt_at)
        WHERE status IN ('pending', 'retrying');
      CREATE TABLE delivery.idempotency_keys (
        app_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        message_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (app_id, key)
      );
    `,
  },
  {
    name: '0002_endpoint_health',
    up: `
      -- Staged health per endpoint, kept across restarts so the "disable after" clock survives.
      CREATE TABLE delivery.endpoint_health (
        endpoint_id text PRIMARY KEY,
        app_id text NOT NULL,
        health text NOT NULL,
        failing_since timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    name: '0003_retention',
    up: `
      -- The retention sweep finds idempotency keys past their window by age.
      CREATE INDEX idempotency_keys_created ON delivery.idempotency_keys (created_at);
    `,
  },
  {
    name: '0004_deliveries_room_for_claims',
    up: `
      -- A claim (lease and attempt count, no indexed column) then finds room on the row's own
      -- page for the new row version: a heap-only update that writes no index entry, where a
      -- full page made it add one to the primary key and to deliveries_due per claim.
      ALTER TABLE delivery.deliveries SET (fillfactor = 80);
    `,
  },
  eventStoreWithoutEventIdIndex(DELIVERY_SCHEMA),
  {
    name: '0005_expunge_and_background_tasks',
    up: `
      -- Set when an operator expunged the payload (the payload column then holds Svix's
      -- placeholder): such a message is never sent, resent, recovered or replayed again.
      ALTER TABLE delivery.messages ADD COLUMN expunged_at timestamptz;
      -- Svix's background tasks (recover, replay): the durable record an SDK polls by id.
      CREATE TABLE delivery.background_tasks (
        id text PRIMARY KEY,
        app_id text NOT NULL,
        endpoint_id text NOT NULL,
        task text NOT NULL,
        status text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  requestIdempotencyMigration(DELIVERY_SCHEMA),
  {
    name: '0006_operational_webhook_names',
    up: `
      -- The uids the operational webhooks name, and whether each endpoint was disabled (so a
      -- change announces endpoint.disabled or endpoint.enabled once): see OperationalEventsConsumer.
      CREATE TABLE delivery.operational_apps (
        id text PRIMARY KEY,
        uid text
      );
      CREATE TABLE delivery.operational_endpoints (
        id text PRIMARY KEY,
        app_id text NOT NULL,
        uid text,
        disabled boolean NOT NULL,
        stream_version integer NOT NULL
      );
      CREATE INDEX operational_endpoints_app ON delivery.operational_endpoints (app_id);
    `,
  },
  {
    name: '0007_payload_retention',
    up: `
      -- Svix's per-message payload retention: when the sweep expunges the payload; null keeps it
      -- as long as the message.
      ALTER TABLE delivery.messages ADD COLUMN payload_expires_at timestamptz;
      CREATE INDEX messages_payload_expiry ON delivery.messages (payload_expires_at)
        WHERE payload_expires_at IS NOT NULL AND expunged_at IS NULL;
    `,
  },
];

/** Where this service keeps custom header values: sealed, and sealed once if stored before. */
export const DELIVERY_STORED_HEADERS: StoredHeaders[] = [
  { table: 'delivery.endpoints', key: 'id', column: 'headers' },
  {
    table: 'delivery.events',
    key: 'global_position',
    column: 'data',
    field: 'requestHeaders',
    where: `type = 'delivery.attempted'`,
    keepClear: hookportHeaderNames,
  },
];
