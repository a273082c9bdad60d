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
