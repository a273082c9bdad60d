import { CircuitBreakers, type CircuitConfig, type CircuitTransition } from './circuit-breaker';
import { EndpointGate } from './endpoint-gate';

/**
 * Whether a delivery may go to its endpoint now, in this process: the endpoint's concurrency cap
 * and rate limit (the gate), its circuit breaker, and the pause it asked for by throttling.
 * Claims leave held endpoints out; a claimed delivery that is not admitted waits, it does not fail.
 */
export class EndpointAdmission {
  private readonly gate: EndpointGate;
  private readonly breakers: CircuitBreakers;
  /** Endpoints that asked us to slow down (429/502/503/504): none of their deliveries until then. */
  private readonly pausedUntil = new Map<string, number>();

  constructor(endpointConcurrency: number, circuit: CircuitConfig) {
    this.gate = new EndpointGate(endpointConcurrency);
    this.breakers = new CircuitBreakers(circuit);
  }

  /** Endpoints to send nothing to now: throttled, open-circuited, or at their cap. */
  held(now: number): string[] {
    return [...this.paused(now), ...this.breakers.blocked(now), ...this.gate.excluded(now)];
  }

  /** When the next rate-limited endpoint has a token again (to wake the claim loop). */
  nextTokenAt(): number | null {
    return this.gate.nextTokenAt();
  }

  /**
   * Takes a slot (and a token) for a delivery, then asks its circuit; `release` gives the slot
   * back once sent. `transition` is set when the circuit turned half-open for this probe.
   */
  admit(
    endpointId: string,
    rateLimit: number | null,
    now: number,
  ): { admitted: boolean; transition: CircuitTransition | null } {
    if (!this.gate.admit(endpointId, rateLimit, now)) return { admitted: false, transition: null };
    const admission = this.breakers.admit(endpointId, now);
    if (!admission.admitted) this.gate.release(endpointId);
    return admission;
  }

  release(endpointId: string): void {
    this.gate.release(endpointId);
  }

  pause(endpointId: string, until: number): void {
    this.pausedUntil.set(endpointId, until);
  }

  /** An attempt's outcome, for the circuit; returns the transition it caused, if any. */
  record(endpointId: string, succeeded: boolean, now: number): CircuitTransition | null {
    return this.breakers.record(endpointId, succeeded, now);
  }

  private paused(now: number): string[] {
    for (const [endpointId, until] of this.pausedUntil) {
      if (until <= now) this.pausedUntil.delete(endpointId);
    }
    return [...this.pausedUntil.keys()];
  }
}
