/**
 * When the next attempt happens after `attempt` (1-based) failed, or null when the schedule is
 * exhausted. Delays get ±20 % jitter so a recovering endpoint is not hit by a synchronized wave.
 */
export const nextAttemptDelayMs = (
  scheduleSeconds: number[],
  attempt: number,
  random: () => number = Math.random,
): number | null => {
  const seconds = scheduleSeconds[attempt];
  if (seconds === undefined) return null;
  const jitter = 1 + (random() * 0.4 - 0.2);
  return Math.round(seconds * 1000 * jitter);
};

/** Answers that ask the sender to slow down: the endpoint's other deliveries wait too. */
export const THROTTLING_STATUSES = new Set([429, 502, 503, 504]);

/** The longest `Retry-After` honoured: beyond it, the schedule decides. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * `Retry-After` in milliseconds from now (delta-seconds or an HTTP date), capped at one hour;
 * null when absent or unreadable.
 */
export const retryAfterMs = (
  value: string | undefined,
  now: number = Date.now(),
): number | null => {
  if (!value) return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
};

/**
 * The delay before the next attempt: the schedule's, but never sooner than the endpoint asked
 * with `Retry-After`. Null when the schedule is exhausted (the endpoint's wish extends no
 * schedule).
 */
export const retryDelayMs = (
  scheduleSeconds: number[],
  attempt: number,
  retryAfter: string | undefined,
  random: () => number = Math.random,
  now: number = Date.now(),
): number | null => {
  const scheduled = nextAttemptDelayMs(scheduleSeconds, attempt, random);
  if (scheduled === null) return null;
  return Math.max(scheduled, retryAfterMs(retryAfter, now) ?? 0);
};
