import type { FastifyReply } from 'fastify';
import type { EventTypeOut } from '@hookport/contracts';
import { APP_POSITION_HEADER, HookportError, type Principal } from '@hookport/platform';
import { relayReply } from './relay-reply';
import type { ServiceClient } from './service-client';

/**
 * A test send: the event type's example payload (from the endpoints service's catalogue),
 * queued by delivery for this one endpoint with the `test` trigger.
 */
export const sendExample = async (
  services: ServiceClient,
  reply: FastifyReply,
  principal: Principal,
  app: { id: string; position: string },
  endpointId: string,
  eventType: string,
): Promise<FastifyReply> => {
  // The endpoint first: another application's (or a restricted session's) is 404, like a missing one.
  const endpoint = await services.forward('endpoints', {
    method: 'GET',
    path: `/internal/apps/${app.id}/endpoints/${encodeURIComponent(endpointId)}`,
    principal,
  });
  if (endpoint.status !== 200) return relayReply(reply, endpoint);
  const found = await services.json<EventTypeOut>('endpoints', {
    method: 'GET',
    path: `/internal/event-types/${encodeURIComponent(eventType)}`,
    principal,
  });
  if (found.status === 404) {
    throw new HookportError('validation', `Unknown event type "${eventType}"`, [
      { field: 'eventType', message: 'event-type-unknown' },
    ]);
  }
  if (found.status !== 200)
    throw new HookportError('upstreamUnavailable', 'The catalogue is unavailable');
  const response = await services.forward('delivery', {
    method: 'POST',
    path: `/internal/apps/${app.id}/endpoints/${encodeURIComponent(endpointId)}/test`,
    body: { eventType, payload: found.body.example ?? {} },
    principal,
    // Delivery waits until it knows the endpoint (created a moment ago, perhaps).
    headers: { [APP_POSITION_HEADER]: app.position },
  });
  return relayReply(reply, response);
};
