import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'undici';

/**
 * Response bodies are whatever the test expects them to be: typing each one would restate the
 * contracts in every test, and a wrong shape fails the assertion anyway.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON (problem+json too) when the body is JSON, the text otherwise, undefined if empty. */
  body: T;
  /** The body as received. */
  text: string;
}

export interface ApiRequestOptions {
  /** Bearer token; default the stack's admin key, `null` to send no Authorization at all. */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface ApiClient {
  get<T = Json>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>>;
  post<T = Json>(
    path: string,
    body?: unknown,
    options?: ApiRequestOptions,
  ): Promise<ApiResponse<T>>;
  put<T = Json>(path: string, body?: unknown, options?: ApiRequestOptions): Promise<ApiResponse<T>>;
  patch<T = Json>(
    path: string,
    body?: unknown,
    options?: ApiRequestOptions,
  ): Promise<ApiResponse<T>>;
  delete<T = Json>(path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>>;
}

/** What `api()` needs of a stack; another base URL (a single service) works the same way. */
export interface ApiTarget {
  gatewayUrl: string;
  adminKey?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const parseBody = (text: string, contentType: string | undefined): unknown => {
  if (text.length === 0) return undefined;
  // Any JSON media type (application/json, application/problem+json, ...) or a body that looks
  // like JSON under a wrong or missing content type.
  const looksJson = /[/+]json\b/i.test(contentType ?? '') || /^\s*[[{"]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * A small HTTP client for tests, speaking to the gateway as the admin by default. It never
 * throws on an HTTP status: tests assert on `status` and on the problem+json body themselves.
 */
export const api = (target: ApiTarget): ApiClient => {
  const send = async (
    method: Method,
    path: string,
    body: unknown,
    options: ApiRequestOptions = {},
  ): Promise<ApiResponse> => {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json;q=0.9, */*;q=0.1',
    };
    const token = options.token === undefined ? target.adminKey : options.token;
    if (token) headers['authorization'] = `Bearer ${token}`;
    let payload: string | Uint8Array | undefined;
    if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    Object.assign(headers, options.headers);

    const response = await request(new URL(path, target.gatewayUrl), {
      method,
      headers,
      body: payload,
      // Fail well within a test's timeout rather than undici's default of 5 minutes.
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const text = await response.body.text();
    const contentType = response.headers['content-type'];
    return {
      status: response.statusCode,
      headers: response.headers,
      body: parseBody(text, Array.isArray(contentType) ? contentType[0] : contentType),
      text,
    };
  };

  return {
    get: (path, options) => send('GET', path, undefined, options),
    post: (path, body, options) => send('POST', path, body, options),
    put: (path, body, options) => send('PUT', path, body, options),
    patch: (path, body, options) => send('PATCH', path, body, options),
    delete: (path, options) => send('DELETE', path, undefined, options),
  };
};

/**
 * A portal session token for an application, as the operator's backend and the portal get one:
 * a portal session (as the admin) and its one-time code exchanged (with no credentials).
 */
export const portalToken = async (
  client: ApiClient,
  app: string,
  session: Record<string, unknown> = { role: 'viewer' },
): Promise<string> => {
  const created = await client.post<{ code: string }>(`/api/v1/app/${app}/portal-session`, session);
  const exchanged = await client.post<{ token: string }>(
    '/portal-api/v1/session/exchange',
    { code: created.body.code },
    { token: null },
  );
  return exchanged.body.token;
};
