import { formProblems } from '../api/form-problems';
import type { MessageKey } from '../i18n/messages.en';

/**
 * What to tell the customer when the API refuses an action that has no form: the message of
 * the API's stable code, else of its status, else `fallback`. Never the API's own detail text,
 * which is English and written for developers.
 */
export const problemMessage = (failure: unknown, fallback: MessageKey): MessageKey =>
  formProblems(failure, {}, fallback).summary ?? fallback;
