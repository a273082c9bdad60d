import type { Migration } from '../database/migrations';

/**
 * The event store of one service, which is also its outbox.
 *
 * `transaction_id` lets the relay read only what is committed, in commit-safe order: rows
 * below `pg_snapshot_xmin(pg_current_snapshot())` can no longer be joined by an in-flight
 * transaction that took a lower `global_position`.
 */
export const eventStoreMigration = (schema: string): Migration => ({
  name: '0000_event_store',
  up: `
    CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE TABLE ${schema}.events (
      global_position bigserial PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      event_id text NOT NULL UNIQUE,
      stream_id text NOT NULL,
      stream_position integer NOT NULL,
      application_id text,
      type text NOT NULL,
      schema_version integer NOT NULL,
      data jsonb NOT NULL,
      actor jsonb NOT NULL,
      correlation_id text,
      causation_id text,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (stream_id, stream_position)
    );
    CREATE INDEX events_outbox_order ON ${schema}.events (transaction_id, global_position);
    CREATE TABLE ${schema}.outbox_checkpoint (
      name text PRIMARY KEY,
      transaction_id xid8 NOT NULL,
      global_position bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE ${schema}.consumed_events (
      consumer text NOT NULL,
      event_id text NOT NULL,
      consumed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    );
  `,
});

/**
 * Drops the event store's unique index on `event_id`: ids are fresh ULIDs, nothing reads an
 * event by its id here (consumers deduplicate on their side), and the index cost every append
 * an index entry, about one WAL record of the ~30 a delivery writes. Appended to each
 * service's migrations after its own.
 */
export const eventStoreWithoutEventIdIndex = (schema: string): Migration => ({
  name: 'event_store_0001_without_event_id_index',
  up: `ALTER TABLE ${schema}.events DROP CONSTRAINT events_event_id_key;`,
});
