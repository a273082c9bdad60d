import type { DeliveryStatus } from '@hookport/contracts';
import type { SendResult } from './http-sender';
import { retryDelayMs, THROTTLING_STATUSES } from './retry-policy';

/** The endpoint as the attempt found it: live and asked (with its answer), or not asked at all. */
export type AttemptEndpoint =
  | {
      standing: 'live';
      answer: SendResult;
      /** Still live in the directory once it answered: nothing disabled it during the send. */
      isStillLive: boolean;
    }
  | { standing: 'disabled' | 'missing' };

export interface AttemptFacts {
  endpoint: AttemptEndpoint;
  /** The delivery's attempt number, 1-based, this one included. */
  attempt: number;
  /** Delay before each attempt in seconds (`HOOKPORT_RETRY_SCHEDULE`). */
  scheduleSeconds: number[];
  /** When the attempt ended (epoch ms): the retry, the pause and a dated Retry-After count from it. */
  now: number;
  /** A uniform draw in [0, 1) for the retry's jitter. */
  random: number;
}

export interface AttemptDecision {
  /** The answer the attempt records: the endpoint's, or why it was not asked. */
  answer: SendResult;
  succeeded: boolean;
  /** The delivery's status after this attempt. */
  status: DeliveryStatus;
  /** When the delivery is attempted again (epoch ms); null when it is not. */
  retryAt: number | null;
  /** The endpoint asked to slow down: none of its deliveries before then (epoch ms). */
  pauseUntil: number | null;
  /** Why the endpoint is disabled at once, whatever its health; null when it is not. */
  disableReason: string | null;
  /** Whether the outcome counts towards the endpoint's circuit breaker and health. */
  isCounted: boolean;
}

const NOT_ASKED_BECAUSE = {
  disabled: 'endpoint disabled',
  missing: 'endpoint no longer exists',
} as const;

const notAsked = (standing: 'disabled' | 'missing'): SendResult => ({
  status: null,
  headers: {},
  body: '',
  durationMs: 0,
  errorClass: 'other',
  errorMessage: NOT_ASKED_BECAUSE[standing],
});

/** Everything an attempt's outcome decides, from what it found; no clock, no state. */
export const decideAttempt = ({
  endpoint,
  attempt,
  scheduleSeconds,
  now,
  random,
}: AttemptFacts): AttemptDecision => {
  const isLive = endpoint.standing === 'live';
  const answer = isLive ? endpoint.answer : notAsked(endpoint.standing);
  const succeeded = answer.status !== null && answer.status >= 200 && answer.status < 300;
  // 410 Gone: the receiver says the endpoint is no more. No retry; the endpoint is disabled.
  const isGone = isLive && answer.status === 410;
  // A delivery to a disabled or deleted endpoint still retries: it may be enabled again.
  const delay =
    succeeded || isGone
      ? null
      : retryDelayMs(scheduleSeconds, attempt, answer.headers['retry-after'], () => random, now);
  const retryAt = delay === null ? null : now + delay;
  const isThrottling = answer.status !== null && THROTTLING_STATUSES.has(answer.status);
  return {
    answer,
    succeeded,
    status: succeeded ? 'succeeded' : retryAt === null ? 'failed' : 'retrying',
    retryAt,
    // The endpoint's other deliveries wait as long as this one; with no retry, nothing waits.
    pauseUntil: isThrottling ? retryAt : null,
    disableReason: isGone ? '410 Gone' : null,
    // An attempt in flight when its endpoint was disabled (a 410 from another, the customer)
    // leaves health and circuit as the disable left them; a 410 is told as a disable instead.
    isCounted: isLive && !isGone && endpoint.isStillLive,
  };
};
