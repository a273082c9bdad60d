import type { Counter, Histogram } from 'prom-client';
import { newId, type EndpointHealthChangedV1 } from '@hookport/contracts';
import type { ServiceMetrics } from '@hookport/platform';
import type { DeliveryConfig } from '../config';
import type {
  DirectoryEndpoint,
  EndpointDirectory,
} from '../endpoint-directory/endpoint-directory';
import { decideAttempt, type AttemptDecision, type AttemptEndpoint } from './attempt-decision';
import type { AttemptRecorder } from './attempt-recorder';
import type { ClaimedDelivery } from './dispatch.repository';
import type { EndpointAdmission } from './endpoint-admission';
import type { EndpointHealthTracker } from './endpoint-health';
import type { HttpSender } from './http-sender';
import { SIGNATURE_HEADERS, signatureHeader, signingHeaders } from './signature';

export interface AttemptRunnerParts {
  directory: EndpointDirectory;
  admission: EndpointAdmission;
  health: EndpointHealthTracker;
  recorder: AttemptRecorder;
  sender: HttpSender;
  scheduleSeconds: number[];
  /** `HOOKPORT_SIGNATURE_HEADERS`: which header names carry the signature. */
  signatureHeaders: DeliveryConfig['HOOKPORT_SIGNATURE_HEADERS'];
  /** A claimed delivery was held back: it waits in the queue again. */
  onHeldBack: () => void;
  metrics: ServiceMetrics;
}

/**
 * One attempt at a leased delivery: admission, signing, the send, the decision on what it
 * answered, what that changes in this process (pause, circuit, health, directory), and the
 * recording. Resolves once the attempt is recorded.
 */
export class AttemptRunner {
  private readonly attempts: Counter<'outcome' | 'error_class'>;
  private readonly attemptSeconds: Histogram<'outcome'>;

  constructor(private readonly parts: AttemptRunnerParts) {
    this.attempts = parts.metrics.counter(
      'hookport_delivery_attempts_total',
      'Delivery attempts by outcome (succeeded, retrying, failed) and error class',
      ['outcome', 'error_class'],
    );
    this.attemptSeconds = parts.metrics.histogram(
      'hookport_delivery_attempt_duration_seconds',
      'Time from sending a webhook to the endpoint answering (or failing)',
      ['outcome'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
    );
  }

  async run(claim: ClaimedDelivery): Promise<void> {
    const { directory, admission, recorder } = this.parts;
    const endpoint = directory.get(claim.endpoint_id);
    const isLive = endpoint !== undefined && !endpoint.disabled;
    if (isLive) {
      const admittedAt = Date.now();
      const { admitted, transition } = admission.admit(
        claim.endpoint_id,
        endpoint.rateLimit,
        admittedAt,
      );
      if (transition) recorder.circuitChanged(claim.app_id, transition, admittedAt);
      if (!admitted) {
        // Over its cap or rate limit, or its circuit is open: the delivery waits, it does not fail.
        this.parts.onHeldBack();
        await recorder.heldBack(claim);
        return;
      }
    }
    const attemptedAt = new Date();
    let requestHeaders: Record<string, string> = {};
    let found: AttemptEndpoint;
    if (isLive) {
      requestHeaders = this.requestHeaders(endpoint, claim, attemptedAt);
      try {
        const answer = await this.parts.sender.send(endpoint.url, requestHeaders, claim.payload);
        const isStillLive = directory.get(claim.endpoint_id)?.disabled === false;
        found = { standing: 'live', answer, isStillLive };
      } finally {
        admission.release(claim.endpoint_id);
      }
    } else {
      found = { standing: endpoint ? 'disabled' : 'missing' };
    }
    const now = Date.now();
    const decision = decideAttempt({
      endpoint: found,
      attempt: claim.attempts,
      scheduleSeconds: this.parts.scheduleSeconds,
      now,
      random: Math.random(),
    });
    const health = isLive ? this.apply(decision, claim, endpoint, attemptedAt, now) : null;
    const { answer, status } = decision;
    this.attempts.labels(status, answer.errorClass ?? 'none').inc();
    this.attemptSeconds.labels(status).observe(answer.durationMs / 1000);
    // Signatures are derived from secrets: left out. Custom header values are kept sealed.
    const sealed = endpoint?.sealedHeaders ?? {};
    const loggedHeaders = Object.fromEntries(
      Object.entries(requestHeaders)
        .filter(([name]) => !SIGNATURE_HEADERS.includes(name))
        .map(([name, value]) => [name, sealed[name] ?? value]),
    );
    await recorder.attempted({
      claim,
      event: {
        attemptId: newId('attempt'),
        messageId: claim.message_id,
        endpointId: claim.endpoint_id,
        appId: claim.app_id,
        attemptNumber: claim.attempts,
        trigger: claim.trigger,
        url: endpoint?.url ?? '',
        requestHeaders: loggedHeaders,
        responseStatus: answer.status,
        responseHeaders: answer.headers,
        responseBody: answer.body,
        durationMs: answer.durationMs,
        errorClass: answer.errorClass,
        errorMessage: answer.errorMessage,
        succeeded: decision.succeeded,
        deliveryStatus: status,
        nextAttemptAt: decision.retryAt === null ? null : new Date(decision.retryAt).toISOString(),
        attemptedAt: attemptedAt.toISOString(),
      },
      health: health ?? undefined,
    });
  }

  private requestHeaders(
    endpoint: DirectoryEndpoint,
    claim: ClaimedDelivery,
    attemptedAt: Date,
  ): Record<string, string> {
    const timestamp = Math.floor(attemptedAt.getTime() / 1000);
    const now = attemptedAt.toISOString();
    const validSecrets = endpoint.secrets
      .filter((secret) => secret.expiresAt === null || secret.expiresAt > now)
      .map((secret) => secret.secret);
    return {
      ...endpoint.headers,
      'content-type': 'application/json',
      'user-agent': 'Hookport/0.1',
      ...signingHeaders(
        this.parts.signatureHeaders,
        claim.message_id,
        timestamp,
        signatureHeader(validSecrets, claim.message_id, timestamp, claim.payload),
      ),
    };
  }

  /** Carries out what an attempt at a live endpoint decided; returns the health change. */
  private apply(
    decision: AttemptDecision,
    claim: ClaimedDelivery,
    endpoint: DirectoryEndpoint,
    attemptedAt: Date,
    now: number,
  ): EndpointHealthChangedV1 | null {
    const { directory, admission, health, recorder } = this.parts;
    if (decision.pauseUntil !== null) admission.pause(claim.endpoint_id, decision.pauseUntil);
    if (decision.disableReason !== null) {
      directory.upsert({ ...endpoint, disabled: true });
      const reason = decision.disableReason;
      return health.disable(claim.endpoint_id, claim.app_id, reason, attemptedAt.getTime());
    }
    if (!decision.isCounted) return null;
    const transition = admission.record(claim.endpoint_id, decision.succeeded, now);
    if (transition) recorder.circuitChanged(claim.app_id, transition, now);
    const change = health.record(claim.endpoint_id, claim.app_id, decision.succeeded, now);
    // Stop sending at once; the endpoints service disables it for good on the event.
    if (change?.health === 'disabled') directory.upsert({ ...endpoint, disabled: true });
    return change;
  }
}
