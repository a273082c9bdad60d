import { OPERATIONAL_APP_ID, type ListResponse } from '@hookport/contracts';
import {
  keysetPage,
  keysetWindow,
  type CommandOutcome,
  type ListOrder,
  type Sql,
} from '@hookport/platform';
import type { ApplicationEvent, ApplicationState } from './application.decider';
import type { ApplicationOut } from '@hookport/api-schema';

interface ApplicationRow {
  stream_version: number;
  id: string;
  uid: string | null;
  name: string;
  rate_limit: number | null;
  metadata: Record<string, string>;
  last_position: string;
  created_at: Date;
  updated_at: Date;
}

export interface ApplicationRecord {
  app: ApplicationOut;
  /** See endpoints.applications.last_position. */
  position: string;
}

// Named, not `*`: these statements are prepared, and a prepared `SELECT *` fails once a
// migration adds a column under a running replica.
const APPLICATION_COLUMNS =
  'id, uid, name, rate_limit, metadata, stream_version, last_position, created_at, updated_at';

// The operational webhooks' internal application is no customer's: no lookup, list or change of
// applications finds it (only its endpoints' owner check does, see findEndpointOwner).
const IS_CUSTOMER_APP = `id <> '${OPERATIONAL_APP_ID}'`;

const toRecord = (row: ApplicationRow): ApplicationRecord => ({
  app: {
    id: row.id,
    uid: row.uid,
    name: row.name,
    rateLimit: row.rate_limit,
    throttleRate: row.rate_limit,
    metadata: row.metadata,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  },
  position: String(row.last_position),
});

/** Reads of the applications table (the current state projected with the events). */
export const findApplication = async (
  sql: Sql,
  idOrUid: string,
): Promise<ApplicationRecord | null> => {
  const { rows } = await sql.query<ApplicationRow>(
    `SELECT ${APPLICATION_COLUMNS} FROM endpoints.applications
      WHERE (id = $1 OR uid = $1) AND deleted_at IS NULL AND ${IS_CUSTOMER_APP}
      ORDER BY (id = $1) DESC LIMIT 1`,
    [idOrUid],
    { prepare: true },
  );
  return rows[0] ? toRecord(rows[0]) : null;
};

/**
 * Several ids or uids at once (the gateway batches the lookups of concurrent requests): one
 * answer per key, in order, null where none matches. An id wins over another application's uid,
 * as in `findApplication`.
 */
export const findApplications = async (
  sql: Sql,
  keys: string[],
): Promise<(ApplicationRecord | null)[]> => {
  const { rows } = await sql.query<ApplicationRow>(
    `SELECT ${APPLICATION_COLUMNS} FROM endpoints.applications
      WHERE (id = ANY($1::text[]) OR uid = ANY($1::text[])) AND deleted_at IS NULL
        AND ${IS_CUSTOMER_APP}`,
    [keys],
    { prepare: true },
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const byUid = new Map(rows.flatMap((row) => (row.uid === null ? [] : [[row.uid, row]])));
  return keys.map((key) => {
    const row = byId.get(key) ?? byUid.get(key);
    return row ? toRecord(row) : null;
  });
};

/**
 * The application an endpoint is created in: a customer's (by id or uid, as findApplication) or
 * the operational webhooks' internal one (by its id).
 */
export const findEndpointOwner = async (
  sql: Sql,
  idOrUid: string,
): Promise<ApplicationRecord | null> => {
  if (idOrUid !== OPERATIONAL_APP_ID) return findApplication(sql, idOrUid);
  const { rows } = await sql.query<ApplicationRow>(
    `SELECT ${APPLICATION_COLUMNS} FROM endpoints.applications WHERE id = $1`,
    [OPERATIONAL_APP_ID],
  );
  return rows[0] ? toRecord(rows[0]) : null;
};

/** The application's aggregate state and stream version, from its current-state row. */
export const loadApplication = async (
  sql: Sql,
  idOrUid: string,
): Promise<{ version: number; state: ApplicationState & { status: 'active' } } | null> => {
  const { rows } = await sql.query<ApplicationRow>(
    `SELECT ${APPLICATION_COLUMNS} FROM endpoints.applications
      WHERE (id = $1 OR uid = $1) AND deleted_at IS NULL AND ${IS_CUSTOMER_APP}
      ORDER BY (id = $1) DESC LIMIT 1`,
    [idOrUid],
    { prepare: true },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    version: row.stream_version,
    state: {
      status: 'active',
      application: {
        appId: row.id,
        name: row.name,
        uid: row.uid,
        metadata: row.metadata,
        rateLimit: row.rate_limit,
      },
    },
  };
};

/** Applications by id, oldest first, a keyset page at a time. */
export const listApplications = async (
  sql: Sql,
  limit: number,
  iterator: string | undefined,
  order?: ListOrder,
): Promise<ListResponse<ApplicationOut>> => {
  const window = keysetWindow(order, iterator);
  // Four texts at most (comparison and direction): each may be prepared.
  const { rows } = await sql.query<ApplicationRow>(
    `SELECT ${APPLICATION_COLUMNS} FROM endpoints.applications
      WHERE deleted_at IS NULL AND ${IS_CUSTOMER_APP}
        AND ($1::text IS NULL OR id ${window.comparison} $1)
      ORDER BY id ${window.direction} LIMIT $2`,
    [window.cursor, limit + 1],
    { prepare: true },
  );
  return keysetPage(
    rows,
    limit,
    window,
    (row) => row.id,
    (row) => toRecord(row).app,
  );
};

/** A deleted application, by id (its uid was freed): for reading the history it left. */
export const findDeletedApplication = async (
  sql: Sql,
  id: string,
): Promise<ApplicationRecord | null> => {
  const { rows } = await sql.query<ApplicationRow>(
    'SELECT * FROM endpoints.applications WHERE id = $1 AND deleted_at IS NOT NULL',
    [id],
  );
  return rows[0] ? toRecord(rows[0]) : null;
};

/**
 * Writes an application command's outcome onto its row, in the same transaction: the state
 * `evolveApplication` folded from the events. Deleting removes the application's endpoints
 * from the current state (delivery stops at once) and frees its uid; the id stays reserved.
 */
export const projectApplication = async (
  sql: Sql,
  outcome: CommandOutcome<ApplicationState, ApplicationEvent>,
): Promise<void> => {
  const { streamPosition, globalPosition, occurredAt } =
    outcome.events[outcome.events.length - 1]!.stored;
  const { state } = outcome;
  if (state.status === 'active') {
    const { application } = state;
    await sql.query(
      `INSERT INTO endpoints.applications
         (id, uid, name, rate_limit, metadata, stream_version, last_position, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (id) DO UPDATE SET
         name = EXCLUDED.name, uid = EXCLUDED.uid, rate_limit = EXCLUDED.rate_limit,
         metadata = EXCLUDED.metadata, stream_version = EXCLUDED.stream_version,
         last_position = EXCLUDED.last_position, updated_at = EXCLUDED.updated_at`,
      [
        application.appId,
        application.uid,
        application.name,
        application.rateLimit,
        JSON.stringify(application.metadata),
        streamPosition,
        globalPosition,
        occurredAt,
      ],
    );
    return;
  }
  await sql.query('DELETE FROM endpoints.endpoints WHERE app_id = $1', [outcome.streamId]);
  await sql.query(
    `UPDATE endpoints.applications SET deleted_at = $2, uid = NULL, stream_version = $3,
       last_position = $4 WHERE id = $1`,
    [outcome.streamId, occurredAt, streamPosition, globalPosition],
  );
};
