import { describe, expect, it } from 'vitest';
import { nextAttemptDelayMs, retryAfterMs, retryDelayMs } from './retry-policy';

const schedule = [0, 5, 300, 1800];

describe('retry policy', () => {
  it('waits 5 s (±20 %) after the first attempt fails', () => {
    expect(nextAttemptDelayMs(schedule, 1, () => 0.5)).toBe(5000);
    expect(nextAttemptDelayMs(schedule, 1, () => 0)).toBe(4000);
    expect(nextAttemptDelayMs(schedule, 1, () => 1)).toBe(6000);
  });

  it('waits 5 minutes after the second attempt fails', () => {
    expect(nextAttemptDelayMs(schedule, 2, () => 0.5)).toBe(300_000);
  });

  it('gives up when the schedule is exhausted', () => {
    expect(nextAttemptDelayMs(schedule, 4)).toBeNull();
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  });

  it('ignores what it cannot read and caps what is too long', () => {
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('86400', now)).toBe(3_600_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('waits longer than the schedule when asked to, never shorter', () => {
    expect(retryDelayMs(schedule, 1, '60', () => 0.5)).toBe(60_000);
    expect(retryDelayMs(schedule, 2, '60', () => 0.5)).toBe(300_000);
    expect(retryDelayMs(schedule, 4, '60')).toBeNull();
  });
});
