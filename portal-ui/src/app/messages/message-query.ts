import type { MessageFilters } from '../api/portal-api';

/** The delivery log's filters, by the names the portal API and the address bar both use. */
export const FILTER_NAMES = [
  'search',
  'status',
  'eventType',
  'endpointId',
  'after',
  'before',
] as const satisfies readonly (keyof MessageFilters)[];

export type FilterName = (typeof FILTER_NAMES)[number];

/** What the delivery log shows: its filters and the page (a keyset iterator; null: the newest). */
export interface MessageQuery {
  filters: MessageFilters;
  iterator: string | null;
}

/** Reads a query from the address bar's parameters (other parameters, e.g. `lang`, are ignored). */
export const queryFromParams = (get: (name: string) => string | null): MessageQuery => {
  const filters: MessageFilters = {};
  for (const name of FILTER_NAMES) {
    const value = get(name);
    if (value) filters[name] = value;
  }
  return { filters, iterator: get('iterator') || null };
};

/**
 * The address bar's parameters for a query: every name of ours, null when unused, so that a
 * merge with the parameters there removes the filters no longer in use.
 */
export const paramsOfQuery = (query: MessageQuery): Record<string, string | null> => {
  const params: Record<string, string | null> = { iterator: query.iterator };
  for (const name of FILTER_NAMES) params[name] = query.filters[name] || null;
  return params;
};

export const hasFilters = (filters: MessageFilters): boolean =>
  FILTER_NAMES.some((name) => Boolean(filters[name]));

export const sameQuery = (a: MessageQuery, b: MessageQuery): boolean =>
  a.iterator === b.iterator &&
  FILTER_NAMES.every((name) => (a.filters[name] ?? '') === (b.filters[name] ?? ''));

/** An instant (ISO 8601) as a `datetime-local` input shows it: the reader's local time. */
export const localInputValue = (instant: string | undefined): string => {
  const at = instant ? new Date(instant) : null;
  if (!at || Number.isNaN(at.getTime())) return '';
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** A `datetime-local` input's value (local time) as an instant; empty when unset or invalid. */
export const instantOfLocalInput = (local: string): string => {
  const at = local ? new Date(local) : null;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : '';
};
