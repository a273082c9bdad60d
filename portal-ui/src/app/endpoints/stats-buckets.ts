import type { EndpointStatsOut } from '@hookport/client/types';

/** Success rate in percent with one decimal, or null without attempts. */
export function successRate(success: number, fail: number): number | null {
  const total = success + fail;
  return total === 0 ? null : Math.round((success / total) * 1000) / 10;
}

/** One time bucket of the chart: its start, attempts and latency (null: no attempt then). */
export interface StatsBucket {
  start: Date;
  success: number;
  fail: number;
  p50: number | null;
  p95: number | null;
}

const BUCKET_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/**
 * Every bucket of the stats' range, in order: the API lists only buckets with attempts, and a
 * chart with gaps closed up would put 3 a.m. beside 9 a.m. An empty bucket counts 0 attempts
 * and has no latency.
 */
export function statsBuckets(stats: EndpointStatsOut): StatsBucket[] {
  const size = BUCKET_MS[stats.granularity];
  const since = Date.parse(stats.since);
  const until = Date.parse(stats.until);
  if (Number.isNaN(since) || Number.isNaN(until) || until <= since) return [];
  const first = Math.floor(since / size) * size;
  const count = Math.min(1_000, Math.ceil((until - first) / size));
  const buckets: StatsBucket[] = Array.from({ length: count }, (_, index) => ({
    start: new Date(first + index * size),
    success: 0,
    fail: 0,
    p50: null,
    p95: null,
  }));
  for (const point of stats.series) {
    const index = Math.floor((Date.parse(point.start) - first) / size);
    const bucket = buckets[index];
    if (!bucket) continue;
    bucket.success += point.success;
    bucket.fail += point.fail;
    bucket.p50 = point.p50;
    bucket.p95 = point.p95;
  }
  return buckets;
}
