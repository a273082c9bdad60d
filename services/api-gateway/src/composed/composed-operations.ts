import type { FactoryProvider } from '@nestjs/common';
import { FrameOrigins } from '../auth/frame-origins';
import { RevocationList } from '../auth/revocation-list';
import { AppResolver } from '../forwarding/app-resolver';
import { ServiceClient } from '../forwarding/service-client';
import { LiveFeed } from '../live/live-feed';
import { COMPOSED_OPERATIONS, type ComposedOperations } from '../routes/route-forwarder';
import { getApplication } from './applications';
import { attemptedDestinationsRoute } from './attempted-destinations';
import { endpointStats } from './endpoint-stats';
import { health } from './health';
import { logout } from './logout';
import { messageLookup } from './message-lookup';
import { PortalCompat } from './portal-compat';
import { writePortalSettings } from './portal-settings';
import { PortalStream } from './portal-stream';
import { sendExampleRoute } from './send-example';

/**
 * The gateway's own code for every route the table marks `composed`, by operation id: the
 * compiler refuses a composed entry without code here, and code here without an entry.
 */
export const composedOperations: FactoryProvider<ComposedOperations> = {
  provide: COMPOSED_OPERATIONS,
  inject: [ServiceClient, AppResolver, FrameOrigins, LiveFeed, RevocationList],
  useFactory: (
    services: ServiceClient,
    apps: AppResolver,
    frames: FrameOrigins,
    feed: LiveFeed,
    revocations: RevocationList,
  ): ComposedOperations => {
    const compat = new PortalCompat(services, apps);
    const settings = writePortalSettings(services, frames);
    return {
      health,
      getApplication,
      getEndpointStats: endpointStats(services),
      sendEndpointExample: sendExampleRoute(services, apps),
      getMessage: messageLookup(services, { detail: false }),
      listAttemptedDestinations: attemptedDestinationsRoute(services),
      logout: logout(services),
      updatePortalSettings: settings,
      patchPortalSettings: settings,
      updateAppPortalSettings: settings,
      patchAppPortalSettings: settings,
      createHookMeshPortalToken: compat.hookMesh,
      getOutpostPortal: compat.outpost,
      portalGetEndpointStats: endpointStats(services),
      portalSendTestEvent: sendExampleRoute(services, apps, { refuseUnreachable: true }),
      portalGetMessage: messageLookup(services, { detail: true }),
      portalStream: new PortalStream(services, feed, revocations).stream,
    };
  },
};
