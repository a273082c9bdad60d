import { hookportHeaderNames, type Migration, type StoredHeaders } from '@hookport/platform';

export const LOGS_SCHEMA = 'logs';

/** The logs read models: rebuildable from the delivery topic at any time. */
export const LOGS_MIGRATIONS: Migration[] = [
  {
    name: '0001_delivery_history',
    up: `
      CREATE SCHEMA IF NOT EXISTS logs;
      CREATE TABLE logs.consumed_events (
        consumer text NOT NULL,
        event_id text NOT NULL,
        consumed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      );
      CREATE TABLE logs.messages (
        id text PRIMARY KEY,
        app_id text NOT NULL,
        event_type text NOT NULL,
        event_id text,
        payload text NOT NULL,
        channels text[],
        tags text[],
        created_at timestamptz NOT NULL,
        position bigint NOT NULL
      );
      CREATE INDEX messages_by_app ON logs.messages (app_id, id DESC);
      CREATE TABLE logs.deliveries (
        message_id text NOT NULL,
        endpoint_id text NOT NULL,
        app_id text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_response_status integer,
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        -- The newest attempt this row reflects: an older or replayed attempt changes nothing.
        last_attempt_number integer NOT NULL DEFAULT 0,
        PRIMARY KEY (message_id, endpoint_id)
      );
      CREATE TABLE logs.attempts (
        id text PRIMARY KEY,
        message_id text NOT NULL,
        endpoint_id text NOT NULL,
        app_id text NOT NULL,
        attempt_number integer NOT NULL,
        trigger text NOT NULL,
        url text NOT NULL,
        request_headers jsonb NOT NULL,
        response_status integer,
        response_headers jsonb NOT NULL,
        response_body text NOT NULL,
        duration_ms integer NOT NULL,
        error_class text,
        error_message text,
        succeeded boolean NOT NULL,
        attempted_at timestamptz NOT NULL,
        position bigint NOT NULL
      );
      CREATE INDEX attempts_by_message ON logs.attempts (message_id, id);
      CREATE INDEX attempts_by_endpoint ON logs.attempts (app_id, endpoint_id, id DESC);
    `,
  },
  {
    name: '0002_endpoint_health',
    up: `
      -- Each endpoint's circuit and health as delivery last reported them.
      CREATE TABLE logs.endpoint_health (
        endpoint_id text PRIMARY KEY,
        app_id text NOT NULL,
        circuit_state text NOT NULL DEFAULT 'closed',
        next_probe_at timestamptz,
        consecutive_failures integer NOT NULL DEFAULT 0,
        health text NOT NULL DEFAULT 'healthy',
        health_reason text,
        -- The newest event each part reflects: a replayed older one changes nothing.
        circuit_position bigint NOT NULL DEFAULT 0,
        health_position bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX endpoint_health_by_app ON logs.endpoint_health (app_id);
    `,
  },
  {
    name: '0003_stats_and_search',
    up: `
      -- Attempts per endpoint per minute, by outcome, with a latency histogram (bucket bounds
      -- in stats/latency-histogram.ts): stats over any range add these rows up.
      CREATE TABLE logs.endpoint_stats (
        endpoint_id text NOT NULL,
        app_id text NOT NULL,
        bucket timestamptz NOT NULL,
        succeeded integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        latency integer[] NOT NULL,
        PRIMARY KEY (endpoint_id, bucket)
      );
      CREATE INDEX deliveries_by_endpoint ON logs.deliveries (endpoint_id, message_id DESC);
      CREATE INDEX messages_by_event_id ON logs.messages (app_id, event_id)
        WHERE event_id IS NOT NULL;
      -- Payload search: trigram index where pg_trgm is available (the embedded PGlite may lack
      -- it; search then scans the application's messages).
      DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX messages_payload_trgm ON logs.messages USING gin (payload gin_trgm_ops);
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm unavailable: payload search will scan';
      END $$;
    `,
  },
  {
    name: '0004_unsettled_deliveries',
    up: `
      -- The delivery log's status and status-code filters: deliveries not (yet) succeeded are
      -- few; index them by application, newest message first.
      CREATE INDEX deliveries_unsettled ON logs.deliveries (app_id, message_id DESC)
        INCLUDE (status, endpoint_id, last_response_status) WHERE status <> 'succeeded';
      CREATE INDEX messages_by_app_type ON logs.messages (app_id, event_type, id DESC);
    `,
  },
  {
    name: '0005_messages_keyed_by_application',
    up: `
      -- Every query of messages is for one application: with the primary key on id alone,
      -- Postgres walked it backwards past other applications' newer rows (18 ms at 300,000
      -- rows, growing with the table). Keyed by (app_id, id), the walk starts at the right row.
      ALTER TABLE logs.messages DROP CONSTRAINT messages_pkey;
      ALTER TABLE logs.messages ADD PRIMARY KEY (app_id, id);
      DROP INDEX logs.messages_by_app;
      -- Retention deletes by id range across applications: ids grow with time, BRIN suffices.
      CREATE INDEX messages_id_brin ON logs.messages USING brin (id);
      -- The live tail's replay after Last-Event-ID.
      CREATE INDEX messages_by_app_position ON logs.messages (app_id, position);
      CREATE INDEX attempts_by_app_position ON logs.attempts (app_id, position);
    `,
  },
  {
    name: '0006_endpoint_stats_by_application',
    up: `
      -- The portal's endpoint list shows every endpoint's last 24 hours at once.
      CREATE INDEX endpoint_stats_by_app ON logs.endpoint_stats (app_id, bucket)
        INCLUDE (endpoint_id, succeeded, failed);
    `,
  },
  {
    name: '0007_inbox_by_age',
    up: `
      -- The retention sweep forgets consumed-event entries by age.
      CREATE INDEX consumed_events_by_age ON logs.consumed_events (consumed_at);
    `,
  },
  {
    name: '0008_deliveries_carry_their_message',
    up: `
      -- The delivery log's filters, each alone or combined, on one index walk: a delivery carries
      -- its message's event type and time, so a filter on deliveries never joins messages to
      -- test them (at 5,000,000 attempts the join made the combined filter 276 ms at p50).
      ALTER TABLE logs.deliveries ADD COLUMN event_type text, ADD COLUMN message_at timestamptz;
      UPDATE logs.deliveries d SET event_type = m.event_type, message_at = m.created_at
        FROM logs.messages m WHERE m.app_id = d.app_id AND m.id = d.message_id;
      DROP INDEX logs.deliveries_unsettled;
      CREATE INDEX deliveries_unsettled ON logs.deliveries (app_id, message_id DESC)
        INCLUDE (status, endpoint_id, last_response_status, event_type, message_at)
        WHERE status <> 'succeeded';
      DROP INDEX logs.deliveries_by_endpoint;
      CREATE INDEX deliveries_by_endpoint ON logs.deliveries (app_id, endpoint_id, message_id DESC)
        INCLUDE (status, last_response_status, event_type, message_at);
    `,
  },
  {
    name: '0009_unsettled_deliveries_by_endpoint',
    up: `
      -- "This endpoint's failed deliveries", the portal's most asked filter: the endpoint's
      -- unsettled deliveries alone, not the application's (at 5,000,000 attempts, a status and
      -- endpoint filter matching nothing walked 75,000 index entries of other endpoints: 47 ms).
      CREATE INDEX deliveries_unsettled_by_endpoint
        ON logs.deliveries (app_id, endpoint_id, message_id DESC)
        INCLUDE (status, last_response_status, event_type, message_at)
        WHERE status <> 'succeeded';
    `,
  },
  {
    name: '0010_projection_without_inbox',
    up: `
      -- The projection is idempotent by its keys alone (see delivery-history.projection.ts):
      -- recording each consumed event's id cost about four of the ~35 WAL records a delivery
      -- wrote, for nothing.
      DROP TABLE logs.consumed_events;
    `,
  },
  {
    name: '0011_endpoint_stats_observed_range',
    up: `
      -- The fastest and slowest attempt of each minute: percentiles estimated from the buckets
      -- stay within what was seen (a lone 15 s attempt showed p50 20,000 ms, the bucket's middle).
      ALTER TABLE logs.endpoint_stats ADD COLUMN min_ms int, ADD COLUMN max_ms int;
    `,
  },
];

/** Where this service keeps custom header values: sealed, and sealed once if stored before. */
export const LOGS_STORED_HEADERS: StoredHeaders[] = [
  {
    table: 'logs.attempts',
    key: 'id',
    column: 'request_headers',
    keepClear: hookportHeaderNames,
  },
];
