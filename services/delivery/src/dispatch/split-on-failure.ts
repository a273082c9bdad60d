export interface SplitOnFailureOptions<T> {
  /**
   * True when the database refused the write itself (a constraint, data it cannot take):
   * writing the same items again cannot help, unlike after a lost connection or a deadlock.
   */
  isRefusal: (error: unknown) => boolean;
  /** Failures in a row after which a batch that was not refused is given up. */
  giveUpAfter: number;
  /** The wait before the next try after `failures` failures. */
  backoffMs: (failures: number) => number;
  onFailure: (error: unknown, failures: number, size: number) => void;
  onGiveUp: (items: T[], error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Writes `items` with `write`, retrying with backoff. A refused batch is written again as two
 * halves, and so on down to the single item refused, which alone is given up: one item the
 * database will never take then costs only itself, instead of holding its whole batch, and every
 * batch after it, through all the retries. Anything else (an outage) is retried whole.
 * `first` is true for the part holding the batch's first item, so the caller's once-per-batch
 * work goes with exactly one part.
 */
export const writeSplittingOnFailure = async <T>(
  items: T[],
  write: (part: T[], first: boolean) => Promise<void>,
  options: SplitOnFailureOptions<T>,
  first = true,
): Promise<void> => {
  const sleep = options.sleep ?? defaultSleep;
  for (let failures = 1; ; failures += 1) {
    try {
      await write(items, first);
      return;
    } catch (error) {
      options.onFailure(error, failures, items.length);
      if (options.isRefusal(error) && items.length > 1) {
        const half = Math.ceil(items.length / 2);
        await writeSplittingOnFailure(items.slice(0, half), write, options, first);
        await writeSplittingOnFailure(items.slice(half), write, options, false);
        return;
      }
      if (options.isRefusal(error) || failures >= options.giveUpAfter) {
        options.onGiveUp(items, error);
        return;
      }
      await sleep(options.backoffMs(failures));
    }
  }
};
