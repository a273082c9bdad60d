interface Bucket {
  tokens: number;
  at: number;
  rate: number;
  burst: number;
}

/**
 * Token buckets by key: `ratePerSecond` tokens a second, holding at most `burst` (both may be
 * given per key, e.g. an endpoint's own rate limit). A full bucket is the same as no bucket, so
 * idle keys are forgotten and memory stays bounded by active keys.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private takes = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token: 0 when granted, else the milliseconds until one is available. */
  take(key: string, rate = this.ratePerSecond, burst = this.burst, now = this.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now, rate, burst };
    bucket.rate = rate;
    bucket.burst = burst;
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * rate) / 1000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (++this.takes % 10_000 === 0) this.forgetFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 1000) / rate);
  }

  get size(): number {
    return this.buckets.size;
  }

  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const refilled = bucket.tokens + ((now - bucket.at) * bucket.rate) / 1000;
      if (refilled >= bucket.burst) this.buckets.delete(key);
    }
  }
}
