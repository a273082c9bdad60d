import type { AttemptErrorClass } from '@hookport/contracts';
import { describe, expect, it } from 'vitest';
import { decideAttempt, type AttemptEndpoint } from './attempt-decision';
import type { SendResult } from './http-sender';

// Immediately, then 5 s, then 5 min: the third attempt is the last.
const SCHEDULE = [0, 5, 300];
const NOW = Date.parse('2026-11-23T10:00:00Z');
const SECOND = 1_000;

type Asked = Extract<AttemptEndpoint, { standing: 'live' }>;

/** An HTTP answer as the sender reports it. */
const answered = (status: number, headers: Record<string, string> = {}): Asked => {
  const ok = status >= 200 && status < 300;
  return {
    standing: 'live',
    isStillLive: true,
    answer: {
      status,
      headers,
      body: '',
      durationMs: 40,
      errorClass: ok ? null : status >= 300 && status < 400 ? 'redirect' : 'http-status',
      errorMessage: ok ? null : `endpoint answered ${status}`,
    },
  };
};

/** A send that got no HTTP answer, as the sender reports it. */
const unanswered = (errorClass: AttemptErrorClass, errorMessage: string): Asked => ({
  standing: 'live',
  isStillLive: true,
  answer: { status: null, headers: {}, body: '', durationMs: 10_000, errorClass, errorMessage },
});

// Jitter drawn at its middle (none) unless a test says otherwise.
const decide = (endpoint: AttemptEndpoint, attempt = 1, random = 0.5) =>
  decideAttempt({ endpoint, attempt, scheduleSeconds: SCHEDULE, now: NOW, random });

/** What a user checks after an attempt. */
const seen = (decision: ReturnType<typeof decide>) => ({
  status: decision.status,
  nextAttemptAt: decision.retryAt === null ? null : new Date(decision.retryAt).toISOString(),
  pausedUntil: decision.pauseUntil === null ? null : new Date(decision.pauseUntil).toISOString(),
  isDisabled: decision.disableReason !== null,
  isCounted: decision.isCounted,
});

const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('decideAttempt', () => {
  describe('given the endpoint answers', () => {
    it.each([200, 204, 299])(
      'succeeds on %i, with nothing to retry, pause or disable',
      (status) => {
        const decision = decide(answered(status));
        expect(decision.succeeded).toBe(true);
        expect(seen(decision)).toEqual({
          status: 'succeeded',
          nextAttemptAt: null,
          pausedUntil: null,
          isDisabled: false,
          isCounted: true,
        });
      },
    );

    it.each([400, 401, 404, 422, 301])(
      'retries after 5 s when the endpoint answers %i, without pausing it',
      (status) => {
        const decision = decide(answered(status));
        expect(decision.succeeded).toBe(false);
        expect(seen(decision)).toEqual({
          status: 'retrying',
          nextAttemptAt: at(5 * SECOND),
          pausedUntil: null,
          isDisabled: false,
          isCounted: true,
        });
      },
    );

    it('retries after 5 min when the second attempt answers 500', () => {
      expect(seen(decide(answered(500), 2))).toMatchObject({
        status: 'retrying',
        nextAttemptAt: at(300 * SECOND),
        pausedUntil: null,
      });
    });

    it('fails for good on 410 Gone and disables the endpoint, even with attempts left', () => {
      const decision = decide(answered(410));
      expect(seen(decision)).toEqual({
        status: 'failed',
        nextAttemptAt: null,
        pausedUntil: null,
        isDisabled: true,
        // The disable is the health change; it is not also counted as a failure.
        isCounted: false,
      });
      expect(decision.disableReason).toBe('410 Gone');
    });

    it.each([429, 502, 503, 504])(
      'retries after 5 s on %i and pauses the endpoint as long',
      (status) => {
        expect(seen(decide(answered(status)))).toEqual({
          status: 'retrying',
          nextAttemptAt: at(5 * SECOND),
          pausedUntil: at(5 * SECOND),
          isDisabled: false,
          isCounted: true,
        });
      },
    );

    it('waits as long as a 429 asks in seconds, and pauses the endpoint until then', () => {
      expect(seen(decide(answered(429, { 'retry-after': '120' })))).toMatchObject({
        status: 'retrying',
        nextAttemptAt: at(120 * SECOND),
        pausedUntil: at(120 * SECOND),
      });
    });

    it('waits until the HTTP date a 429 asks for, and pauses the endpoint until then', () => {
      const answer = answered(429, { 'retry-after': 'Mon, 23 Nov 2026 10:01:30 GMT' });
      expect(seen(decide(answer))).toMatchObject({
        status: 'retrying',
        nextAttemptAt: '2026-11-23T10:01:30.000Z',
        pausedUntil: '2026-11-23T10:01:30.000Z',
      });
    });

    it('keeps to the schedule when Retry-After asks for less, or for more than an hour', () => {
      expect(seen(decide(answered(503, { 'retry-after': '1' }), 2))).toMatchObject({
        nextAttemptAt: at(300 * SECOND),
        pausedUntil: at(300 * SECOND),
      });
      expect(seen(decide(answered(429, { 'retry-after': '86400' })))).toMatchObject({
        nextAttemptAt: at(3_600 * SECOND),
      });
    });

    it('honours Retry-After on a 500 too, without pausing the endpoint', () => {
      expect(seen(decide(answered(500, { 'retry-after': '60' })))).toMatchObject({
        status: 'retrying',
        nextAttemptAt: at(60 * SECOND),
        pausedUntil: null,
      });
    });

    it('spreads retries by ±20 % with the jitter drawn', () => {
      expect(seen(decide(answered(500), 1, 0)).nextAttemptAt).toBe(at(4 * SECOND));
      expect(seen(decide(answered(500), 1, 0.999_999)).nextAttemptAt).toBe(at(6 * SECOND));
    });
  });

  describe('given the send got no answer', () => {
    it.each([
      ['a timeout', 'timeout', 'Headers Timeout Error'],
      ['a refused connection', 'connection-refused', 'connect ECONNREFUSED 127.0.0.1:9'],
      ['a reset connection', 'connection-reset', 'other side closed'],
      ['an unknown host', 'dns', 'getaddrinfo ENOTFOUND hooks.example'],
      ['a TLS error', 'tls', 'unable to verify the first certificate'],
      ['an SSRF refusal', 'ssrf-blocked', '10.0.0.1 is a private address'],
    ] as const)(
      'retries after 5 s on %s, without pausing the endpoint',
      (_, errorClass, message) => {
        const decision = decide(unanswered(errorClass, message));
        expect(decision.succeeded).toBe(false);
        expect(seen(decision)).toEqual({
          status: 'retrying',
          nextAttemptAt: at(5 * SECOND),
          pausedUntil: null,
          isDisabled: false,
          isCounted: true,
        });
        expect(decision.answer).toMatchObject({ status: null, errorClass, errorMessage: message });
      },
    );
  });

  describe('given the last attempt of the schedule', () => {
    it.each([
      ['500', answered(500)],
      ['a timeout', unanswered('timeout', 'Headers Timeout Error')],
    ])('fails for good on %s, still counted against the endpoint', (_, endpoint) => {
      expect(seen(decide(endpoint, 3))).toEqual({
        status: 'failed',
        nextAttemptAt: null,
        pausedUntil: null,
        isDisabled: false,
        isCounted: true,
      });
    });

    it('fails on a 429 without pausing, whatever Retry-After asks', () => {
      expect(seen(decide(answered(429, { 'retry-after': '60' }), 3))).toMatchObject({
        status: 'failed',
        nextAttemptAt: null,
        pausedUntil: null,
      });
    });

    it('still succeeds on 2xx', () => {
      expect(decide(answered(200), 3).status).toBe('succeeded');
    });
  });

  describe('given the endpoint is not live', () => {
    it.each([
      ['disabled', 'endpoint disabled'],
      ['missing', 'endpoint no longer exists'],
    ] as const)(
      'records a failed attempt to a %s endpoint, saying why, and retries per schedule',
      (standing, message) => {
        const decision = decide({ standing });
        const failed: Partial<SendResult> = {
          status: null,
          errorClass: 'other',
          errorMessage: message,
          durationMs: 0,
        };
        expect(decision.answer).toMatchObject(failed);
        expect(decision.succeeded).toBe(false);
        expect(seen(decision)).toEqual({
          status: 'retrying',
          nextAttemptAt: at(5 * SECOND),
          pausedUntil: null,
          isDisabled: false,
          isCounted: false,
        });
      },
    );

    it('fails a delivery to a disabled endpoint for good on its last attempt', () => {
      expect(seen(decide({ standing: 'disabled' }, 3))).toMatchObject({
        status: 'failed',
        nextAttemptAt: null,
      });
    });

    it('does not count an answer that came after the endpoint was disabled mid-send', () => {
      const late: Asked = { ...answered(500), isStillLive: false };
      expect(seen(decide(late))).toMatchObject({ status: 'retrying', isCounted: false });
    });

    it('still disables on a 410 that came after the endpoint was disabled mid-send', () => {
      const late: Asked = { ...answered(410), isStillLive: false };
      expect(seen(decide(late))).toMatchObject({ status: 'failed', isDisabled: true });
    });
  });
});
