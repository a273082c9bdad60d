import { describe, expect, it } from 'vitest';
import { EndpointGate } from './endpoint-gate';

describe('EndpointGate', () => {
  it('caps the deliveries in flight per endpoint, and frees a slot on release', () => {
    const gate = new EndpointGate(2);
    expect(gate.admit('ep_a', null, 0)).toBe(true);
    expect(gate.admit('ep_a', null, 0)).toBe(true);
    expect(gate.admit('ep_a', null, 0)).toBe(false);
    expect(gate.admit('ep_b', null, 0)).toBe(true);
    expect(gate.excluded(0)).toEqual(['ep_a']);
    gate.release('ep_a');
    expect(gate.excluded(0)).toEqual([]);
    expect(gate.admit('ep_a', null, 0)).toBe(true);
  });

  it('lets a rate-limited endpoint take its rate per second, then waits for the next token', () => {
    const gate = new EndpointGate(100);
    const admitted = (now: number) => {
      const ok = gate.admit('ep_r', 2, now);
      if (ok) gate.release('ep_r');
      return ok;
    };
    expect([admitted(0), admitted(0), admitted(0)]).toEqual([true, true, false]);
    expect(gate.excluded(0)).toEqual(['ep_r']);
    expect(gate.nextTokenAt()).toBe(500);
    expect(admitted(499)).toBe(false);
    expect(admitted(1000)).toBe(true);
  });
});
