import type { Database } from '../database/database';
import type { Logger } from '../logging/logger';

/**
 * Runs a clean-up every `everySeconds` (never two at once, never keeping the process alive); a
 * failed run is logged and the next one retries. `runOnce` runs it now.
 */
export class PeriodicSweep<T> {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly everySeconds: number,
    private readonly sweep: (now: Date) => Promise<T>,
    /** What a run answers when another is still going. */
    private readonly skipped: T,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.everySeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async runOnce(now = new Date()): Promise<T> {
    if (this.running) return this.skipped;
    const run = this.sweep(now);
    this.running = run.catch((error: unknown) =>
      this.logger.warn({ err: error }, 'retention sweep failed; next run retries'),
    );
    try {
      return await run;
    } finally {
      this.running = null;
    }
  }
}

/**
 * Runs a DELETE that takes at most `batch` rows until one takes fewer, so that no statement
 * holds its locks for long; returns the rows deleted.
 */
export const deleteInBatches = async (
  db: Database,
  statement: string,
  params: unknown[],
  batch: number,
): Promise<number> => {
  let total = 0;
  for (;;) {
    const { rowCount } = await db.query(statement, params);
    total += rowCount;
    if (rowCount < batch) return total;
  }
};
