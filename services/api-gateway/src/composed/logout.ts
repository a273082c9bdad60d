import { bearerToken } from '../auth/management-auth.guard';
import { forwardAndRelay } from '../forwarding/relay-reply';
import type { ServiceClient } from '../forwarding/service-client';
import type { ComposedHandler } from '../routes/route-call';

/**
 * Svix's logout: a portal session token (checked by the guard) ends its session; any other
 * bearer goes to portal-session, which recognises an app token, magic link or embed token.
 */
export const logout =
  (services: ServiceClient): ComposedHandler =>
  async ({ principal, request, reply }) => {
    if (principal.kind === 'portal-session')
      return forwardAndRelay(services, reply, 'portal-session', {
        method: 'POST',
        path: '/internal/portal-sessions/logout',
        principal,
      });
    return forwardAndRelay(services, reply, 'portal-session', {
      method: 'POST',
      path: '/internal/portal-sessions/logout-token',
      principal: { kind: 'anonymous' },
      body: { token: bearerToken(request) },
    });
  };
