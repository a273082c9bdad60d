import { idFloorAt } from '@hookport/contracts';
import type { Database, Logger } from '@hookport/platform';

const BATCH = 5_000;

/**
 * Purges messages (with their deliveries), attempts and stats older than the retention period,
 * in batches so that no statement holds locks for long. Ids sort by creation time, so "older
 * than" is a range on the primary key. Also forgets inbox entries (which events the projection
 * consumed) older than the inbox retention.
 */
export class RetentionSweep {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly retentionDays: number,
    private readonly everySeconds: number,
    private readonly inboxRetentionHours: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.everySeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; returns how many rows of each kind went. */
  async runOnce(
    now = new Date(),
  ): Promise<{ messages: number; attempts: number; stats: number; inbox: number }> {
    if (this.running) return { messages: 0, attempts: 0, stats: 0, inbox: 0 };
    const cutoff = new Date(now.getTime() - this.retentionDays * 86_400_000);
    const sweep = (async () => {
      const attempts = await this.inBatches(
        `DELETE FROM logs.attempts WHERE id IN (
           SELECT id FROM logs.attempts WHERE id < $1 ORDER BY id LIMIT ${BATCH})`,
        idFloorAt('attempt', cutoff),
      );
      const messages = await this.inBatches(
        `WITH doomed AS (SELECT id FROM logs.messages WHERE id < $1 LIMIT ${BATCH}),
              gone AS (DELETE FROM logs.deliveries WHERE message_id IN (SELECT id FROM doomed))
         DELETE FROM logs.messages WHERE id IN (SELECT id FROM doomed)`,
        idFloorAt('message', cutoff),
      );
      const stats = await this.inBatches(
        `DELETE FROM logs.endpoint_stats WHERE (endpoint_id, bucket) IN (
           SELECT endpoint_id, bucket FROM logs.endpoint_stats WHERE bucket < $1 LIMIT ${BATCH})`,
        cutoff,
      );
      const inbox = await this.inBatches(
        `DELETE FROM logs.consumed_events WHERE (consumer, event_id) IN (
           SELECT consumer, event_id FROM logs.consumed_events WHERE consumed_at < $1 LIMIT ${BATCH})`,
        new Date(now.getTime() - this.inboxRetentionHours * 3_600_000),
      );
      if (messages + attempts + stats + inbox > 0)
        this.logger.info({ messages, attempts, stats, inbox, cutoff }, 'retention: purged');
      return { messages, attempts, stats, inbox };
    })();
    this.running = sweep.catch((error: unknown) =>
      this.logger.warn({ err: error }, 'retention sweep failed; next run retries'),
    );
    try {
      return await sweep;
    } finally {
      this.running = null;
    }
  }

  private async inBatches(statement: string, bound: unknown): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.db.query(statement, [bound]);
      total += rowCount;
      if (rowCount < BATCH) return total;
    }
  }
}
