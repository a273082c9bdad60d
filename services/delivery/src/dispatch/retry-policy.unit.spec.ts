import { describe, expect, it } from 'vitest';
import { nextAttemptDelayMs } from './retry-policy';

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
