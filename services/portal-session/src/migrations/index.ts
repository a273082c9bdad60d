import {
  eventStoreMigration,
  requestIdempotencyMigration,
  eventStoreWithoutEventIdIndex,
  type Migration,
} from '@hookport/platform';

export const PORTAL_SESSION_SCHEMA = 'portal_session';

export const PORTAL_SESSION_MIGRATIONS: Migration[] = [
  eventStoreMigration(PORTAL_SESSION_SCHEMA),
  {
    name: '0001_sessions',
    up: `
      -- Application names, projected from the endpoints service's events.
      CREATE TABLE portal_session.applications (
        id text PRIMARY KEY,
        name text NOT NULL
      );
      CREATE TABLE portal_session.sessions (
        id text PRIMARY KEY,
        app_id text NOT NULL,
        scopes text[] NOT NULL,
        metadata jsonb NOT NULL,
        return_url text,
        endpoint_ids text[],
        expires_at timestamptz NOT NULL,
        -- Only a hash of the one-time code is kept; the code itself travels once, in the URL.
        code_hash text NOT NULL UNIQUE,
        code_expires_at timestamptz NOT NULL,
        code_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sessions_by_app ON portal_session.sessions (app_id, created_at DESC);
    `,
  },
  {
    name: '0002_session_external_ids',
    up: `
      -- The operator's own session id (Svix's sessionId), for expire-all by that id.
      ALTER TABLE portal_session.sessions ADD COLUMN external_id text;
      CREATE INDEX sessions_by_external_id ON portal_session.sessions (app_id, external_id)
        WHERE external_id IS NOT NULL;
    `,
  },
  {
    name: '0003_grants_settings_api_keys',
    up: `
      -- Magic links and embed tokens are grants like sessions, but reusable until they expire:
      -- code_hash then holds the hash of their token, and code_expires_at equals expires_at.
      ALTER TABLE portal_session.sessions
        ADD COLUMN kind text NOT NULL DEFAULT 'session'
          CHECK (kind IN ('session', 'magic-link', 'embed-token')),
        ADD COLUMN name text,
        ADD COLUMN last_used_at timestamptz;
      CREATE INDEX sessions_by_app_kind ON portal_session.sessions (app_id, kind, created_at DESC);

      -- Portal settings: scope '*' is the installation, otherwise an application id.
      CREATE TABLE portal_session.settings (
        scope text PRIMARY KEY,
        settings jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Management API keys: only the SHA-256 of the secret is kept.
      CREATE TABLE portal_session.api_keys (
        id text PRIMARY KEY,
        name text NOT NULL,
        scopes text[] NOT NULL,
        key_hash text NOT NULL,
        prefix text NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  eventStoreWithoutEventIdIndex(PORTAL_SESSION_SCHEMA),
  requestIdempotencyMigration(PORTAL_SESSION_SCHEMA),
];
