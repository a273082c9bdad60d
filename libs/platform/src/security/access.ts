import { SetMetadata } from '@nestjs/common';
import type { LiveEvent } from '@hookport/contracts';
import type { Principal } from './principal';
import type { SecretBox } from './secret-box';
import { openHeaderValues, type SealedHeaders } from './sealed-headers';

/**
 * What one principal may see of an application's data, decided here once and applied by the
 * service that owns the data (the gateway checks too, but a forgotten check there must not leak).
 */

/** The endpoints a principal is restricted to (a portal session may be), or null for all. */
export const endpointRestrictionOf = (principal: Principal): readonly string[] | null =>
  principal.kind === 'portal-session' ? principal.endpointIds : null;

/** Whether the principal may see an endpoint: always, unless restricted to others. */
export const mayAccessEndpoint = (principal: Principal, endpointId: string): boolean => {
  const only = endpointRestrictionOf(principal);
  return only === null || only.includes(endpointId);
};

/**
 * Whether header values (custom headers carry receivers' credentials) may be shown: to the
 * operator's API keys and Hookport itself, and to portal sessions holding `secrets:read`.
 */
export const mayReadSecrets = (principal: Principal): boolean =>
  principal.kind !== 'portal-session' || principal.scopes.includes('secrets:read');

/**
 * A live-stream event as a principal may see it: a message only if it went to an endpoint the
 * principal may see, naming only those; an attempt or health change only of such an endpoint.
 */
export const liveEventFor = (principal: Principal, event: LiveEvent): LiveEvent | null => {
  const only = endpointRestrictionOf(principal);
  if (only === null) return event;
  if (event.type !== 'message') return only.includes(event.data.endpointId) ? event : null;
  const endpointIds = event.data.endpointIds.filter((id) => only.includes(id));
  return endpointIds.length > 0 ? { ...event, data: { ...event.data, endpointIds } } : null;
};

export const MASKED_VALUE = '********';

/**
 * Lower-case names of the headers Hookport itself sets on a delivery: never credentials, so always
 * shown and recorded clear. The rest come from the endpoint's custom headers.
 */
export const hookportHeaderNames: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'user-agent',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'svix-id',
  'svix-timestamp',
  'svix-signature',
]);

/**
 * Header values as a principal may see them: opened for who may read secrets, masked for the
 * rest (names stay visible); Hookport's own headers shown to all when `keepHookportHeaders`.
 */
export const headersFor = (
  principal: Principal,
  headers: SealedHeaders,
  box: SecretBox,
  options: { keepHookportHeaders?: boolean } = {},
): Record<string, string> => {
  if (mayReadSecrets(principal)) return openHeaderValues(box, headers);
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      options.keepHookportHeaders && hookportHeaderNames.has(name.toLowerCase())
        ? value
        : MASKED_VALUE,
    ]),
  );
};

export const ALLOWED_CALLERS = 'hookport:allowed-callers';

/**
 * Restricts an internal route to some kinds of principal: the management API's Svix-shaped
 * history, say, is for API keys, never for a portal session, whichever gateway route forwards.
 */
export const AllowedCallers = (...kinds: Principal['kind'][]) =>
  SetMetadata(ALLOWED_CALLERS, kinds);
