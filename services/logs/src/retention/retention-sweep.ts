import { idFloorAt } from '@hookport/contracts';
import { deleteInBatches, PeriodicSweep, type Database, type Logger } from '@hookport/platform';

const BATCH = 5_000;

export interface RetentionCounts {
  messages: number;
  attempts: number;
  stats: number;
}

/**
 * Purges messages (with their deliveries), attempts and stats older than the retention period,
 * in batches so that no statement holds locks for long. Ids sort by creation time, so "older
 * than" is a range on the primary key.
 */
export class RetentionSweep extends PeriodicSweep<RetentionCounts> {
  constructor(db: Database, logger: Logger, retentionDays: number, everySeconds: number) {
    const purge = (statement: string, bound: unknown) =>
      deleteInBatches(db, statement, [bound], BATCH);
    super(
      logger,
      everySeconds,
      async (now) => {
        const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
        const attempts = await purge(
          `DELETE FROM logs.attempts WHERE id IN (
             SELECT id FROM logs.attempts WHERE id < $1 ORDER BY id LIMIT ${BATCH})`,
          idFloorAt('attempt', cutoff),
        );
        const messages = await purge(
          `WITH doomed AS (SELECT id FROM logs.messages WHERE id < $1 LIMIT ${BATCH}),
                gone AS (DELETE FROM logs.deliveries WHERE message_id IN (SELECT id FROM doomed))
           DELETE FROM logs.messages WHERE id IN (SELECT id FROM doomed)`,
          idFloorAt('message', cutoff),
        );
        const stats = await purge(
          `DELETE FROM logs.endpoint_stats WHERE (endpoint_id, bucket) IN (
             SELECT endpoint_id, bucket FROM logs.endpoint_stats WHERE bucket < $1 LIMIT ${BATCH})`,
          cutoff,
        );
        if (messages + attempts + stats > 0)
          logger.info({ messages, attempts, stats, cutoff }, 'retention: purged');
        return { messages, attempts, stats };
      },
      { messages: 0, attempts: 0, stats: 0 },
    );
  }
}
