import { HookportError, type Sql } from '@hookport/platform';
import {
  addHistograms,
  emptyHistogram,
  LATENCY_BOUNDS_MS,
  percentile,
  type ObservedRange,
} from './latency-histogram';
import type { StatsGranularity, StatsQuery, SuccessRatesQuery } from '@hookport/api-schema';
import type { EndpointStatsOut, EndpointSuccessRatesOut } from '@hookport/api-schema';

const STEP_MS: Record<StatsGranularity, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};
/** At most this many points in a series: a chart needs no more, and the query stays small. */
const MAX_POINTS = 1_500;
const PENDING_CAP = 10_000;

// One column per histogram bucket, summed by Postgres rather than shipped row by row.
const LATENCY_SUMS = Array.from(
  { length: LATENCY_BOUNDS_MS.length + 1 },
  (_, i) => `sum(latency[${i + 1}])::int AS l${i}`,
).join(', ');

interface PointRow extends Record<string, unknown> {
  start: Date;
  success: number;
  fail: number;
  min_ms: number | null;
  max_ms: number | null;
  /** Every row of the point has its range (rows from before migration 0011 have none). */
  observed: boolean;
}

const validation = (field: string, message: string) =>
  new HookportError('validation', message, [{ field, message }]);

/** An endpoint's attempts by outcome and latency over a time range, from the per-minute rows. */
export const endpointStats = async (
  sql: Sql,
  appId: string,
  endpointId: string,
  query: StatsQuery,
): Promise<EndpointStatsOut> => {
  const until = query.until ?? new Date();
  const since = query.since ?? new Date(until.getTime() - 86_400_000);
  if (since >= until) throw validation('since', 'since must be before until');
  const span = until.getTime() - since.getTime();
  const granularity =
    query.granularity ??
    (span <= 2 * 3_600_000 ? 'minute' : span <= 7 * 86_400_000 ? 'hour' : 'day');
  if (span / STEP_MS[granularity] > MAX_POINTS)
    throw validation(
      'granularity',
      `a ${granularity} series over this range exceeds ${MAX_POINTS} points`,
    );

  const { rows } = await sql.query<PointRow>(
    `SELECT date_trunc($4, bucket) AS start, sum(succeeded)::int AS success,
            sum(failed)::int AS fail, min(min_ms) AS min_ms, max(max_ms) AS max_ms,
            bool_and(min_ms IS NOT NULL) AS observed, ${LATENCY_SUMS}
       FROM logs.endpoint_stats
      WHERE endpoint_id = $1 AND app_id = $2 AND bucket >= $3 AND bucket < $5
      GROUP BY 1 ORDER BY 1`,
    [endpointId, appId, since, granularity, until],
  );
  const pending = await sql.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM (
       SELECT 1 FROM logs.deliveries
        WHERE endpoint_id = $1 AND app_id = $2 AND status IN ('pending', 'retrying')
        LIMIT ${PENDING_CAP}) capped`,
    [endpointId, appId],
  );
  // Deliveries of messages in the range canceled by a content expunge (unsettled: indexed).
  const canceled = await sql.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM (
       SELECT 1 FROM logs.deliveries
        WHERE endpoint_id = $1 AND app_id = $2 AND status = 'canceled'
          AND message_at >= $3 AND message_at < $4
        LIMIT ${PENDING_CAP}) capped`,
    [endpointId, appId, since, until],
  );
  const total = emptyHistogram();
  // Rows written before the range was kept have none: no narrowing for them.
  const overall: ObservedRange = { minMs: null, maxMs: null };
  let complete = true;
  let success = 0;
  let fail = 0;
  const series = rows.map((row) => {
    const histogram = emptyHistogram().map((_, i) => Number(row[`l${i}`] ?? 0));
    addHistograms(total, histogram);
    success += row.success;
    fail += row.fail;
    const observed: ObservedRange = row.observed
      ? { minMs: row.min_ms, maxMs: row.max_ms }
      : { minMs: null, maxMs: null };
    if (observed.minMs === null || observed.maxMs === null) complete = false;
    else {
      overall.minMs = Math.min(overall.minMs ?? observed.minMs, observed.minMs);
      overall.maxMs = Math.max(overall.maxMs ?? observed.maxMs, observed.maxMs);
    }
    return {
      start: row.start.toISOString(),
      success: row.success,
      fail: row.fail,
      p50: percentile(histogram, 0.5, observed),
      p95: percentile(histogram, 0.95, observed),
    };
  });
  const range = complete ? overall : undefined;
  return {
    success,
    pending: pending.rows[0]?.count ?? 0,
    sending: 0,
    canceled: canceled.rows[0]?.count ?? 0,
    fail,
    since: since.toISOString(),
    until: until.toISOString(),
    granularity,
    latencyMs: {
      p50: percentile(total, 0.5, range),
      p95: percentile(total, 0.95, range),
      p99: percentile(total, 0.99, range),
    },
    series,
  };
};

/** Every endpoint of an application: attempts by outcome since a time (default: 24 hours). */
export const endpointSuccessRates = async (
  sql: Sql,
  appId: string,
  query: SuccessRatesQuery,
): Promise<EndpointSuccessRatesOut> => {
  const since = query.since ?? new Date(Date.now() - 86_400_000);
  const { rows } = await sql.query<{ endpoint_id: string; success: number; fail: number }>(
    `SELECT endpoint_id, sum(succeeded)::int AS success, sum(failed)::int AS fail
       FROM logs.endpoint_stats WHERE app_id = $1 AND bucket >= date_trunc('minute', $2::timestamptz)
      GROUP BY endpoint_id ORDER BY endpoint_id`,
    [appId, since],
  );
  return {
    since: since.toISOString(),
    data: rows.map((row) => ({
      endpointId: row.endpoint_id,
      success: row.success,
      fail: row.fail,
    })),
  };
};
