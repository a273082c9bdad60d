import { ApiException } from 'svix';

/** Which account a failed call went to: named in the message so the operator knows what to fix. */
export type Side = 'source' | 'target';

/** A failure the operator can act on: printed as one line, never as a stack trace. */
export class ImportError extends Error {
  constructor(
    message: string,
    /** 2 for a usage mistake (bad arguments), 1 for everything that happened while importing. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

const SIDE_NAMES: Record<Side, { account: string; tokenOption: string }> = {
  source: { account: 'the Svix account (--from-svix)', tokenOption: '--token' },
  target: { account: 'Hookport (--to)', tokenOption: '--to-token or HOOKPORT_ADMIN_API_KEY' },
};

// The API's own `detail` is safe to show (it never echoes secrets); its 422 form is a list.
const detailOf = (body: unknown): string => {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((item: { loc?: unknown[]; msg?: string }) =>
        [item.loc?.slice(1).join('.'), item.msg].filter(Boolean).join(': '),
      )
      .join('; ');
  }
  return '';
};

/** Turns what the SDK threw into a sentence about the account and the action that failed. */
export const describeFailure = (side: Side, action: string, error: unknown): ImportError => {
  const { account, tokenOption } = SIDE_NAMES[side];
  if (error instanceof ImportError) return error;
  if (error instanceof ApiException) {
    const status = error.code;
    if (status === 401)
      return new ImportError(`${account} refused the token (401): check ${tokenOption}.`);
    if (status === 403) {
      return new ImportError(`${account} denied ${action} (403): the token lacks a permission.`);
    }
    const detail = detailOf(error.body);
    return new ImportError(
      `${account} answered ${status} to ${action}${detail ? `: ${detail}` : ''}`,
    );
  }
  // fetch() failures: refused connection, unknown host, TLS, timeout.
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error | null)?.message ?? String(error);
  return new ImportError(`${account} is unreachable (${reason}) while trying to ${action}.`);
};

/** Runs one call against one side, so any failure reads as `describeFailure`. */
export const onSide = async <T>(side: Side, action: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw describeFailure(side, action, error);
  }
};

/** True when the SDK says the thing asked for does not exist. */
export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiException && error.code === 404;
