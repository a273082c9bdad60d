import { ERROR_CODES, type ErrorCode, type FieldError } from '@hookport/contracts';

/**
 * The one error type services throw for a client-visible failure. Module error classes extend it
 * with their own code enum; the problem filter maps every code to its HTTP status.
 */
export class HookportError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly fieldErrors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const notFound = (what: string) => new HookportError('notFound', `${what} not found`);
