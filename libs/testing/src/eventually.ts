export interface EventuallyOptions {
  /** Give up after this long. Default 15 s. */
  timeoutMs?: number;
  /** Pause between two attempts. Default 50 ms. */
  intervalMs?: number;
  /** Prefixed to the last error when giving up, to say what was awaited. */
  message?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_INTERVAL_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const toError = (value: unknown): Error =>
  value instanceof Error ? value : new Error(`check threw a non-error: ${String(value)}`);

/** Marks an attempt that was still running when the deadline passed. */
const STILL_RUNNING = Symbol('still-running');

/**
 * Retries `check` until it returns without throwing (and, when it returns a boolean, returns
 * `true`), then resolves with its result. This is how tests wait for asynchronous effects
 * (a delivery, a projection catching up) instead of sleeping a fixed time.
 *
 * On timeout it throws the last error itself, its message prefixed with `options.message`, so
 * an `expect` inside `check` still shows its diff in the test report.
 */
export const eventually = async <T>(
  check: () => Promise<T> | T,
  options: EventuallyOptions = {},
): Promise<T> => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const deadline = performance.now() + timeoutMs;
  // An attempt may run past the deadline by this much, so a check started just before it (the
  // usual last attempt) gets to report its real failure instead of being cut off.
  const graceMs = Math.min(1_000, timeoutMs);
  let lastError: Error | undefined;
  let hung = false;
  let attempts = 0;

  for (;;) {
    attempts += 1;
    let deadlineTimer: NodeJS.Timeout | undefined;
    try {
      // A check that hangs (a request to a dead process) must not outlive the deadline, or the
      // test would fail on the runner's timeout with no hint of what it was waiting for.
      const outcome = await Promise.race([
        Promise.resolve().then(check),
        new Promise<typeof STILL_RUNNING>((resolve) => {
          const bound = Math.max(deadline - performance.now(), graceMs);
          deadlineTimer = setTimeout(() => resolve(STILL_RUNNING), bound);
        }),
      ]);
      if (outcome === STILL_RUNNING) {
        hung = true;
        break;
      }
      if (outcome === false) throw new Error('check returned false');
      return outcome;
    } catch (error) {
      lastError = toError(error);
    } finally {
      clearTimeout(deadlineTimer);
    }
    const remaining = deadline - performance.now();
    if (remaining <= 0) break;
    await sleep(Math.min(intervalMs, remaining));
  }

  const what = options.message ?? 'condition not met';
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
  const prefix = `${what} (gave up after ${timeoutMs} ms, ${tries}${hung ? ', the last one still running' : ''})`;
  const error = lastError ?? new Error('the check never completed');
  const original = error.message;
  error.message = `${prefix}: ${original}`;
  // V8 renders the message into `stack` when the error is created; keep the two consistent.
  const frames = error.stack?.indexOf('\n    at ') ?? -1;
  if (error.stack && frames >= 0) {
    error.stack = `${error.name}: ${error.message}${error.stack.slice(frames)}`;
  }
  throw error;
};
