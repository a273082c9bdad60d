import type { Counter } from 'prom-client';
import { WakeSignal, type Logger, type ServiceMetrics } from '@hookport/platform';
import type { ClaimedDelivery } from './dispatch.repository';
import type { EndpointAdmission } from './endpoint-admission';

/** The claim loop looks at the queue at least this often, with nothing waking it. */
export const CLAIM_POLL_MS = 250;

/** The most deliveries one claim leases. */
const CLAIM_LIMIT = 200;

export interface ClaimLoopParts {
  /** Deliveries in flight in this process, at most. */
  concurrency: number;
  admission: EndpointAdmission;
  /** Leases up to `limit` due deliveries, none to the `held` endpoints. */
  claim: (limit: number, held: string[]) => Promise<ClaimedDelivery[]>;
  /** Sends a leased delivery and records the attempt (or gives the lease back). */
  deliver: (claim: ClaimedDelivery) => Promise<void>;
  /** Runs once, before the first claim. */
  prepare: () => Promise<void>;
  logger: Logger;
  metrics: ServiceMetrics;
}

/**
 * Claims due deliveries while there is room in flight, and keeps count of what is in flight.
 * It sleeps between claims until polled again, woken (new deliveries queued, a retry due at
 * once) or a finished send may have freed deliveries waiting for room.
 */
export class ClaimLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly signal = new WakeSignal();
  /**
   * Deliveries may be waiting in the queue for room: a finished send then wakes the claim loop.
   * Clear when the last claim had room for everything due, so that the usual case (ingest leased
   * and sent the deliveries itself) costs no claim query per send.
   */
  private backlog = true;
  /**
   * Endpoints held back at the last claim (throttled, open-circuited, at their cap). A finished
   * send to one of them may free its waiting deliveries: it wakes the claim loop. A finished send
   * to another does not (a slow endpoint at its cap made every send claim again: hundreds of
   * empty claims a second, which cost the healthy endpoints' latency). Their waits that end with
   * time (a token, a probe, a pause) are the loop's own: it looks again within CLAIM_POLL_MS.
   */
  private heldAtClaim = new Set<string>();
  private inFlight = 0;
  private readonly inFlightDone = new Set<Promise<void>>();
  private readonly claims: Counter;

  constructor(private readonly parts: ClaimLoopParts) {
    this.claims = parts.metrics.counter(
      'hookport_delivery_claims_total',
      'Claims of due deliveries from the queue (one query each)',
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Deliveries were queued (not leased): claim now. */
  wake(): void {
    this.backlog = true;
    this.signal.wake();
  }

  /** A claimed delivery was held back and waits in the queue again: the next finished send claims. */
  noteBacklog(): void {
    this.backlog = true;
  }

  /** Stops claiming and waits for the sends in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlightDone]);
  }

  /** Room for deliveries leased elsewhere (at ingest), and which endpoints may take them now. */
  sendableNow(now: number): { room: number; allows: (endpointId: string) => boolean } {
    if (!this.running) return { room: 0, allows: () => false };
    const held = new Set(this.parts.admission.held(now));
    return {
      room: this.parts.concurrency - this.inFlight,
      allows: (endpointId) => !held.has(endpointId),
    };
  }

  /** Sends deliveries already leased, counting them in flight. */
  send(claims: ClaimedDelivery[]): void {
    for (const claim of claims) this.track(claim.endpoint_id, this.parts.deliver(claim));
  }

  private async run(): Promise<void> {
    await this.parts.prepare();
    while (this.running) {
      try {
        const capacity = this.parts.concurrency - this.inFlight;
        const limit = Math.min(capacity, CLAIM_LIMIT);
        const held = this.parts.admission.held(Date.now());
        this.heldAtClaim = new Set(held);
        // Cleared before the query: a wake during it sets it again (and wakes the loop).
        if (capacity > 0) this.backlog = false;
        const claimed = capacity > 0 ? await this.claim(limit, held) : [];
        this.send(claimed);
        if (claimed.length === limit) this.backlog = true;
        if (claimed.length > 0 && claimed.length === limit) continue;
        // A rate-limited endpoint's next token is a reason to look again sooner.
        const nextToken = this.parts.admission.nextTokenAt();
        const idleMs = capacity > 0 ? CLAIM_POLL_MS : 20;
        await this.idle(
          nextToken === null ? idleMs : Math.max(5, Math.min(idleMs, nextToken - Date.now())),
        );
      } catch (error) {
        this.parts.logger.warn({ err: error }, 'claiming deliveries failed; retrying');
        await this.idle(1_000);
      }
    }
  }

  private claim(limit: number, held: string[]): Promise<ClaimedDelivery[]> {
    this.claims.inc();
    return this.parts.claim(limit, held);
  }

  private track(endpointId: string, work: Promise<void>): void {
    this.inFlight += 1;
    const done = work.finally(() => {
      this.inFlight -= 1;
      this.inFlightDone.delete(done);
      if (this.backlog || this.heldAtClaim.has(endpointId)) this.wake();
    });
    this.inFlightDone.add(done);
  }

  private async idle(ms: number): Promise<void> {
    await this.signal.sleep(ms);
  }
}
