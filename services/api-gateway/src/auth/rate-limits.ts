import { HookportError, TokenBuckets } from '@hookport/platform';
import type { GatewayConfig } from '../config';

/**
 * Request rate limits per API key and per portal session, in this gateway process (with N
 * replicas behind a balancer, a caller gets up to N times the rate). 0 turns a limit off.
 */
export class RateLimits {
  private readonly apiKeys: TokenBuckets | null;
  private readonly sessions: TokenBuckets | null;

  constructor(config: GatewayConfig) {
    const buckets = (rate: number) => (rate > 0 ? new TokenBuckets(rate, rate * 2) : null);
    this.apiKeys = buckets(config.HOOKPORT_RATE_LIMIT_API_KEY);
    this.sessions = buckets(config.HOOKPORT_RATE_LIMIT_PORTAL_SESSION);
  }

  apiKey(keyId: string): void {
    RateLimits.take(this.apiKeys, keyId, 'this API key');
  }

  session(sessionId: string): void {
    RateLimits.take(this.sessions, sessionId, 'this portal session');
  }

  private static take(buckets: TokenBuckets | null, key: string, who: string): void {
    const waitMs = buckets?.take(key) ?? 0;
    if (waitMs === 0) return;
    throw new HookportError(
      'rateLimited',
      `Too many requests for ${who}; retry after the time in Retry-After.`,
      undefined,
      { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) },
    );
  }
}
