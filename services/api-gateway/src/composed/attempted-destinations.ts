import type { ListResponse } from '@hookport/contracts';
import type { Principal } from '@hookport/platform';
import { relayReply } from '../forwarding/relay-reply';
import type { ForwardResponse, ServiceClient } from '../forwarding/service-client';
import type { ComposedHandler } from '../routes/route-call';
import type { EndpointOut } from '@hookport/api-schema';

interface Destination {
  endpointId: string;
  status: number;
  statusText: string;
  nextAttempt: string | null;
}

const json = (status: number, body: unknown): ForwardResponse => ({
  status,
  contentType: 'application/json',
  headers: {},
  body: Buffer.from(JSON.stringify(body)),
});

/**
 * Svix's attempted destinations: the log names each endpoint a message went to with its
 * delivery's state; the endpoints service describes each endpoint. An endpoint deleted since is
 * left out, as on Svix (its deliveries stay in the message's attempts).
 */
const attemptedDestinations = async (
  services: ServiceClient,
  appId: string,
  messageId: string,
  query: Record<string, unknown>,
  principal: Principal,
): Promise<ForwardResponse> => {
  const logged = await services.forward('logs', {
    method: 'GET',
    path: `/internal/apps/${appId}/history/messages/${encodeURIComponent(messageId)}/endpoints`,
    query,
    principal,
  });
  if (logged.status !== 200) return logged;
  const page = JSON.parse(logged.body.toString('utf8')) as ListResponse<Destination>;
  const answers = await Promise.all(
    page.data.map((destination) =>
      services.forward('endpoints', {
        method: 'GET',
        path: `/internal/apps/${appId}/endpoints/${encodeURIComponent(destination.endpointId)}`,
        principal,
      }),
    ),
  );
  const failed = answers.find((found) => found.status !== 200 && found.status !== 404);
  if (failed) return failed;
  const data = page.data.flatMap((destination, index) => {
    const found = answers[index]!;
    if (found.status === 404) return [];
    const endpoint = JSON.parse(found.body.toString('utf8')) as EndpointOut;
    return [
      {
        id: endpoint.id,
        uid: endpoint.uid,
        url: endpoint.url,
        description: endpoint.description,
        eventTypes: endpoint.eventTypes,
        channels: endpoint.channels,
        throttleRate: endpoint.throttleRate,
        disabled: endpoint.disabled,
        createdAt: endpoint.createdAt,
        updatedAt: endpoint.updatedAt,
        status: destination.status,
        statusText: destination.statusText,
        nextAttempt: destination.nextAttempt,
      },
    ];
  });
  return json(200, { ...page, data });
};

/** `listAttemptedDestinations`. */
export const attemptedDestinationsRoute =
  (services: ServiceClient): ComposedHandler =>
  async ({ app, param, query, principal, reply }) => {
    const { id } = await app();
    const answer = await attemptedDestinations(services, id, param('messageId'), query, principal);
    return relayReply(reply, answer);
  };
