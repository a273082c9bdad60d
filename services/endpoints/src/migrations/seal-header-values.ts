import { sealStoredHeaderValues, type SecretBox, type Sql } from '@hookport/platform';

/** Custom header values written before they were sealed: the endpoints' rows and their events. */
export const sealEndpointHeaderValues = async (sql: Sql, box: SecretBox): Promise<void> => {
  await sealStoredHeaderValues(sql, box, {
    table: 'endpoints.endpoints',
    key: 'id',
    column: 'headers',
  });
  await sealStoredHeaderValues(sql, box, {
    table: 'endpoints.events',
    key: 'global_position',
    column: 'data',
    field: 'headers',
    where: `type IN ('endpoint.created', 'endpoint.updated')`,
  });
};
