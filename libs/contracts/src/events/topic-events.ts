import { TOPICS } from '../topics';
import { DELIVERY_EVENT_TYPES, type DeliveryEvents } from './delivery.events';
import { ENDPOINTS_EVENT_TYPES, type EndpointsEvents } from './endpoints.events';
import type { EnvelopeOf } from './event-map';
import { PORTAL_ACCESS_EVENT_TYPES, type PortalAccessEvents } from './portal-access.events';

/** Each consumed topic with its owning service's event map: what a consumer of it receives. */
export interface TopicEvents {
  [TOPICS.endpoints]: EndpointsEvents;
  [TOPICS.delivery]: DeliveryEvents;
  [TOPICS.portalAccess]: PortalAccessEvents;
}

export type ConsumedTopic = keyof TopicEvents;

/** An envelope of one of `T`'s topics (distributed: a consumer of two topics gets either). */
export type EnvelopeOn<T extends ConsumedTopic> = T extends ConsumedTopic
  ? EnvelopeOf<TopicEvents[T]>
  : never;

const TOPIC_EVENT_TYPES: Record<ConsumedTopic, ReadonlySet<string>> = {
  [TOPICS.endpoints]: ENDPOINTS_EVENT_TYPES,
  [TOPICS.delivery]: DELIVERY_EVENT_TYPES,
  [TOPICS.portalAccess]: PORTAL_ACCESS_EVENT_TYPES,
};

/** Whether `type` is in the event map of `topic`'s owning service. */
export const isEventOfTopic = (topic: string, type: string): boolean =>
  (TOPIC_EVENT_TYPES as Record<string, ReadonlySet<string> | undefined>)[topic]?.has(type) ?? false;
