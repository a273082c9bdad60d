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

  it('adds per-minute histograms into one', () => {
    const sum = addHistograms(histogramOf([5, 40]), histogramOf([5]));
    expect(sum[0]).toBe(2);
    expect(sum[2]).toBe(1);
  });
});
