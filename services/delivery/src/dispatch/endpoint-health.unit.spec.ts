import { describe, expect, it } from 'vitest';
import { EndpointHealthTracker } from './endpoint-health';

const HOUR = 3_600_000;

describe('EndpointHealthTracker', () => {
  it('warns on the first failure, disables after failing throughout the period, recovers on success', () => {
    const tracker = new EndpointHealthTracker(120 * HOUR);
    expect(tracker.record('ep', 'app', true, 0)).toBeNull();
    expect(tracker.record('ep', 'app', false, 1 * HOUR)).toMatchObject({
      health: 'failing',
      previous: 'healthy',
      failingSince: new Date(HOUR).toISOString(),
    });
    expect(tracker.record('ep', 'app', false, 60 * HOUR)).toBeNull();
    expect(tracker.record('ep', 'app', false, 121 * HOUR)).toMatchObject({
      health: 'disabled',
      previous: 'failing',
    });
    expect(tracker.record('ep', 'app', true, 122 * HOUR)).toMatchObject({
      health: 'healthy',
      previous: 'disabled',
      failingSince: null,
    });
  });

  it('says how long the policy is, readably even when it is minutes', () => {
    const long = new EndpointHealthTracker(120 * HOUR);
    long.record('ep', 'app', false, 0);
    expect(long.record('ep', 'app', false, 121 * HOUR)?.reason).toBe(
      'every attempt failed for 120 h',
    );
    const short = new EndpointHealthTracker(7_200);
    short.record('ep', 'app', false, 0);
    expect(short.record('ep', 'app', false, 8_000)?.reason).toBe(
      'every attempt failed for 0.002 h',
    );
  });

  it('starts the clock again after a success', () => {
    const tracker = new EndpointHealthTracker(10 * HOUR);
    tracker.record('ep', 'app', false, 0);
    tracker.record('ep', 'app', true, 9 * HOUR);
    expect(tracker.record('ep', 'app', false, 11 * HOUR)?.health).toBe('failing');
    expect(tracker.record('ep', 'app', false, 12 * HOUR)).toBeNull();
  });

  it('disables once on 410 Gone, however many attempts answer it, from the state it was in', () => {
    const tracker = new EndpointHealthTracker(10 * HOUR);
    tracker.record('ep', 'app', false, 0);
    expect(tracker.disable('ep', 'app', '410 Gone', HOUR)).toMatchObject({
      health: 'disabled',
      previous: 'failing',
      reason: '410 Gone',
      failingSince: null,
    });
    expect(tracker.disable('ep', 'app', '410 Gone', HOUR + 1)).toBeNull();
    expect(tracker.disable('other', 'app', '410 Gone', HOUR)?.previous).toBe('healthy');
  });
});
