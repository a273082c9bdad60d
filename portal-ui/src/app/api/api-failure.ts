import type { ProblemDetails } from '@hookport/contracts';

/** How a failed call to the portal API ended, reduced to what the views need to decide. */
export type ApiFailure =
  | { kind: 'network' }
  | { kind: 'problem'; status: number; problem: ProblemDetails }
  | { kind: 'http'; status: number };

/**
 * Classifies an `HttpErrorResponse` (or anything thrown by an HTTP call). Status 0 means the
 * request never got an answer; a JSON body with `status` and `title` is RFC 9457 problem details.
 */
export function toApiFailure(error: unknown): ApiFailure {
  if (!isObject(error) || typeof error['status'] !== 'number' || error['status'] === 0) {
    return { kind: 'network' };
  }
  const status = error['status'];
  const body = error['error'];
  if (isProblem(body)) {
    return { kind: 'problem', status, problem: body };
  }
  return { kind: 'http', status };
}

export const failureStatus = (failure: ApiFailure): number | null =>
  failure.kind === 'network' ? null : failure.status;

function isProblem(value: unknown): value is ProblemDetails {
  return (
    isObject(value) &&
    typeof value['status'] === 'number' &&
    typeof value['title'] === 'string' &&
    typeof value['type'] === 'string'
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
