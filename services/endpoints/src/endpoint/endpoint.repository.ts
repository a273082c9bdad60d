import type { EndpointCreatedV1, ListResponse, SecretMaterial } from '@hookport/contracts';
import {
  keysetPage,
  keysetWindow,
  type CommandOutcome,
  type ListOrder,
  type Sql,
} from '@hookport/platform';
import type { EndpointEvent, EndpointState } from './endpoint.decider';
import type { EndpointOut } from '@hookport/api-schema';

interface EndpointRow {
  id: string;
  app_id: string;
  uid: string | null;
  url: string;
  description: string;
  version: number;
  filter_types: string[] | null;
  channels: string[] | null;
  rate_limit: number | null;
  disabled: boolean;
  headers: Record<string, string>;
  metadata: Record<string, string>;
  secrets: SecretMaterial[];
  stream_version: number;
  created_at: Date;
  updated_at: Date;
}

const toEndpointOut = (row: EndpointRow): EndpointOut => ({
  id: row.id,
  uid: row.uid,
  url: row.url,
  description: row.description,
  version: row.version,
  filterTypes: row.filter_types,
  eventTypes: row.filter_types,
  channels: row.channels,
  rateLimit: row.rate_limit,
  throttleRate: row.rate_limit,
  disabled: row.disabled,
  metadata: row.metadata,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const toConfig = (row: EndpointRow): EndpointCreatedV1 => ({
  endpointId: row.id,
  appId: row.app_id,
  url: row.url,
  description: row.description,
  uid: row.uid,
  version: row.version,
  filterTypes: row.filter_types,
  channels: row.channels,
  rateLimit: row.rate_limit,
  disabled: row.disabled,
  headers: row.headers,
  metadata: row.metadata,
  secrets: row.secrets,
});

/** Restricts reads to the endpoints a portal session may see (null: all of the app's). */
export type EndpointScope = readonly string[] | null;

const selectOne = async (sql: Sql, appId: string, idOrUid: string, scope: EndpointScope) => {
  const { rows } = await sql.query<EndpointRow>(
    `SELECT * FROM endpoints.endpoints
      WHERE app_id = $1 AND (id = $2 OR uid = $2) AND ($3::text[] IS NULL OR id = ANY($3))
      ORDER BY (id = $2) DESC LIMIT 1`,
    [appId, idOrUid, scope],
  );
  return rows[0] ?? null;
};

export const findEndpoint = async (
  sql: Sql,
  appId: string,
  idOrUid: string,
  scope: EndpointScope = null,
): Promise<EndpointOut | null> => {
  const row = await selectOne(sql, appId, idOrUid, scope);
  return row ? toEndpointOut(row) : null;
};

/** The endpoint's aggregate state and stream version, from its current-state row. */
export const loadEndpoint = async (
  sql: Sql,
  appId: string,
  idOrUid: string,
  scope: EndpointScope = null,
): Promise<{ state: EndpointState; version: number; headers: Record<string, string> } | null> => {
  const row = await selectOne(sql, appId, idOrUid, scope);
  if (!row) return null;
  return {
    state: { status: 'active', endpoint: toConfig(row) },
    version: row.stream_version,
    headers: row.headers,
  };
};

/** The application's endpoints by id, oldest first, a keyset page at a time. */
export const listEndpoints = async (
  sql: Sql,
  appId: string,
  limit: number,
  iterator: string | undefined,
  scope: EndpointScope = null,
  order?: ListOrder,
): Promise<ListResponse<EndpointOut>> => {
  const window = keysetWindow(order, iterator);
  const { rows } = await sql.query<EndpointRow>(
    `SELECT * FROM endpoints.endpoints
      WHERE app_id = $1 AND ($2::text IS NULL OR id ${window.comparison} $2)
        AND ($3::text[] IS NULL OR id = ANY($3))
      ORDER BY id ${window.direction} LIMIT $4`,
    [appId, window.cursor, scope, limit + 1],
  );
  return keysetPage(rows, limit, window, (row) => row.id, toEndpointOut);
};

/**
 * Writes an endpoint command's outcome onto the current-state row, in the same transaction:
 * the state `evolveEndpoint` folded from the events (so the row is the fold of the stream).
 */
export const projectEndpoint = async (
  sql: Sql,
  outcome: CommandOutcome<EndpointState, EndpointEvent>,
): Promise<void> => {
  const last = outcome.events[outcome.events.length - 1]!.stored;
  const { state } = outcome;
  if (state.status === 'active') {
    const data = state.endpoint;
    await sql.query(
      `INSERT INTO endpoints.endpoints
         (id, app_id, uid, url, description, version, filter_types, channels, rate_limit, disabled,
          headers, metadata, secrets, stream_version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
       ON CONFLICT (id) DO UPDATE SET
         uid = EXCLUDED.uid, url = EXCLUDED.url, description = EXCLUDED.description,
         version = EXCLUDED.version, filter_types = EXCLUDED.filter_types,
         channels = EXCLUDED.channels, rate_limit = EXCLUDED.rate_limit,
         disabled = EXCLUDED.disabled, headers = EXCLUDED.headers, metadata = EXCLUDED.metadata,
         secrets = EXCLUDED.secrets, stream_version = EXCLUDED.stream_version,
         updated_at = EXCLUDED.updated_at`,
      [
        data.endpointId,
        data.appId,
        data.uid,
        data.url,
        data.description,
        data.version,
        data.filterTypes,
        data.channels,
        data.rateLimit,
        data.disabled,
        JSON.stringify(data.headers),
        JSON.stringify(data.metadata),
        JSON.stringify(data.secrets),
        last.streamPosition,
        last.occurredAt,
      ],
    );
  } else {
    await sql.query('DELETE FROM endpoints.endpoints WHERE id = $1', [outcome.streamId]);
  }
  // Other services wait for their projections to reach this position (read-your-writes).
  await sql.query(
    'UPDATE endpoints.applications SET last_position = GREATEST(last_position, $2) WHERE id = $1',
    [last.applicationId, last.globalPosition],
  );
};
