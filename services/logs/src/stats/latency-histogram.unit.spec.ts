import { describe, expect, it } from 'vitest';
import { addHistograms, bucketOf, emptyHistogram, percentile } from './latency-histogram';

const histogramOf = (durations: number[]) => {
  const histogram = emptyHistogram();
  for (const duration of durations) histogram[bucketOf(duration)]! += 1;
  return histogram;
};

describe('latency histogram', () => {
  it('puts durations in the bucket of their upper bound, the slowest in the open one', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(10)).toBe(0);
    expect(bucketOf(11)).toBe(1);
    expect(bucketOf(30_000)).toBe(10);
    expect(bucketOf(90_000)).toBe(11);
  });

  it('estimates percentiles within the bucket that holds them', () => {
    // 90 fast attempts (under 10 ms) and 10 slow ones (between 250 and 500 ms).
    const histogram = histogramOf([
      ...new Array<number>(90).fill(5),
      ...new Array<number>(10).fill(400),
    ]);
    expect(percentile(histogram, 0.5)).toBeLessThanOrEqual(10);
    const p95 = percentile(histogram, 0.95)!;
    expect(p95).toBeGreaterThan(250);
    expect(p95).toBeLessThanOrEqual(500);
    expect(percentile(emptyHistogram(), 0.5)).toBeNull();
  });

  it('answers the durations actually seen, not the middle of a wide bucket', () => {
    // A lone attempt of about 15 s and one of 8 ms: the buckets are 10-30 s and 0-10 ms.
    expect(percentile(histogramOf([15_000]), 0.5, { minMs: 15_000, maxMs: 15_000 })).toBe(15_000);
    expect(percentile(histogramOf([8]), 0.5, { minMs: 8, maxMs: 8 })).toBe(8);
    // Several in one bucket: within the range they span.
    const p50 = percentile(histogramOf([12_000, 14_000, 16_000]), 0.5, {
      minMs: 12_000,
      maxMs: 16_000,
    })!;
    expect(p50).toBeGreaterThanOrEqual(12_000);
    expect(p50).toBeLessThanOrEqual(16_000);
    // Slower than every bound: the slowest seen, not the last bound.
    expect(percentile(histogramOf([90_000]), 0.99, { minMs: 90_000, maxMs: 90_000 })).toBe(90_000);
  });

  it('adds per-minute histograms into one', () => {
    const sum = addHistograms(histogramOf([5, 40]), histogramOf([5]));
    expect(sum[0]).toBe(2);
    expect(sum[2]).toBe(1);
  });
});
