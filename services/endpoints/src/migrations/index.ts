import {
  eventStoreMigration,
  requestIdempotencyMigration,
  eventStoreWithoutEventIdIndex,
  type Migration,
  type StoredHeaders,
} from '@hookport/platform';

export const ENDPOINTS_SCHEMA = 'endpoints';

export const ENDPOINTS_MIGRATIONS: Migration[] = [
  eventStoreMigration(ENDPOINTS_SCHEMA),
  {
    name: '0001_applications_and_endpoints',
    up: `
      CREATE TABLE endpoints.applications (
        id text PRIMARY KEY,
        uid text UNIQUE,
        name text NOT NULL,
        rate_limit integer,
        metadata jsonb NOT NULL DEFAULT '{}',
        stream_version integer NOT NULL,
        -- Global position of the newest event touching the application or its endpoints:
        -- other services wait for their projections to reach it (read-your-writes).
        last_position bigint NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE endpoints.endpoints (
        id text PRIMARY KEY,
        app_id text NOT NULL REFERENCES endpoints.applications (id),
        uid text,
        url text NOT NULL,
        description text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        filter_types text[],
        channels text[],
        rate_limit integer,
        disabled boolean NOT NULL DEFAULT false,
        headers jsonb NOT NULL DEFAULT '{}',
        metadata jsonb NOT NULL DEFAULT '{}',
        secrets jsonb NOT NULL,
        stream_version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (app_id, uid)
      );
      CREATE INDEX endpoints_by_app ON endpoints.endpoints (app_id, id);
    `,
  },
  {
    name: '0002_event_types',
    up: `
      -- The installation's event-type catalogue, projected from its event-type.* events.
      CREATE TABLE endpoints.event_types (
        name text PRIMARY KEY,
        description text NOT NULL DEFAULT '',
        group_name text,
        schemas jsonb NOT NULL DEFAULT '{}',
        example jsonb,
        deprecated boolean NOT NULL DEFAULT false,
        archived boolean NOT NULL DEFAULT false,
        stream_version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      -- A deleted application keeps its row (its id stays reserved, its history readable).
      ALTER TABLE endpoints.applications ADD COLUMN deleted_at timestamptz;
      -- The audit log reads an application's events newest first.
      CREATE INDEX events_by_application ON endpoints.events (application_id, global_position DESC);
    `,
  },
  eventStoreWithoutEventIdIndex(ENDPOINTS_SCHEMA),
  requestIdempotencyMigration(ENDPOINTS_SCHEMA),
];

/** Where this service keeps custom header values: sealed, and sealed once if stored before. */
export const ENDPOINTS_STORED_HEADERS: StoredHeaders[] = [
  { table: 'endpoints.endpoints', key: 'id', column: 'headers' },
  {
    table: 'endpoints.events',
    key: 'global_position',
    column: 'data',
    field: 'headers',
    where: `type IN ('endpoint.created', 'endpoint.updated')`,
  },
];
