import { randomUUID } from 'node:crypto';
import { CONSUMER_GROUPS, TOPICS } from '@hookport/contracts';
import type { ConsumedBatch, Subscription } from '@hookport/platform';
import type { ApiKeyRing } from './api-key-ring';
import type { FrameOrigins } from './frame-origins';
import type { RevocationList } from './revocation-list';

/**
 * What this gateway process must know of the portal-access topic: revoked sessions, API keys,
 * frame origins. Read from the beginning at start, under a consumer group of its own so that
 * every replica sees every event.
 */
export const portalAccessFeed = (
  revocations: RevocationList,
  keys: ApiKeyRing,
  frames: FrameOrigins,
): Subscription => ({
  groupId: `${CONSUMER_GROUPS.gatewayRevocations}.${randomUUID()}`,
  topics: [TOPICS.portalAccess],
  fromBeginning: true,
  // A gateway that has not read every revocation must not serve: it is not ready until then.
  catchUpBeforeReady: true,
  // A revoked session or key is refused as soon as the gateway hears of it.
  immediate: true,
  handle: async (batch: ConsumedBatch) => {
    revocations.apply(batch.events);
    keys.apply(batch.events);
    frames.apply(batch.events);
  },
});
