import { Pool } from 'undici';
import { encodePrincipal, HookportError, type Principal } from '@hookport/platform';
import type { OwningService } from '@hookport/api-schema';
import { idempotencyKeyInScope } from './forwarded-idempotency-key';

export type ServiceName = OwningService;

export interface ForwardRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  principal: Principal;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string | undefined>;
}

export interface ForwardResponse {
  status: number;
  contentType: string | undefined;
  headers: Record<string, string>;
  body: Buffer;
}

// Response headers a service may pass through to the client.
const PASSED_HEADERS = ['retry-after', 'location'];

const toQueryString = (query: Record<string, unknown> | undefined): string => {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

/**
 * The gateway's keep-alive HTTP pools to the services, carrying a signed principal so that
 * services accept only calls the gateway authenticated.
 */
export class ServiceClient {
  private readonly pools = new Map<ServiceName, Pool>();

  constructor(
    urls: Record<ServiceName, string>,
    private readonly internalSecret: string,
  ) {
    for (const [name, url] of Object.entries(urls) as [ServiceName, string][]) {
      this.pools.set(name, new Pool(url, { connections: 128, keepAliveTimeout: 30_000 }));
    }
  }

  async forward(service: ServiceName, request: ForwardRequest): Promise<ForwardResponse> {
    const pool = this.pools.get(service)!;
    const headers: Record<string, string> = {
      ...encodePrincipal(this.internalSecret, request.principal),
      accept: 'application/json',
    };
    // The client's key goes with the POSTs made on its behalf, never with the gateway's own.
    const idempotencyKey = idempotencyKeyInScope();
    if (request.method === 'POST' && request.principal.kind !== 'system' && idempotencyKey)
      headers['idempotency-key'] = idempotencyKey;
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (value !== undefined) headers[name] = value;
    }
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    try {
      const response = await pool.request({
        method: request.method,
        path: `${request.path}${toQueryString(request.query)}`,
        headers,
        body,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      const buffer = Buffer.from(await response.body.arrayBuffer());
      const passed: Record<string, string> = {};
      for (const name of PASSED_HEADERS) {
        const value = response.headers[name];
        if (typeof value === 'string') passed[name] = value;
      }
      const contentType = response.headers['content-type'];
      return {
        status: response.statusCode,
        contentType: typeof contentType === 'string' ? contentType : undefined,
        headers: passed,
        body: buffer,
      };
    } catch {
      throw new HookportError(
        'upstreamUnavailable',
        `The ${service} service is unavailable`,
        undefined,
        {
          'retry-after': '1',
        },
      );
    }
  }

  /** Forwards and parses a JSON answer, turning service errors into gateway errors. */
  async json<T>(
    service: ServiceName,
    request: ForwardRequest,
  ): Promise<{ status: number; body: T }> {
    const response = await this.forward(service, request);
    const parsed =
      response.body.length > 0
        ? (JSON.parse(response.body.toString('utf8')) as T)
        : (undefined as T);
    return { status: response.status, body: parsed };
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }
}
