import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  it('grants a burst, then one token per 1/rate seconds, and says how long to wait', () => {
    let now = 0;
    const buckets = new TokenBuckets(2, 3, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(500);
    now += 499;
    expect(buckets.take('a')).toBeGreaterThan(0);
    now += 1;
    expect(buckets.take('a')).toBe(0);
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets(1, 1, () => 0);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1000);
    expect(buckets.take('b')).toBe(0);
  });

  it('forgets idle keys once their buckets are full again', () => {
    let now = 0;
    const buckets = new TokenBuckets(1000, 1, () => now);
    for (let i = 0; i < 9_999; i += 1) buckets.take(`key-${i}`);
    expect(buckets.size).toBe(9_999);
    now += 10;
    buckets.take('last');
    expect(buckets.size).toBeLessThan(10);
  });
});
