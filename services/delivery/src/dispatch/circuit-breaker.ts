import type { CircuitState } from '@hookport/contracts';

export interface CircuitConfig {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit waits before a probe; doubled after each failed probe. */
  cooldownMs: number;
  maxCooldownMs: number;
}

export interface CircuitTransition {
  endpointId: string;
  state: CircuitState;
  previous: CircuitState;
  consecutiveFailures: number;
  nextProbeAt: number | null;
}

interface Circuit {
  state: CircuitState;
  failures: number;
  cooldownMs: number;
  nextProbeAt: number;
  probeInFlight: boolean;
}

/**
 * Per-endpoint circuit breakers: a dead endpoint is not hammered with every due delivery, and
 * comes back on its own. Closed → open after `failureThreshold` consecutive failures; open →
 * half-open when the cool-down ends, letting one probe through; the probe closes the circuit on
 * success or reopens it with a doubled cool-down. Deliveries of an open circuit wait; they are
 * not failed.
 */
export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();

  constructor(private readonly config: CircuitConfig) {}

  state(endpointId: string): CircuitState {
    return this.circuits.get(endpointId)?.state ?? 'closed';
  }

  /** Endpoints none of whose deliveries may be claimed now. */
  blocked(now: number): string[] {
    const blocked: string[] = [];
    for (const [endpointId, circuit] of this.circuits) {
      if (circuit.state === 'open' && circuit.nextProbeAt > now) blocked.push(endpointId);
      if (circuit.state === 'half-open' && circuit.probeInFlight) blocked.push(endpointId);
    }
    return blocked;
  }

  /**
   * Whether a claimed delivery may be sent now. An open circuit past its cool-down turns
   * half-open and admits this one delivery as its probe; others wait.
   */
  admit(
    endpointId: string,
    now: number,
  ): { admitted: boolean; transition: CircuitTransition | null } {
    const circuit = this.circuits.get(endpointId);
    if (!circuit || circuit.state === 'closed') return { admitted: true, transition: null };
    if (circuit.state === 'open') {
      if (circuit.nextProbeAt > now) return { admitted: false, transition: null };
      circuit.state = 'half-open';
      circuit.probeInFlight = true;
      return { admitted: true, transition: this.transition(endpointId, circuit, 'open') };
    }
    if (circuit.probeInFlight) return { admitted: false, transition: null };
    circuit.probeInFlight = true;
    return { admitted: true, transition: null };
  }

  /** Records an attempt's outcome; returns the transition it caused, if any. */
  record(endpointId: string, succeeded: boolean, now: number): CircuitTransition | null {
    const circuit = this.circuits.get(endpointId);
    if (succeeded) {
      if (!circuit) return null;
      this.circuits.delete(endpointId);
      if (circuit.state === 'closed') return null;
      return {
        endpointId,
        state: 'closed',
        previous: circuit.state,
        consecutiveFailures: 0,
        nextProbeAt: null,
      };
    }
    const current = circuit ?? {
      state: 'closed' as CircuitState,
      failures: 0,
      cooldownMs: this.config.cooldownMs,
      nextProbeAt: 0,
      probeInFlight: false,
    };
    this.circuits.set(endpointId, current);
    current.failures += 1;
    const previous = current.state;
    if (previous === 'half-open') {
      // The probe failed: wait longer before the next one.
      current.cooldownMs = Math.min(current.cooldownMs * 2, this.config.maxCooldownMs);
    } else if (previous === 'open' || current.failures < this.config.failureThreshold) {
      return null;
    }
    current.state = 'open';
    current.probeInFlight = false;
    current.nextProbeAt = now + current.cooldownMs;
    return this.transition(endpointId, current, previous);
  }

  private transition(
    endpointId: string,
    circuit: Circuit,
    previous: CircuitState,
  ): CircuitTransition {
    return {
      endpointId,
      state: circuit.state,
      previous,
      consecutiveFailures: circuit.failures,
      nextProbeAt: circuit.state === 'open' ? circuit.nextProbeAt : null,
    };
  }
}
