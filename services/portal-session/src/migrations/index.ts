import { eventStoreMigration, type Migration } from '@hookport/platform';

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
];
