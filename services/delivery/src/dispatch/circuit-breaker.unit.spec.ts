import { describe, expect, it } from 'vitest';
import { CircuitBreakers } from './circuit-breaker';

const config = { failureThreshold: 3, cooldownMs: 1_000, maxCooldownMs: 8_000 };

describe('circuit breakers', () => {
  it('opens after the threshold of consecutive failures, and blocks claims until the cool-down ends', () => {
    const breakers = new CircuitBreakers(config);
    expect(breakers.record('ep', false, 0)).toBeNull();
    expect(breakers.record('ep', false, 0)).toBeNull();
    expect(breakers.record('ep', false, 100)).toEqual({
      endpointId: 'ep',
      state: 'open',
      previous: 'closed',
      consecutiveFailures: 3,
      nextProbeAt: 1_100,
    });
    expect(breakers.blocked(500)).toEqual(['ep']);
    expect(breakers.admit('ep', 500)).toEqual({ admitted: false, transition: null });
  });

  it('a success resets the count: only consecutive failures open it', () => {
    const breakers = new CircuitBreakers(config);
    breakers.record('ep', false, 0);
    breakers.record('ep', false, 0);
    breakers.record('ep', true, 0);
    expect(breakers.record('ep', false, 0)).toBeNull();
    expect(breakers.state('ep')).toBe('closed');
  });

  it('lets one probe through after the cool-down, and closes on its success', () => {
    const breakers = new CircuitBreakers(config);
    for (let i = 0; i < 3; i += 1) breakers.record('ep', false, 0);
    const probe = breakers.admit('ep', 1_000);
    expect(probe).toMatchObject({
      admitted: true,
      transition: { state: 'half-open', previous: 'open' },
    });
    // While the probe is in flight nothing else goes.
    expect(breakers.admit('ep', 1_001).admitted).toBe(false);
    expect(breakers.blocked(1_001)).toEqual(['ep']);
    expect(breakers.record('ep', true, 1_050)).toMatchObject({
      state: 'closed',
      previous: 'half-open',
    });
    expect(breakers.blocked(1_051)).toEqual([]);
    expect(breakers.admit('ep', 1_051)).toEqual({ admitted: true, transition: null });
  });

  it('reopens with a doubled cool-down when the probe fails, up to the maximum', () => {
    const breakers = new CircuitBreakers(config);
    for (let i = 0; i < 3; i += 1) breakers.record('ep', false, 0);
    let now = 1_000;
    const cooldowns = [];
    for (let round = 0; round < 5; round += 1) {
      breakers.admit('ep', now);
      const reopened = breakers.record('ep', false, now)!;
      cooldowns.push(reopened.nextProbeAt! - now);
      now = reopened.nextProbeAt!;
    }
    expect(cooldowns).toEqual([2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('keeps endpoints apart: one open circuit blocks no other endpoint', () => {
    const breakers = new CircuitBreakers(config);
    for (let i = 0; i < 3; i += 1) breakers.record('dead', false, 0);
    expect(breakers.blocked(10)).toEqual(['dead']);
    expect(breakers.admit('healthy', 10)).toEqual({ admitted: true, transition: null });
  });
});
