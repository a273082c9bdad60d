import { createRequire } from 'node:module';
import { join } from 'node:path';

interface RequestQueueLike {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

// kafkajs' own interval for re-checking requests held back by a throttle.
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;
let patched = false;

/**
 * kafkajs 2.2.4 re-arms a timer after every request even when nothing is pending, with a
 * negative delay (so 1 ms): each broker connection then runs its check ~1,000 times a second
 * for life. Measured here: 56 ms of CPU a second for one idle producer, and every service holds
 * several connections (tulios/kafkajs#1556, fix proposed in #1667, unreleased). This is that
 * fix: a timer only while requests wait, at the throttle's end. Requests held back by the
 * in-flight limit are checked when one in flight is answered, as before.
 */
export const fixKafkaRequestQueueSpin = (): void => {
  if (patched) return;
  patched = true;
  // The library is CommonJS; from the ESM test runner `require` is not defined.
  const load = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'x.js'));
  const version = (load('kafkajs/package.json') as { version: string }).version;
  if (!version.startsWith('2.2.')) return; // another release: review before patching it
  const RequestQueue = load('kafkajs/src/network/requestQueue') as {
    prototype: RequestQueueLike;
  };
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueueLike) {
    if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
    const throttledFor = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      throttledFor > 0 ? throttledFor : CHECK_PENDING_REQUESTS_INTERVAL_MS,
    );
  };
};
