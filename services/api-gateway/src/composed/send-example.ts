import type { FastifyReply } from 'fastify';
import { EventExampleIn, type EndpointHealthOut } from '@hookport/api-schema';
import { APP_POSITION_HEADER, HookportError, type Principal } from '@hookport/platform';
import type { AppResolver } from '../forwarding/app-resolver';
import { relayReply } from '../forwarding/relay-reply';
import type { ServiceClient } from '../forwarding/service-client';
import type { ComposedHandler } from '../routes/route-call';
import { validated } from '../routes/validated';
import type { EndpointOut, EventTypeOut } from '@hookport/api-schema';

/** Why a test send to an endpoint would not be attempted now (field error messages, stable). */
export enum TestSendRefusal {
  EndpointDisabled = 'endpoint-disabled',
  EndpointPaused = 'endpoint-paused',
}

/**
 * A test send: the event type's example payload (from the endpoints service's catalogue),
 * queued by delivery for this one endpoint with the `test` trigger. With `refuseUnreachable`
 * (the portal, whose user watches for the answer), an endpoint that would not be tried now —
 * disabled, or paused by its open circuit — is a 409 saying so, not a message that waits.
 */
const sendExample = async (
  services: ServiceClient,
  reply: FastifyReply,
  principal: Principal,
  app: { id: string; position: string },
  endpointId: string,
  eventType: string,
  options: { refuseUnreachable?: boolean } = {},
): Promise<FastifyReply> => {
  // The endpoint first: another application's (or a restricted session's) is 404, like a missing one.
  const endpoint = await services.forward('endpoints', {
    method: 'GET',
    path: `/internal/apps/${app.id}/endpoints/${encodeURIComponent(endpointId)}`,
    principal,
  });
  if (endpoint.status !== 200) return relayReply(reply, endpoint);
  if (options.refuseUnreachable) {
    const { disabled } = JSON.parse(endpoint.body.toString('utf8')) as EndpointOut;
    await refuseUnreachable(services, principal, app.id, endpointId, Boolean(disabled));
  }
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

/** Throws the 409 of an endpoint a delivery would not be attempted to now. */
const refuseUnreachable = async (
  services: ServiceClient,
  principal: Principal,
  appId: string,
  endpointId: string,
  isDisabled: boolean,
): Promise<void> => {
  if (isDisabled) {
    throw new HookportError('conflict', 'The endpoint is disabled: enable it to send a test', [
      { field: 'endpointId', in: 'path', message: TestSendRefusal.EndpointDisabled },
    ]);
  }
  // The circuit as the delivery log has it (every delivery process's transitions, in order).
  const health = await services.json<{ data: EndpointHealthOut[] }>('logs', {
    method: 'GET',
    path: `/internal/apps/${appId}/endpoint-health`,
    principal,
  });
  if (health.status !== 200) return;
  const circuit = health.body.data.find((entry) => entry.endpointId === endpointId);
  const isPaused =
    circuit?.circuit === 'open' &&
    circuit.nextProbeAt !== null &&
    Date.parse(circuit.nextProbeAt) > Date.now();
  if (isPaused) {
    throw new HookportError(
      'conflict',
      `The endpoint is paused after repeated failures (circuit open) until ${circuit.nextProbeAt}: a test would wait until then`,
      [{ field: 'endpointId', in: 'path', message: TestSendRefusal.EndpointPaused }],
    );
  }
};

/**
 * `sendEndpointExample` and, refusing an unreachable endpoint, `portalSendTestEvent`. The
 * gateway reads the body, so it validates it first, as a pipe would.
 */
export const sendExampleRoute =
  (
    services: ServiceClient,
    apps: AppResolver,
    options: { refuseUnreachable?: boolean } = {},
  ): ComposedHandler =>
  async ({ app, param, body, principal, reply }) => {
    const { eventType } = await validated(EventExampleIn, body);
    const found = await app();
    // Delivery waits for the endpoints service's position: a session's application has none yet.
    const position = found.position ?? (await apps.resolve(found.id, principal)).position;
    return sendExample(
      services,
      reply,
      principal,
      { id: found.id, position },
      param('endpointId'),
      eventType,
      options,
    );
  };
