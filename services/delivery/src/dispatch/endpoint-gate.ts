import { TokenBuckets } from '@hookport/platform';

/**
 * Per-endpoint isolation in this process: at most `concurrency` deliveries in flight to one
 * endpoint, and no more than its `rateLimit` per second (a token bucket holding one second's
 * worth). An endpoint at either limit is left out of the next claims, so a slow or busy
 * endpoint never takes the capacity that other endpoints' deliveries need.
 */
export class EndpointGate {
  private readonly inFlight = new Map<string, number>();
  /** Rate and burst are each endpoint's own `rateLimit`, given per take. */
  private readonly buckets = new TokenBuckets(1, 1);
  /** Endpoints out of tokens, until when. */
  private readonly waitUntil = new Map<string, number>();

  constructor(private readonly concurrency: number) {}

  /** Takes a slot (and a token when rate limited), or says no. */
  admit(endpointId: string, rateLimit: number | null, now: number): boolean {
    if ((this.inFlight.get(endpointId) ?? 0) >= this.concurrency) return false;
    if (rateLimit !== null && rateLimit > 0) {
      const waitMs = this.buckets.take(endpointId, rateLimit, rateLimit, now);
      if (waitMs > 0) {
        this.waitUntil.set(endpointId, now + waitMs);
        return false;
      }
    }
    this.inFlight.set(endpointId, (this.inFlight.get(endpointId) ?? 0) + 1);
    return true;
  }

  release(endpointId: string): void {
    const count = (this.inFlight.get(endpointId) ?? 1) - 1;
    if (count <= 0) this.inFlight.delete(endpointId);
    else this.inFlight.set(endpointId, count);
  }

  /** Endpoints that cannot take another delivery now: leave their rows for later claims. */
  excluded(now: number): string[] {
    const out: string[] = [];
    for (const [endpointId, count] of this.inFlight)
      if (count >= this.concurrency) out.push(endpointId);
    for (const [endpointId, until] of this.waitUntil) {
      if (until <= now) this.waitUntil.delete(endpointId);
      else out.push(endpointId);
    }
    return out;
  }

  /** When the next rate-limited endpoint has a token again (to wake the claim loop). */
  nextTokenAt(): number | null {
    let next: number | null = null;
    for (const until of this.waitUntil.values())
      next = next === null ? until : Math.min(next, until);
    return next;
  }
}
