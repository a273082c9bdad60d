/** Stable machine-readable error codes; each maps to one HTTP status in the problem filter. */
export const ERROR_CODES = {
  validation: { status: 422, title: 'Validation failed' },
  malformedRequest: { status: 400, title: 'Malformed request' },
  unauthorized: { status: 401, title: 'Missing or invalid credentials' },
  forbidden: { status: 403, title: 'Not allowed' },
  notFound: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  requestTimeout: { status: 408, title: 'Request not received in time' },
  payloadTooLarge: { status: 413, title: 'Payload too large' },
  uriTooLong: { status: 414, title: 'URI too long' },
  headersTooLarge: { status: 431, title: 'Request headers too large' },
  rateLimited: { status: 429, title: 'Too many requests' },
  codeAlreadyUsed: { status: 401, title: 'One-time code already used or expired' },
  upstreamUnavailable: { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  field: string;
  message: string;
  /** Where the field is, when it is not in the body: a query or path parameter. */
  in?: 'query' | 'path';
}

/** RFC 9457 problem details, as every Hookport error is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
}

export const PROBLEM_TYPE_BASE = 'https://hookport.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
