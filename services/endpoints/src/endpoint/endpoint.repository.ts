import type { EndpointOut } from '@hookport/contracts';
import type { Sql } from '@hookport/platform';

interface EndpointRow {
  id: string;
  uid: string | null;
  url: string;
  description: string;
  version: number;
  filter_types: string[] | null;
  channels: string[] | null;
  rate_limit: number | null;
  disabled: boolean;
  metadata: Record<string, string>;
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
  channels: row.channels,
  rateLimit: row.rate_limit,
  disabled: row.disabled,
  metadata: row.metadata,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const findEndpoint = async (
  sql: Sql,
  appId: string,
  idOrUid: string,
): Promise<EndpointOut | null> => {
  const { rows } = await sql.query<EndpointRow>(
    'SELECT * FROM endpoints.endpoints WHERE app_id = $1 AND (id = $2 OR uid = $2) LIMIT 1',
    [appId, idOrUid],
  );
  return rows[0] ? toEndpointOut(rows[0]) : null;
};
