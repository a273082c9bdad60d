import { Agent, errors, request } from 'undici';
import type { AttemptErrorClass } from '@hookport/contracts';
import type { AddressPolicy } from '@hookport/platform';
import { checkLiteralHost, findSsrfBlock, safeLookup } from './safe-lookup';

export interface SendResult {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
  errorClass: AttemptErrorClass | null;
  errorMessage: string | null;
}

const MAX_CAPTURED_BODY = 64 * 1024;

const classify = (error: unknown): { errorClass: AttemptErrorClass; message: string } => {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code ?? '';
  const blocked = findSsrfBlock(error);
  if (blocked) return { errorClass: 'ssrf-blocked', message: blocked.message };
  if (
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    error instanceof errors.ConnectTimeoutError ||
    (error as { name?: string } | null)?.name === 'TimeoutError'
  ) {
    return { errorClass: 'timeout', message };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { errorClass: 'dns', message };
  if (code === 'ECONNREFUSED') return { errorClass: 'connection-refused', message };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
    return { errorClass: 'connection-reset', message };
  }
  if (code.startsWith('ERR_TLS') || code.includes('CERT')) return { errorClass: 'tls', message };
  return { errorClass: 'other', message };
};

/**
 * POSTs deliveries with keep-alive connection pools per origin. Redirects are not followed
 * (a 3xx is a failure) and at most 64 KiB of the answer is kept.
 */
export class HttpSender {
  private readonly agent: Agent;

  constructor(
    private readonly timeoutMs: number,
    private readonly policy: AddressPolicy,
  ) {
    this.agent = new Agent({
      connections: 64,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 60_000,
      // Every new connection resolves and checks its addresses (SSRF, DNS rebinding).
      connect: { timeout: Math.min(timeoutMs, 10_000), lookup: safeLookup(policy) },
    });
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    try {
      const literal = checkLiteralHost(this.policy, url);
      if (literal) throw literal;
      const response = await request(url, {
        method: 'POST',
        headers,
        body,
        dispatcher: this.agent,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      let captured = '';
      let size = 0;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        if (size < MAX_CAPTURED_BODY) {
          captured += buffer.subarray(0, MAX_CAPTURED_BODY - size).toString('utf8');
        }
        size += buffer.length;
      }
      const responseHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined)
          responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return {
        status: response.statusCode,
        headers: responseHeaders,
        body: captured,
        durationMs: Math.round(performance.now() - started),
        errorClass: ok
          ? null
          : response.statusCode >= 300 && response.statusCode < 400
            ? 'redirect'
            : 'http-status',
        errorMessage: ok ? null : `endpoint answered ${response.statusCode}`,
      };
    } catch (error) {
      const { errorClass, message } = classify(error);
      return {
        status: null,
        headers: {},
        body: '',
        durationMs: Math.round(performance.now() - started),
        errorClass,
        errorMessage: message,
      };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
