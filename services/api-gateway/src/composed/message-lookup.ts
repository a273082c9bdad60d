import { HookportError, type Principal } from '@hookport/platform';
import { relayReply } from '../forwarding/relay-reply';
import type { ForwardResponse, ServiceClient } from '../forwarding/service-client';
import type { ComposedHandler } from '../routes/route-call';

/**
 * One message. Svix's `MessageOut` comes from delivery, which accepted the message and expunges
 * its content: the delivery log is a projection, moments behind (seconds under load), and would
 * show a message just accepted as missing and one just expunged with its payload. The portal's
 * detail comes from the log, which has the attempts; delivery's detail (the deliveries' states,
 * no attempts) stands in until the log has the message. Either falls back to the other when
 * its first source does not have the message (delivery keeps none past retention; the log has
 * a deleted application's) or is down.
 */
const lookUpMessage = async (
  services: ServiceClient,
  request: { appId: string; messageId: string; principal: Principal; detail: boolean },
): Promise<ForwardResponse> => {
  const app = `/internal/apps/${request.appId}`;
  const id = encodeURIComponent(request.messageId);
  const fromLog = () =>
    services.forward('logs', {
      method: 'GET',
      path: request.detail ? `${app}/messages/${id}` : `${app}/history/messages/${id}`,
      principal: request.principal,
    });
  const fromDelivery = () =>
    services.forward('delivery', {
      method: 'GET',
      path: `${app}/messages/${id}${request.detail ? '/detail' : ''}`,
      principal: request.principal,
    });
  const [first, second] = request.detail ? [fromLog, fromDelivery] : [fromDelivery, fromLog];
  let found: ForwardResponse | null = null;
  try {
    found = await first();
    if (found.status !== 404) return found;
  } catch (error) {
    if (!(error instanceof HookportError) || error.code !== 'upstreamUnavailable') throw error;
  }
  const other = await second();
  return other.status === 200 || found === null ? other : found;
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
