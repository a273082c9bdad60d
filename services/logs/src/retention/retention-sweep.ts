import { idFloorAt } from '@hookport/contracts';
import { deleteInBatches, PeriodicSweep, type Database, type Logger } from '@hookport/platform';

import {
  PURGE_ATTEMPTS_BEFORE,
  PURGE_MESSAGES_BEFORE,
  PURGE_STATS_BEFORE,
  PURGE_BATCH,
} from './retention.sql';

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
      deleteInBatches(db, statement, [bound], PURGE_BATCH);
    super(
      logger,
      everySeconds,
      async (now) => {
        const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
        const attempts = await purge(PURGE_ATTEMPTS_BEFORE, idFloorAt('attempt', cutoff));
        const messages = await purge(PURGE_MESSAGES_BEFORE, idFloorAt('message', cutoff));
        const stats = await purge(PURGE_STATS_BEFORE, cutoff);
        if (messages + attempts + stats > 0)
          logger.info({ messages, attempts, stats, cutoff }, 'retention: purged');
        return { messages, attempts, stats };
      },
      { messages: 0, attempts: 0, stats: 0 },
    );
  }
}
