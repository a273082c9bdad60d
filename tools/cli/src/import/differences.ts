import { isDeepStrictEqual } from 'node:util';
import type { ApplicationOut, EndpointHeadersOut, EndpointOut, EventTypeOut } from 'svix';

// What the import compares, each side read into the same shape: the APIs leave a field out,
// null, or empty for the same meaning, and a second run must see those as equal.

const listOrNull = (list: string[] | null | undefined): string[] | null =>
  list && list.length > 0 ? [...list].sort() : null;

const objectOrNull = (value: unknown): unknown =>
  value && typeof value === 'object' && Object.keys(value).length > 0 ? value : null;

export const applicationFields = (app: ApplicationOut) => ({
  name: app.name,
  throttleRate: app.throttleRate ?? null,
  metadata: app.metadata ?? {},
});

/** The archived state is applied apart, after the endpoints that may still filter on the type. */
export const eventTypeFields = (type: EventTypeOut) => ({
  description: type.description ?? '',
  schemas: objectOrNull(type.schemas),
  groupName: type.groupName ?? null,
  deprecated: type.deprecated ?? false,
});

export const endpointFields = (endpoint: EndpointOut) => ({
  url: endpoint.url,
  description: endpoint.description ?? '',
  eventTypes: listOrNull(endpoint.eventTypes),
  channels: listOrNull(endpoint.channels),
  throttleRate: endpoint.throttleRate ?? null,
  disabled: endpoint.disabled ?? false,
  metadata: endpoint.metadata ?? {},
});

/** The fields of `desired` whose value `actual` does not have: what a PATCH must send. */
export const changedFields = <T extends Record<string, unknown>>(
  desired: T,
  actual: T,
): Partial<T> =>
  Object.fromEntries(
    Object.entries(desired).filter(([field, value]) => !isDeepStrictEqual(value, actual[field])),
  ) as Partial<T>;

export const hasChanges = (fields: object): boolean => Object.keys(fields).length > 0;

/**
 * The headers the target endpoint should have. Svix redacts sensitive headers (it names them in
 * `sensitive` without their values): those keep whatever value the target has, and are reported
 * so the operator sets them by hand.
 */
export const desiredHeaders = (
  source: EndpointHeadersOut,
  target: Record<string, string> | undefined,
): { headers: Record<string, string>; unreadable: string[] } => {
  const unreadable = source.sensitive ?? [];
  const kept = Object.fromEntries(
    Object.entries(target ?? {}).filter(([name]) =>
      unreadable.some((hidden) => hidden.toLowerCase() === name.toLowerCase()),
    ),
  );
  return { headers: { ...source.headers, ...kept }, unreadable };
};

export const sameHeaders = (a: Record<string, string>, b: Record<string, string>): boolean =>
  isDeepStrictEqual(a, b);

/**
 * The target endpoint a source endpoint is, if any: the one with its uid, or, when it has none,
 * one with its URL not already matched to another source endpoint.
 */
export const matchEndpoint = (
  source: EndpointOut,
  targets: readonly EndpointOut[],
  taken: ReadonlySet<string>,
): EndpointOut | undefined => {
  const free = targets.filter((target) => !taken.has(target.id));
  if (source.uid) return free.find((target) => target.uid === source.uid);
  return free.find((target) => !target.uid && target.url === source.url);
};
