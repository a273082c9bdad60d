import type { PortalSettings } from '@hookport/contracts';
import type { FrameOrigins } from '../auth/frame-origins';
import { relayReply } from '../forwarding/relay-reply';
import type { ServiceClient } from '../forwarding/service-client';
import type { ComposedHandler } from '../routes/route-call';

/**
 * A write of the portal settings, installation-wide or (with `app` in its entry) one
 * application's: forwarded to portal-session, and the allowed frame origins it answers are
 * applied here at once; the other gateways learn them from the event within a second.
 */
export const writePortalSettings =
  (services: ServiceClient, frames: FrameOrigins): ComposedHandler =>
  async ({ route, app, body, principal, reply }) => {
    const appId = route.app ? (await app()).id : null;
    const response = await services.forward('portal-session', {
      method: route.method,
      path: appId ? `/internal/apps/${appId}/portal-settings` : '/internal/portal-settings',
      principal,
      body: body ?? {},
    });
    if (response.status === 200) {
      const saved = JSON.parse(response.body.toString('utf8')) as PortalSettings;
      frames.set(appId, saved.allowedFrameOrigins);
    }
    return relayReply(reply, response);
  };
