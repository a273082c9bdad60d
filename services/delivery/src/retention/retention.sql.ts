// The retention sweep's statements: each deletes at most one batch below its bound, so that no
// statement holds locks for long (deleteInBatches repeats it until less than a batch goes).

export const PURGE_BATCH = 5_000;

/** Messages (ids sort by creation time) below $1, with their queued deliveries. */
export const PURGE_MESSAGES_BEFORE = `WITH doomed AS (SELECT id FROM delivery.messages WHERE id < $1 ORDER BY id LIMIT ${PURGE_BATCH}),
                gone AS (DELETE FROM delivery.deliveries WHERE message_id IN (SELECT id FROM doomed))
           DELETE FROM delivery.messages WHERE id IN (SELECT id FROM doomed)`;

/**
 * Events that occurred before $1, oldest first, and only those the relay has published to the
 * topic $2: the batch stops at the first recent event.
 */
export const PURGE_PUBLISHED_EVENTS_BEFORE = `WITH oldest AS (
             SELECT global_position, occurred_at, transaction_id FROM delivery.events
              ORDER BY global_position LIMIT ${PURGE_BATCH}
           ), doomed AS (
             SELECT global_position FROM oldest
              WHERE occurred_at < $1
                AND transaction_id < (SELECT transaction_id FROM delivery.outbox_checkpoint WHERE name = $2)
           )
           DELETE FROM delivery.events WHERE global_position IN (SELECT global_position FROM doomed)`;

export const PURGE_BACKGROUND_TASKS_BEFORE = `DELETE FROM delivery.background_tasks WHERE id IN (
             SELECT id FROM delivery.background_tasks WHERE created_at < $1 LIMIT ${PURGE_BATCH})`;

export const PURGE_IDEMPOTENCY_KEYS_BEFORE = `DELETE FROM delivery.idempotency_keys WHERE (app_id, key) IN (
             SELECT app_id, key FROM delivery.idempotency_keys WHERE created_at < $1 LIMIT ${PURGE_BATCH})`;
