/**
 * Attempt durations are counted in fixed buckets (upper bounds in ms, plus one open-ended
 * bucket), so that per-minute rows can be added up over any range and percentiles estimated
 * from the sum without keeping every duration.
 */
export const LATENCY_BOUNDS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000];

export const emptyHistogram = (): number[] =>
  new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);

export const bucketOf = (durationMs: number): number => {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => durationMs <= bound);
  return index === -1 ? LATENCY_BOUNDS_MS.length : index;
};

export const addHistograms = (into: number[], from: number[]): number[] => {
  for (let i = 0; i < into.length; i += 1) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
  return into;
};

/** The fastest and slowest attempt a histogram counts (each per-minute row keeps both). */
export interface ObservedRange {
  minMs: number | null;
  maxMs: number | null;
}

/**
 * The duration below which `quantile` (0..1) of the attempts fall, interpolated linearly inside
 * its bucket, the bucket narrowed to the durations actually seen: a lone 15 s attempt is 15 s,
 * not the middle of the 10-30 s bucket, an 8 ms one 8 ms, not 5. Null without attempts.
 */
export const percentile = (
  histogram: number[],
  quantile: number,
  observed: ObservedRange = { minMs: null, maxMs: null },
): number | null => {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = quantile * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i += 1) {
    const count = histogram[i] ?? 0;
    if (count > 0 && seen + count >= rank) {
      let lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]!;
      // The open-ended bucket ends at the slowest attempt seen, or at its lower bound.
      let upper = LATENCY_BOUNDS_MS[i] ?? observed.maxMs ?? lower;
      if (observed.minMs !== null) lower = Math.min(upper, Math.max(lower, observed.minMs));
      if (observed.maxMs !== null) upper = Math.max(lower, Math.min(upper, observed.maxMs));
      return Math.round(lower + ((rank - seen) / count) * (upper - lower));
    }
    seen += count;
  }
  return observed.maxMs ?? LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
};
