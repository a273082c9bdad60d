import { forwardAndRelay, relayReply } from '../forwarding/relay-reply';
import type { ServiceClient } from '../forwarding/service-client';
import type { ComposedHandler } from '../routes/route-call';

/**
 * An endpoint's stats (`getEndpointStats`, `portalGetEndpointStats`): the endpoints service
 * first confirms the endpoint is the application's (and within a portal session's
 * restriction), then logs answers from its per-minute rows.
 */
export const endpointStats =
  (services: ServiceClient): ComposedHandler =>
  async ({ app, param, query, principal, reply }) => {
    const { id } = await app();
    const endpoint = `/internal/apps/${id}/endpoints/${encodeURIComponent(param('endpointId'))}`;
    const found = await services.forward('endpoints', { method: 'GET', path: endpoint, principal });
    if (found.status !== 200) return relayReply(reply, found);
    return forwardAndRelay(services, reply, 'logs', {
      method: 'GET',
      path: `${endpoint}/stats`,
      principal,
      query,
    });
  };
