import { describe, expect, it } from 'vitest';

import { statsBuckets } from './stats-buckets';
import type { EndpointStatsOut } from '@hookport/client/types';

const stats = (series: EndpointStatsOut['series']): EndpointStatsOut => ({
  success: 0,
  pending: 0,
  sending: 0,
  fail: 0,
  canceled: 0,
  since: '2026-12-07T10:30:00.000Z',
  until: '2026-12-08T10:30:00.000Z',
  granularity: 'hour',
  latencyMs: { p50: null, p95: null, p99: null },
  series,
});

describe('statsBuckets', () => {
  it('has a bucket for every hour of the range, empty ones included', () => {
    const buckets = statsBuckets(
      stats([{ start: '2026-12-07T13:00:00.000Z', success: 3, fail: 1, p50: 12, p95: 40 }]),
    );
    expect(buckets).toHaveLength(25);
    expect(buckets[0]?.start.toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(buckets[3]).toMatchObject({ success: 3, fail: 1, p50: 12, p95: 40 });
    expect(buckets[4]).toMatchObject({ success: 0, fail: 0, p50: null, p95: null });
  });

  it('ignores a point outside the range rather than drawing it at an edge', () => {
    const buckets = statsBuckets(
      stats([{ start: '2026-12-09T00:00:00.000Z', success: 9, fail: 0, p50: 1, p95: 1 }]),
    );
    expect(buckets.reduce((sum, bucket) => sum + bucket.success, 0)).toBe(0);
  });
});
