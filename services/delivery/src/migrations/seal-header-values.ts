import {
  hookportHeaderNames,
  sealStoredHeaderValues,
  type SecretBox,
  type Sql,
} from '@hookport/platform';

/** Custom header values written before they were sealed: the endpoint copies and attempt events. */
export const sealDeliveryHeaderValues = async (sql: Sql, box: SecretBox): Promise<void> => {
  await sealStoredHeaderValues(sql, box, {
    table: 'delivery.endpoints',
    key: 'id',
    column: 'headers',
  });
  await sealStoredHeaderValues(sql, box, {
    table: 'delivery.events',
    key: 'global_position',
    column: 'data',
    field: 'requestHeaders',
    where: `type = 'delivery.attempted'`,
    keepClear: hookportHeaderNames,
  });
};
