// The retention sweep's statements: each deletes at most one batch below the bound $1, so that
// no statement holds locks for long (deleteInBatches repeats it until less than a batch goes).

export const PURGE_BATCH = 5_000;

export const PURGE_ATTEMPTS_BEFORE = `DELETE FROM logs.attempts WHERE id IN (
   SELECT id FROM logs.attempts WHERE id < $1 ORDER BY id LIMIT ${PURGE_BATCH})`;

/** Messages with their deliveries. */
export const PURGE_MESSAGES_BEFORE = `WITH doomed AS (SELECT id FROM logs.messages WHERE id < $1 LIMIT ${PURGE_BATCH}),
      gone AS (DELETE FROM logs.deliveries WHERE message_id IN (SELECT id FROM doomed))
 DELETE FROM logs.messages WHERE id IN (SELECT id FROM doomed)`;

export const PURGE_STATS_BEFORE = `DELETE FROM logs.endpoint_stats WHERE (endpoint_id, bucket) IN (
   SELECT endpoint_id, bucket FROM logs.endpoint_stats WHERE bucket < $1 LIMIT ${PURGE_BATCH})`;
