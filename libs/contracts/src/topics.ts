/**
 * Every Kafka topic Hookport uses, declared once. A published topic's events are never edited:
 * a breaking change is a new topic version beside it.
 *
 * Records on every topic are keyed by application id, so one customer's events stay in order.
 */
export const TOPICS = {
  /** Applications, endpoints, event types and secrets: owned by the endpoints service. */
  endpoints: 'hookport.endpoints.v1',
  /** Messages accepted and delivery attempts: owned by the delivery service. */
  delivery: 'hookport.delivery.v1',
  /** Portal sessions, revocations, API keys, branding: owned by the portal-session service. */
  portalAccess: 'hookport.portal-access.v1',
  /** Records no consumer could parse, with the reason in their headers. */
  deadLetter: 'hookport.dead-letter.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** The stream a topic's events come from, per owning service. */
export const SERVICE_TOPIC = {
  endpoints: TOPICS.endpoints,
  delivery: TOPICS.delivery,
  'portal-session': TOPICS.portalAccess,
} as const;

/** Consumer group ids, explicit and stable: renaming one replays its topics. */
export const CONSUMER_GROUPS = {
  deliveryEndpoints: 'hookport-delivery-endpoints',
  logsProjection: 'hookport-logs-projection',
  portalSessionApplications: 'hookport-portal-session-applications',
  endpointsDeliveryHealth: 'hookport-endpoints-delivery-health',
  /** Delivery turning endpoint and attempt events into operational webhooks. */
  deliveryOperationalWebhooks: 'hookport-delivery-operational-webhooks',
  /** Prefix: every gateway process reads all revocations under a group of its own. */
  gatewayRevocations: 'hookport-gateway-revocations',
  /** Prefix: every gateway process reads new delivery events for its live streams. */
  gatewayLive: 'hookport-gateway-live',
} as const;

export const partitionKeyOf = (applicationId: string | null): string => applicationId ?? '_global';
