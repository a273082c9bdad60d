import {
  hookportHeaderNames,
  sealStoredHeaderValues,
  type SecretBox,
  type Sql,
} from '@hookport/platform';

/** Custom header values of attempt records written before they were sealed. */
export const sealAttemptHeaderValues = async (sql: Sql, box: SecretBox): Promise<void> => {
  await sealStoredHeaderValues(sql, box, {
    table: 'logs.attempts',
    key: 'id',
    column: 'request_headers',
    keepClear: hookportHeaderNames,
  });
};
