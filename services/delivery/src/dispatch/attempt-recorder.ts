import type { EndpointCircuitChangedV1 } from '@hookport/contracts';
import { isDatabaseRefusal, StreamVersionConflict, type Logger } from '@hookport/platform';
import type { CircuitTransition } from './circuit-breaker';
import { CLAIM_POLL_MS } from './claim-loop';
import type { ClaimedDelivery, DispatchRepository, Outcome } from './dispatch.repository';
import { writeSplittingOnFailure } from './split-on-failure';

/** A retry the loop's own poll would find late enough: it wakes the loop when recorded. */
const dueBeforeNextPoll = (outcome: Outcome): boolean =>
  outcome.event.nextAttemptAt !== null &&
  Date.parse(outcome.event.nextAttemptAt) - Date.now() < CLAIM_POLL_MS;

/**
 * Records what came of claims in batches, one transaction for many: attempts made, claims held
 * back (their leases given back, attempts uncounted) and circuit changes. Each write resolves
 * once the batch holding it is recorded, or given up.
 */
export class AttemptRecorder {
  private pending: Outcome[] = [];
  /** Claims admission held back: their leases are released, attempts uncounted. */
  private deferred: ClaimedDelivery[] = [];
  private circuitChanges: EndpointCircuitChangedV1[] = [];
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: DispatchRepository,
    private readonly logger: Logger,
    /** Claims now: a recorded retry is due before the claim loop would look. */
    private readonly wakeClaims: () => void,
  ) {}

  attempted(outcome: Outcome): Promise<void> {
    this.pending.push(outcome);
    return this.scheduleFlush();
  }

  heldBack(claim: ClaimedDelivery): Promise<void> {
    this.deferred.push(claim);
    return this.scheduleFlush();
  }

  /** Recorded with the next batch, which this does not start. */
  circuitChanged(appId: string, transition: CircuitTransition, now: number): void {
    this.circuitChanges.push({
      endpointId: transition.endpointId,
      appId,
      state: transition.state,
      previous: transition.previous,
      consecutiveFailures: transition.consecutiveFailures,
      nextProbeAt:
        transition.nextProbeAt === null ? null : new Date(transition.nextProbeAt).toISOString(),
      changedAt: new Date(now).toISOString(),
    });
  }

  /** Records everything waiting now. */
  async flush(): Promise<void> {
    if (
      this.pending.length === 0 &&
      this.deferred.length === 0 &&
      this.circuitChanges.length === 0
    ) {
      return;
    }
    const batch = this.pending;
    const deferred = this.deferred;
    const circuits = this.circuitChanges;
    this.pending = [];
    this.deferred = [];
    this.circuitChanges = [];
    // Until recorded, the leases keep others away; after they lapse, a resend is the fallback.
    await writeSplittingOnFailure(
      batch,
      (part, first) => this.repository.record(part, first ? deferred : [], first ? circuits : []),
      {
        isRefusal: (error) => error instanceof StreamVersionConflict || isDatabaseRefusal(error),
        giveUpAfter: 20,
        backoffMs: (failures) => Math.min(5_000, 100 * 2 ** failures),
        onFailure: (error, failures, size) =>
          this.logger.warn({ err: error, failures, size }, 'recording attempts failed; retrying'),
        onGiveUp: (items, error) =>
          this.logger.error(
            { err: error, attempts: items.length },
            'recording attempts given up: their deliveries are sent again when their leases lapse',
          ),
      },
    );
    // A retry due at once (a schedule starting at 0, a short Retry-After) is claimed now; a
    // later one by the loop's poll. Waking for every failure ran empty claims, one or two each.
    if (batch.some(dueBeforeNextPoll)) this.wakeClaims();
  }

  /** Chains a flush after the one running: batches form while a write is in flight. */
  private scheduleFlush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flush());
    return this.flushing;
  }
}
