import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import {
  newId,
  type DeliveryAttemptedV1,
  type DeliveryStatus,
  type EndpointCircuitChangedV1,
  type EndpointHealthChangedV1,
} from '@hookport/contracts';
import {
  AddressPolicy,
  Database,
  EventStore,
  isDatabaseRefusal,
  OutboxRelay,
  ServiceMetrics,
  StreamVersionConflict,
  type Logger,
} from '@hookport/platform';
import { DeliveryConfig, retryScheduleSeconds } from '../config';
import { EndpointDirectory } from '../endpoint-directory/endpoint-directory';
import { CircuitBreakers, type CircuitTransition } from './circuit-breaker';
import { EndpointGate } from './endpoint-gate';
import { EndpointHealthTracker, type HealthRow } from './endpoint-health';
import { HttpSender, type SendResult } from './http-sender';
import { retryDelayMs, THROTTLING_STATUSES } from './retry-policy';
import { SIGNATURE_HEADERS, signatureHeader, signingHeaders } from './signature';
import { writeSplittingOnFailure } from './split-on-failure';

/** A delivery this process holds the lease of, ready to send. */
export interface ClaimedDelivery {
  message_id: string;
  endpoint_id: string;
  app_id: string;
  attempts: number;
  trigger: DeliveryAttemptedV1['trigger'];
  payload: string;
}

interface Outcome {
  claim: ClaimedDelivery;
  event: DeliveryAttemptedV1;
  /** Set when this attempt changed the endpoint's health (failing, disabled, recovered). */
  health?: EndpointHealthChangedV1;
}

export const DISPATCH_LOGGER = Symbol('DISPATCH_LOGGER');

/** The claim loop looks at the queue at least this often, with nothing waking it. */
const CLAIM_POLL_MS = 250;

/** A retry the loop's own poll would find late enough: it wakes the loop when recorded. */
const dueBeforeNextPoll = (outcome: Outcome): boolean =>
  outcome.event.nextAttemptAt !== null &&
  Date.parse(outcome.event.nextAttemptAt) - Date.now() < CLAIM_POLL_MS;

/**
 * Claims due deliveries from the durable queue, sends them concurrently and records every
 * attempt in batches. A claim is a lease: if this process dies mid-send, the lease lapses and
 * another (or the restarted) process sends again, with the same `webhook-id`.
 */
@Injectable()
export class Dispatcher {
  private readonly sender: HttpSender;
  private readonly schedule: number[];
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private wakeRequested = false;
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
  private pending: Outcome[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private readonly inFlightDone = new Set<Promise<void>>();
  /** Endpoints that asked us to slow down (429/502/503/504): none of their deliveries until then. */
  private readonly pausedUntil = new Map<string, number>();
  private readonly breakers: CircuitBreakers;
  private readonly gate: EndpointGate;
  private readonly health: EndpointHealthTracker;
  /** Claims a circuit held back: their leases are released, attempts uncounted. */
  private deferred: ClaimedDelivery[] = [];
  private circuitChanges: EndpointCircuitChangedV1[] = [];
  private readonly attempts: Counter<'outcome' | 'error_class'>;
  private readonly attemptSeconds: Histogram<'outcome'>;
  private readonly claims: Counter;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(EndpointDirectory) private readonly directory: EndpointDirectory,
    @Inject(DeliveryConfig) private readonly config: DeliveryConfig,
    @Inject(DISPATCH_LOGGER) private readonly logger: Logger,
    @Inject(ServiceMetrics) metrics: ServiceMetrics,
  ) {
    this.attempts = metrics.counter(
      'hookport_delivery_attempts_total',
      'Delivery attempts by outcome (succeeded, retrying, failed) and error class',
      ['outcome', 'error_class'],
    );
    this.attemptSeconds = metrics.histogram(
      'hookport_delivery_attempt_duration_seconds',
      'Time from sending a webhook to the endpoint answering (or failing)',
      ['outcome'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
    );
    this.claims = metrics.counter(
      'hookport_delivery_claims_total',
      'Claims of due deliveries from the queue (one query each)',
    );
    this.sender = new HttpSender(
      config.HOOKPORT_DELIVERY_TIMEOUT_MS,
      AddressPolicy.fromSetting(config.HOOKPORT_SSRF_ALLOW),
    );
    this.schedule = retryScheduleSeconds(config);
    this.gate = new EndpointGate(config.HOOKPORT_ENDPOINT_CONCURRENCY);
    this.health = new EndpointHealthTracker(config.HOOKPORT_DISABLE_AFTER_HOURS * 3_600_000);
    this.breakers = new CircuitBreakers({
      failureThreshold: config.HOOKPORT_CIRCUIT_FAILURE_THRESHOLD,
      cooldownMs: config.HOOKPORT_CIRCUIT_COOLDOWN_SECONDS * 1000,
      maxCooldownMs: 600_000,
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Deliveries were queued (not leased at ingest): claim now. */
  wake(): void {
    this.backlog = true;
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /** Stops claiming, lets in-flight sends finish and records them. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlightDone]);
    await this.flush();
    await this.sender.close();
  }

  get leaseSeconds(): number {
    return Math.ceil(this.config.HOOKPORT_DELIVERY_TIMEOUT_MS / 1000) + 5;
  }

  /**
   * For ingest: which of a new message's deliveries this process may lease and send at once,
   * skipping the trip through the queue and the claim (the claim loop sends the rest). None
   * while stopped or full; none to an endpoint that is throttled, open-circuited or at its cap.
   */
  sendableNow(): { room: number; allows: (endpointId: string) => boolean } {
    if (!this.running) return { room: 0, allows: () => false };
    const held = new Set(this.heldEndpoints());
    return {
      room: this.config.HOOKPORT_DELIVERY_CONCURRENCY - this.inFlight,
      allows: (endpointId) => !held.has(endpointId),
    };
  }

  /** Sends deliveries leased at ingest (`sendableNow`), once their transaction committed. */
  sendLeased(claims: ClaimedDelivery[]): void {
    for (const claim of claims) this.track(claim.endpoint_id, this.deliver(claim));
  }

  private async run(): Promise<void> {
    await this.loadHealth();
    while (this.running) {
      try {
        const capacity = this.config.HOOKPORT_DELIVERY_CONCURRENCY - this.inFlight;
        const limit = Math.min(capacity, 200);
        const held = this.heldEndpoints();
        this.heldAtClaim = new Set(held);
        // Cleared before the query: a wake during it sets it again (and wakes the loop).
        if (capacity > 0) this.backlog = false;
        const claimed = capacity > 0 ? await this.claim(limit, held) : [];
        for (const claim of claimed) this.track(claim.endpoint_id, this.deliver(claim));
        if (claimed.length === limit) this.backlog = true;
        if (claimed.length > 0 && claimed.length === limit) continue;
        // A rate-limited endpoint's next token is a reason to look again sooner.
        const nextToken = this.gate.nextTokenAt();
        const idleMs = capacity > 0 ? CLAIM_POLL_MS : 20;
        await this.idle(
          nextToken === null ? idleMs : Math.max(5, Math.min(idleMs, nextToken - Date.now())),
        );
      } catch (error) {
        this.logger.warn({ err: error }, 'claiming deliveries failed; retrying');
        await this.idle(1_000);
      }
    }
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

  private idle(ms: number): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.wakeRequested = false;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wakeUp = finish;
    });
  }

  private async loadHealth(): Promise<void> {
    try {
      const { rows } = await this.db.query<HealthRow>(
        'SELECT endpoint_id, health, failing_since FROM delivery.endpoint_health',
      );
      this.health.load(rows);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not load endpoint health; starting from healthy');
    }
  }

  private async claim(limit: number, held: string[]): Promise<ClaimedDelivery[]> {
    this.claims.inc();
    const { rows } = await this.db.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT message_id, endpoint_id FROM delivery.deliveries
          WHERE status IN ('pending', 'retrying')
            AND next_attempt_at <= now()
            AND (lease_until IS NULL OR lease_until < now())
            AND NOT (endpoint_id = ANY($3::text[]))
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       )
       UPDATE delivery.deliveries AS d
          SET lease_until = now() + make_interval(secs => $2), attempts = d.attempts + 1
         FROM due, delivery.messages AS m
        WHERE d.message_id = due.message_id AND d.endpoint_id = due.endpoint_id AND m.id = d.message_id
       RETURNING d.message_id, d.endpoint_id, d.app_id, d.attempts, d.trigger, m.payload`,
      [limit, this.leaseSeconds, held],
      { prepare: true },
    );
    return rows;
  }

  /** Endpoints to send nothing to now: throttled, open-circuited, or at their cap. */
  private heldEndpoints(now = Date.now()): string[] {
    return [...this.pausedEndpoints(), ...this.breakers.blocked(now), ...this.gate.excluded(now)];
  }

  private pausedEndpoints(): string[] {
    const now = Date.now();
    for (const [endpointId, until] of this.pausedUntil) {
      if (until <= now) this.pausedUntil.delete(endpointId);
    }
    return [...this.pausedUntil.keys()];
  }

  private circuitChanged(appId: string, transition: CircuitTransition): void {
    this.circuitChanges.push({
      endpointId: transition.endpointId,
      appId,
      state: transition.state,
      previous: transition.previous,
      consecutiveFailures: transition.consecutiveFailures,
      nextProbeAt:
        transition.nextProbeAt === null ? null : new Date(transition.nextProbeAt).toISOString(),
      changedAt: new Date().toISOString(),
    });
  }

  private async deliver(claim: ClaimedDelivery): Promise<void> {
    const endpoint = this.directory.get(claim.endpoint_id);
    const isLive = endpoint !== undefined && !endpoint.disabled;
    if (isLive) {
      // Over its concurrency cap or rate limit: the delivery waits, it does not fail.
      if (!this.gate.admit(claim.endpoint_id, endpoint.rateLimit, Date.now())) {
        this.deferred.push(claim);
        this.backlog = true;
        await this.scheduleFlush();
        return;
      }
      const admission = this.breakers.admit(claim.endpoint_id, Date.now());
      if (admission.transition) this.circuitChanged(claim.app_id, admission.transition);
      if (!admission.admitted) {
        // Its circuit is open (or probing): the delivery waits, it does not fail.
        this.gate.release(claim.endpoint_id);
        this.deferred.push(claim);
        this.backlog = true;
        await this.scheduleFlush();
        return;
      }
    }
    const attemptedAt = new Date();
    let result: SendResult;
    let url = endpoint?.url ?? '';
    let requestHeaders: Record<string, string> = {};
    if (!endpoint || endpoint.disabled) {
      result = {
        status: null,
        headers: {},
        body: '',
        durationMs: 0,
        errorClass: 'other',
        errorMessage: endpoint ? 'endpoint disabled' : 'endpoint no longer exists',
      };
    } else {
      url = endpoint.url;
      const timestamp = Math.floor(attemptedAt.getTime() / 1000);
      const now = attemptedAt.toISOString();
      const validSecrets = endpoint.secrets
        .filter((secret) => secret.expiresAt === null || secret.expiresAt > now)
        .map((secret) => secret.secret);
      requestHeaders = {
        ...endpoint.headers,
        'content-type': 'application/json',
        'user-agent': 'Hookport/0.1',
        ...signingHeaders(
          this.config.HOOKPORT_SIGNATURE_HEADERS,
          claim.message_id,
          timestamp,
          signatureHeader(validSecrets, claim.message_id, timestamp, claim.payload),
        ),
      };
      try {
        result = await this.sender.send(url, requestHeaders, claim.payload);
      } finally {
        this.gate.release(claim.endpoint_id);
      }
    }
    const succeeded = result.status !== null && result.status >= 200 && result.status < 300;
    // 410 Gone: the receiver says the endpoint is no more. No retry; the endpoint is disabled.
    const gone = result.status === 410 && endpoint !== undefined && !endpoint.disabled;
    const delay =
      succeeded || gone
        ? null
        : retryDelayMs(this.schedule, claim.attempts, result.headers['retry-after']);
    const status: DeliveryStatus = succeeded ? 'succeeded' : delay === null ? 'failed' : 'retrying';
    if (result.status !== null && THROTTLING_STATUSES.has(result.status) && delay !== null) {
      this.pausedUntil.set(claim.endpoint_id, Date.now() + delay);
    }
    let healthChange: EndpointHealthChangedV1 | null = null;
    if (gone) {
      this.directory.upsert({ ...endpoint, disabled: true });
      healthChange = this.health.disable(
        claim.endpoint_id,
        claim.app_id,
        '410 Gone',
        attemptedAt.getTime(),
      );
    } else if (isLive && this.directory.get(claim.endpoint_id)?.disabled === false) {
      // Still live once answered: an attempt in flight when its endpoint was disabled (a 410
      // from another, the customer) leaves health and circuit as the disable left them.
      const transition = this.breakers.record(claim.endpoint_id, succeeded, Date.now());
      if (transition) this.circuitChanged(claim.app_id, transition);
      healthChange = this.health.record(claim.endpoint_id, claim.app_id, succeeded, Date.now());
      // Stop sending at once; the endpoints service disables it for good on the event.
      if (healthChange?.health === 'disabled')
        this.directory.upsert({ ...endpoint, disabled: true });
    }
    this.attempts.labels(status, result.errorClass ?? 'none').inc();
    this.attemptSeconds.labels(status).observe(result.durationMs / 1000);
    // Signatures are derived from secrets: left out. Custom header values are kept sealed.
    const sealed = endpoint?.sealedHeaders ?? {};
    const loggedHeaders = Object.fromEntries(
      Object.entries(requestHeaders)
        .filter(([name]) => !SIGNATURE_HEADERS.includes(name))
        .map(([name, value]) => [name, sealed[name] ?? value]),
    );
    this.pending.push({
      claim,
      event: {
        attemptId: newId('attempt'),
        messageId: claim.message_id,
        endpointId: claim.endpoint_id,
        appId: claim.app_id,
        attemptNumber: claim.attempts,
        trigger: claim.trigger,
        url,
        requestHeaders: loggedHeaders,
        responseStatus: result.status,
        responseHeaders: result.headers,
        responseBody: result.body,
        durationMs: result.durationMs,
        errorClass: result.errorClass,
        errorMessage: result.errorMessage,
        succeeded,
        deliveryStatus: status,
        nextAttemptAt: delay === null ? null : new Date(Date.now() + delay).toISOString(),
        attemptedAt: attemptedAt.toISOString(),
      },
      health: healthChange ?? undefined,
    });
    await this.scheduleFlush();
  }

  /** Records outcomes in batches: one transaction for many attempts. */
  private scheduleFlush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flush());
    return this.flushing;
  }

  private async flush(): Promise<void> {
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
      (part, first) => this.record(part, first ? deferred : [], first ? circuits : []),
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
    this.relay.wake();
    // A retry due at once (a schedule starting at 0, a short Retry-After) is claimed now; a
    // later one by the loop's poll. Waking for every failure ran empty claims, one or two each.
    if (batch.some(dueBeforeNextPoll)) this.wake();
  }

  /**
   * One statement records a batch: the attempts' events (and health and circuit changes), the
   * outcomes, the health rows and the leases given back. Atomic on its own, one round trip.
   * Not prepared: Postgres' generic plan for the outcome update took ~7 ms a call against
   * ~0.5 ms planned per call, and cut fan-out to a third (bench:delivery).
   */
  private async record(
    batch: Outcome[],
    deferred: ClaimedDelivery[],
    circuits: EndpointCircuitChangedV1[],
  ): Promise<void> {
    const actor = { kind: 'system' as const, id: 'delivery' };
    const appends = [
      ...batch.map(({ claim, event }) => ({
        streamId: `${claim.message_id}:${claim.endpoint_id}`,
        expectedVersion: claim.attempts - 1,
        events: [{ type: 'delivery.attempted', data: event }],
        context: { applicationId: claim.app_id, actor },
      })),
      // Health changes have a stream each: the endpoints service disables the endpoint on it.
      ...batch.flatMap(({ event, health }) =>
        health
          ? [
              {
                streamId: `health:${event.attemptId}`,
                expectedVersion: 0,
                events: [{ type: 'endpoint.health-changed', data: health }],
                context: { applicationId: health.appId, actor },
              },
            ]
          : [],
      ),
      ...circuits.map((change) => ({
        streamId: `circuit:${newId('event')}`,
        expectedVersion: 0,
        events: [{ type: 'endpoint.circuit-changed', data: change }],
        context: { applicationId: change.appId, actor },
      })),
    ];
    const events = this.store.appendParts(appends);
    const ctes: string[] = [];
    const params: unknown[] = [];
    // Adds a part's parameters; `$(n)` names its n-th.
    const bind = (values: unknown[]) => {
      const offset = params.length;
      params.push(...values);
      return (n: number) => `$${offset + n}`;
    };
    if (events.params.length > 0) {
      bind(events.params);
      ctes.push(events.ctes);
    }
    // One row per endpoint, the batch's newest change: an upsert may not touch a row twice,
    // and a refused batch would leave its attempts unrecorded.
    const newest = new Map<string, EndpointHealthChangedV1>();
    for (const { health } of batch) if (health) newest.set(health.endpointId, health);
    const changes = [...newest.values()];
    if (changes.length > 0) {
      const $ = bind([
        changes.map((change) => change.endpointId),
        changes.map((change) => change.appId),
        changes.map((change) => change.health),
        changes.map((change) => change.failingSince),
        changes.map((change) => change.changedAt),
      ]);
      ctes.push(`health AS (
        INSERT INTO delivery.endpoint_health AS h (endpoint_id, app_id, health, failing_since, updated_at)
        SELECT * FROM unnest(${$(1)}::text[], ${$(2)}::text[], ${$(3)}::text[], ${$(4)}::timestamptz[], ${$(5)}::timestamptz[])
        ON CONFLICT (endpoint_id) DO UPDATE SET health = EXCLUDED.health,
          failing_since = EXCLUDED.failing_since, updated_at = EXCLUDED.updated_at
        WHERE h.updated_at <= EXCLUDED.updated_at)`);
    }
    // A claim is either held back or attempted, never both in one batch: the two updates of
    // deliveries below never touch the same row.
    if (deferred.length > 0) {
      const $ = bind([
        deferred.map((claim) => claim.message_id),
        deferred.map((claim) => claim.endpoint_id),
      ]);
      ctes.push(`released AS (
        UPDATE delivery.deliveries AS d SET lease_until = NULL, attempts = d.attempts - 1
          FROM unnest(${$(1)}::text[], ${$(2)}::text[]) AS r(message_id, endpoint_id)
         WHERE d.message_id = r.message_id AND d.endpoint_id = r.endpoint_id)`);
    }
    if (batch.length > 0) {
      const $ = bind([
        batch.map((outcome) => outcome.claim.message_id),
        batch.map((outcome) => outcome.claim.endpoint_id),
        batch.map((outcome) => outcome.event.deliveryStatus),
        batch.map((outcome) => outcome.event.nextAttemptAt),
      ]);
      ctes.push(`outcomes AS (
        UPDATE delivery.deliveries AS d
           SET status = o.status,
               next_attempt_at = COALESCE(o.next_attempt_at, d.next_attempt_at),
               lease_until = NULL,
               updated_at = now()
          FROM unnest(${$(1)}::text[], ${$(2)}::text[], ${$(3)}::text[], ${$(4)}::timestamptz[])
            AS o(message_id, endpoint_id, status, next_attempt_at)
         WHERE d.message_id = o.message_id AND d.endpoint_id = o.endpoint_id)`);
    }
    if (ctes.length === 0) return;
    const select =
      events.params.length > 0 ? 'SELECT 1 FROM appended, relay_woken LIMIT 1' : 'SELECT 1';
    try {
      await this.db.query(`WITH ${ctes.join(',\n')} ${select}`, params);
    } catch (error) {
      throw this.store.conflictOr(error, appends);
    }
  }
}
