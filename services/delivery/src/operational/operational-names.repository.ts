import type { Sql } from '@hookport/platform';

export interface NamedEndpoint {
  uid: string | null;
  disabled: boolean;
}

/**
 * Application and endpoint uids (and whether each endpoint is disabled) as the operational
 * webhooks name them: delivery's endpoint projection keeps neither uids nor history.
 */
export const loadOperationalNames = async (
  sql: Sql,
  appIds: string[],
  endpointIds: string[],
  messageIds: string[],
) => {
  const [apps, endpoints, messages] = await Promise.all([
    sql.query<{ id: string; uid: string | null }>(
      'SELECT id, uid FROM delivery.operational_apps WHERE id = ANY($1::text[])',
      [appIds],
    ),
    sql.query<{ id: string; uid: string | null; disabled: boolean }>(
      'SELECT id, uid, disabled FROM delivery.operational_endpoints WHERE id = ANY($1::text[])',
      [endpointIds],
    ),
    sql.query<{ id: string; event_id: string | null }>(
      'SELECT id, event_id FROM delivery.messages WHERE id = ANY($1::text[])',
      [messageIds],
    ),
  ]);
  return {
    appUids: new Map(apps.rows.map((row) => [row.id, row.uid])),
    endpoints: new Map<string, NamedEndpoint>(
      endpoints.rows.map((row) => [row.id, { uid: row.uid, disabled: row.disabled }]),
    ),
    messageEventIds: new Map(messages.rows.map((row) => [row.id, row.event_id])),
  };
};

export const saveApplicationName = (sql: Sql, appId: string, uid: string | null) =>
  sql.query(
    `INSERT INTO delivery.operational_apps (id, uid) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET uid = EXCLUDED.uid`,
    [appId, uid],
  );

export const forgetApplicationNames = async (sql: Sql, appId: string) => {
  await sql.query('DELETE FROM delivery.operational_apps WHERE id = $1', [appId]);
  await sql.query('DELETE FROM delivery.operational_endpoints WHERE app_id = $1', [appId]);
};

/** Only a newer stream version replaces a row: a replayed older event changes nothing. */
export const saveEndpointName = (
  sql: Sql,
  endpoint: { id: string; appId: string; uid: string | null; disabled: boolean; version: number },
) =>
  sql.query(
    `INSERT INTO delivery.operational_endpoints (id, app_id, uid, disabled, stream_version)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET uid = EXCLUDED.uid, disabled = EXCLUDED.disabled,
       stream_version = EXCLUDED.stream_version
     WHERE delivery.operational_endpoints.stream_version < EXCLUDED.stream_version`,
    [endpoint.id, endpoint.appId, endpoint.uid, endpoint.disabled, endpoint.version],
  );

export const forgetEndpointName = (sql: Sql, endpointId: string) =>
  sql.query('DELETE FROM delivery.operational_endpoints WHERE id = $1', [endpointId]);
