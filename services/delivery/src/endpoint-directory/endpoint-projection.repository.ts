import type { SecretMaterial } from '@hookport/contracts';
import type { Sql } from '@hookport/platform';

/** Delivery's durable copy of an endpoint's configuration (header values sealed). */
export interface EndpointRow {
  id: string;
  app_id: string;
  url: string;
  filter_types: string[] | null;
  channels: string[] | null;
  disabled: boolean;
  rate_limit: number | null;
  headers: Record<string, string>;
  secrets: SecretMaterial[];
}

/** How far the projection got for each application (see EndpointDirectory.advance). */
export const readApplicationPositions = async (
  sql: Sql,
): Promise<{ id: string; position: string }[]> => {
  const { rows } = await sql.query<{ id: string; position: string }>(
    'SELECT id, position::text FROM delivery.applications',
  );
  return rows;
};

export const readEndpointRows = async (
  sql: Sql,
): Promise<(EndpointRow & { stream_version: number })[]> => {
  const { rows } = await sql.query<EndpointRow & { stream_version: number }>(
    'SELECT * FROM delivery.endpoints',
  );
  return rows;
};

/** Moves the application's position forward to `position`, never back. */
export const advanceApplicationPosition = async (
  sql: Sql,
  appId: string,
  position: string,
): Promise<void> => {
  await sql.query(
    `INSERT INTO delivery.applications (id, position) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET position = GREATEST(delivery.applications.position, EXCLUDED.position)`,
    [appId, position],
  );
};

/** Only a newer stream version replaces the row: a replayed older event changes nothing. */
export const upsertEndpointRow = async (
  sql: Sql,
  row: EndpointRow,
  streamVersion: number,
): Promise<void> => {
  await sql.query(
    `INSERT INTO delivery.endpoints
       (id, app_id, url, filter_types, channels, disabled, rate_limit, headers, secrets, stream_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET
       url = EXCLUDED.url, filter_types = EXCLUDED.filter_types, channels = EXCLUDED.channels,
       disabled = EXCLUDED.disabled, rate_limit = EXCLUDED.rate_limit,
       headers = EXCLUDED.headers, secrets = EXCLUDED.secrets,
       stream_version = EXCLUDED.stream_version
     WHERE delivery.endpoints.stream_version < EXCLUDED.stream_version`,
    [
      row.id,
      row.app_id,
      row.url,
      row.filter_types,
      row.channels,
      row.disabled,
      row.rate_limit,
      JSON.stringify(row.headers),
      JSON.stringify(row.secrets),
      streamVersion,
    ],
  );
};

export const rotateEndpointSecrets = async (
  sql: Sql,
  endpointId: string,
  secrets: SecretMaterial[],
  streamVersion: number,
): Promise<void> => {
  await sql.query(
    `UPDATE delivery.endpoints SET secrets = $2, stream_version = $3
      WHERE id = $1 AND stream_version < $3`,
    [endpointId, JSON.stringify(secrets), streamVersion],
  );
};

export const deleteEndpointRow = async (sql: Sql, endpointId: string): Promise<void> => {
  await sql.query('DELETE FROM delivery.endpoints WHERE id = $1', [endpointId]);
};

export const deleteApplicationEndpointRows = async (sql: Sql, appId: string): Promise<void> => {
  await sql.query('DELETE FROM delivery.endpoints WHERE app_id = $1', [appId]);
};
