import { Controller, Inject } from '@nestjs/common';
import { CONSUMER_GROUPS, TOPICS } from '@hookport/contracts';
import { ConsumeEvents, type TopicBatch } from '@hookport/platform';
import { ApiKeyRing } from './api-key-ring';
import { FrameOrigins } from './frame-origins';
import { RevocationList } from './revocation-list';

/**
 * What this gateway process must know of the portal-access topic: revoked sessions, API keys,
 * frame origins. Read from the beginning at start, under a consumer group of its own so that
 * every replica sees every event.
 */
@Controller()
export class PortalAccessFeed {
  constructor(
    @Inject(RevocationList) private readonly revocations: RevocationList,
    @Inject(ApiKeyRing) private readonly keys: ApiKeyRing,
    @Inject(FrameOrigins) private readonly frames: FrameOrigins,
  ) {}

  @ConsumeEvents({
    groupId: CONSUMER_GROUPS.gatewayRevocations,
    isGroupPerProcess: true,
    topics: [TOPICS.portalAccess],
    fromBeginning: true,
    // A gateway that has not read every revocation must not serve: it is not ready until then.
    catchUpBeforeReady: true,
    // A revoked session or key is refused as soon as the gateway hears of it.
    immediate: true,
  })
  async handle({ events }: TopicBatch<typeof TOPICS.portalAccess>): Promise<void> {
    for (const event of events) {
      switch (event.type) {
        case 'portal-session.revoked':
        case 'portal-sessions.revoked':
          this.revocations.apply(event);
          break;
        case 'api-key.created':
        case 'api-key.revoked':
          this.keys.apply(event);
          break;
        case 'portal-settings.updated':
          this.frames.apply(event);
          break;
        // The portal-session service's own business: a gateway learns nothing from them.
        case 'portal-session.created':
        case 'portal-grant.created':
        case 'portal-session.code-exchanged':
          break;
      }
    }
  }
}
