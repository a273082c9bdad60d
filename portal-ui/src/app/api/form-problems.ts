import type { MessageKey } from '../i18n/messages.en';
import { toApiFailure } from './api-failure';

/** What a refused form submission tells the customer, in words they can act on. */
export interface FormProblems {
  /** Per field of the form: the message shown beside it (the field is marked invalid). */
  fields: Readonly<Partial<Record<string, MessageKey>>>;
  /** About the form as a whole: why it failed when no field of the form is to blame. */
  summary: MessageKey | null;
}

export const NO_PROBLEMS: FormProblems = { fields: {}, summary: null };

/**
 * The API's stable error codes (`errors[].message` of a problem), each with its human message.
 * A code not listed falls back to the field's own message, so a new code still reads well.
 */
const CODE_MESSAGES: Readonly<Partial<Record<string, MessageKey>>> = {
  'endpoint-address-not-allowed': 'errors.code.addressNotAllowed',
  'endpoint-https-required': 'errors.code.httpsRequired',
  'endpoint-reserved-header': 'errors.code.reservedHeader',
  'endpoint-invalid-header': 'errors.code.invalidHeader',
  'endpoint-unknown-event-type': 'errors.code.unknownEventType',
  'endpoint-uid-taken': 'errors.code.uidTaken',
};

/** The form field an API field path belongs to: `headers.X-Team` and `channels[0]` name theirs. */
const formFieldOf = (path: string): string => path.split(/[.[]/)[0] ?? path;

/**
 * Reads a failed submission: each field error the form can show goes beside its field, with the
 * code's message, else the field's own (`fieldMessages`, e.g. "Enter a full web address"). What
 * names no field of the form is said once, above it: the status's meaning, else `fallback`.
 */
export function formProblems(
  failure: unknown,
  fieldMessages: Readonly<Record<string, MessageKey>>,
  fallback: MessageKey,
): FormProblems {
  const result = toApiFailure(failure);
  if (result.kind === 'network') return { fields: {}, summary: 'errors.network' };
  const fields: Partial<Record<string, MessageKey>> = {};
  let hasOtherError = false;
  let otherCode: MessageKey | undefined;
  const errors = result.kind === 'problem' ? (result.problem.errors ?? []) : [];
  for (const error of errors) {
    const field = formFieldOf(error.field);
    const own = fieldMessages[field];
    if (own === undefined) {
      hasOtherError = true;
      otherCode ??= CODE_MESSAGES[error.message];
      continue;
    }
    // The first error of a field is the one shown: one message a field, never a list.
    fields[field] ??= CODE_MESSAGES[error.message] ?? own;
  }
  const hasFieldError = Object.keys(fields).length > 0;
  const summary =
    hasFieldError && !hasOtherError ? null : (otherCode ?? statusMessage(result.status, fallback));
  return { fields, summary };
}

function statusMessage(status: number, fallback: MessageKey): MessageKey {
  switch (status) {
    case 403:
      return 'errors.status.forbidden';
    case 404:
      return 'errors.status.notFound';
    case 429:
      return 'errors.status.rateLimited';
    default:
      return status >= 500 ? 'errors.status.server' : fallback;
  }
}
