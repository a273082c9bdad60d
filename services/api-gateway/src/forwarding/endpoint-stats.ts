import type { FastifyReply } from 'fastify';
import type { Principal } from '@hookport/platform';
import { forwardAndRelay, relayReply } from './relay-reply';
import type { ServiceClient } from './service-client';

/**
 * An endpoint's stats: the endpoints service first confirms the endpoint is the application's
 * (and within a portal session's restriction), then logs answers from its per-minute rows.
 */
export const endpointStats = async (
  services: ServiceClient,
  reply: FastifyReply,
  principal: Principal,
  appId: string,
  endpointId: string,
  query: Record<string, unknown>,
) => {
  const endpoint = `/internal/apps/${appId}/endpoints/${encodeURIComponent(endpointId)}`;
  const found = await services.forward('endpoints', { method: 'GET', path: endpoint, principal });
  if (found.status !== 200) return relayReply(reply, found);
  return forwardAndRelay(services, reply, 'logs', {
    method: 'GET',
    path: `${endpoint}/stats`,
    principal,
    query,
  });
};
