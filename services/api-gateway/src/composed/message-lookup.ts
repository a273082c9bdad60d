import { HookportError, type Principal } from '@hookport/platform';
import { relayReply } from '../forwarding/relay-reply';
import type { ForwardResponse, ServiceClient } from '../forwarding/service-client';
import type { ComposedHandler } from '../routes/route-call';

/**
 * One message, from the delivery log or, when the log does not have it or is down, from
 * delivery, which accepted it. The log is a projection, moments behind (seconds under load):
 * a message accepted, or shown by the live tail, just now may not be in it yet. Delivery's
 * answer has the message and its deliveries' states but no attempts (the log's to show).
 * `detail` asks for the portal's shape (deliveries and attempts), else Svix's `MessageOut`.
 */
const lookUpMessage = async (
  services: ServiceClient,
  request: { appId: string; messageId: string; principal: Principal; detail: boolean },
): Promise<ForwardResponse> => {
  const app = `/internal/apps/${request.appId}`;
  const id = encodeURIComponent(request.messageId);
  let logged: ForwardResponse | null = null;
  try {
    logged = await services.forward('logs', {
      method: 'GET',
      path: request.detail ? `${app}/messages/${id}` : `${app}/history/messages/${id}`,
      principal: request.principal,
    });
    if (logged.status !== 404) return logged;
  } catch (error) {
    if (!(error instanceof HookportError) || error.code !== 'upstreamUnavailable') throw error;
  }
  const accepted = await services.forward('delivery', {
    method: 'GET',
    path: `${app}/messages/${id}${request.detail ? '/detail' : ''}`,
    principal: request.principal,
  });
  return accepted.status === 200 || logged === null ? accepted : logged;
};

/** `getMessage` (Svix's `MessageOut`) and, with `detail`, `portalGetMessage`. */
export const messageLookup =
  (services: ServiceClient, { detail }: { detail: boolean }): ComposedHandler =>
  async ({ app, param, principal, reply }) => {
    const { id } = await app();
    const answer = await lookUpMessage(services, {
      appId: id,
      messageId: param('messageId'),
      principal,
      detail,
    });
    return relayReply(reply, answer);
  };
