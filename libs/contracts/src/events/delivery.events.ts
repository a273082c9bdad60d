import { eventTypesOf } from './event-map';

export interface MessageAcceptedV1 {
  messageId: string;
  appId: string;
  eventType: string;
  eventId: string | null;
  /** The payload exactly as it will be sent, as a JSON string (byte-exact for signatures). */
  payload: string;
  channels: string[] | null;
  tags: string[] | null;
  /** The endpoints the message was fanned out to when it was accepted. */
  endpointIds: string[];
}

export type AttemptTrigger = 'scheduled' | 'manual' | 'test';

/** Why an attempt failed before or without an HTTP answer. */
export type AttemptErrorClass =
  | 'timeout'
  | 'dns'
  | 'connection-refused'
  | 'connection-reset'
  | 'tls'
  | 'ssrf-blocked'
  | 'redirect'
  | 'http-status'
  | 'other';

/** `canceled`: its message's payload was expunged before it was sent (Svix's status 4). */
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'retrying' | 'canceled';

export interface DeliveryAttemptedV1 {
  attemptId: string;
  messageId: string;
  endpointId: string;
  appId: string;
  attemptNumber: number;
  trigger: AttemptTrigger;
  url: string;
  requestHeaders: Record<string, string>;
  responseStatus: number | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
  durationMs: number;
  errorClass: AttemptErrorClass | null;
  errorMessage: string | null;
  succeeded: boolean;
  /** The delivery's status after this attempt. */
  deliveryStatus: DeliveryStatus;
  nextAttemptAt: string | null;
  attemptedAt: string;
}

/** A delivery put back in the queue by an operator or a portal user (resend, recover). */
export interface DeliveryRequeuedV1 {
  messageId: string;
  endpointId: string;
  appId: string;
  trigger: AttemptTrigger;
  requestedAt: string;
}

/**
 * An operator expunged a message's payload: every copy of it is cleared (delivery's message row
 * and events, the log's message) and its deliveries not yet sent are canceled.
 */
export interface MessageContentExpungedV1 {
  messageId: string;
  appId: string;
  expungedAt: string;
}

/** What Svix answers in place of an expunged (or expired) payload. */
export const EXPUNGED_PAYLOAD = '{"expired":true}';
/** What Svix answers in place of an expunged response body. */
export const EXPUNGED_RESPONSE = 'EXPUNGED';

/** An operator expunged an attempt's response body: the log keeps "EXPUNGED" in its place. */
export interface AttemptContentExpungedV1 {
  attemptId: string;
  messageId: string;
  appId: string;
  expungedAt: string;
}

export type EndpointHealth = 'healthy' | 'failing' | 'disabled';

/** Staged health of an endpoint as delivery sees it; every transition is an event. */
export interface EndpointHealthChangedV1 {
  endpointId: string;
  appId: string;
  health: EndpointHealth;
  previous: EndpointHealth;
  /** Why: e.g. "410 Gone", "failing since 2026-11-20T10:00:00Z", "recovered". */
  reason: string;
  failingSince: string | null;
  changedAt: string;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** The per-endpoint circuit breaker moved; `nextProbeAt` is set while open. */
export interface EndpointCircuitChangedV1 {
  endpointId: string;
  appId: string;
  state: CircuitState;
  previous: CircuitState;
  consecutiveFailures: number;
  nextProbeAt: string | null;
  changedAt: string;
}

/** Event types of the delivery service, with their payloads. */
export interface DeliveryEvents {
  'message.accepted': MessageAcceptedV1;
  'delivery.attempted': DeliveryAttemptedV1;
  'delivery.requeued': DeliveryRequeuedV1;
  'message.content-expunged': MessageContentExpungedV1;
  'attempt.content-expunged': AttemptContentExpungedV1;
  'endpoint.health-changed': EndpointHealthChangedV1;
  'endpoint.circuit-changed': EndpointCircuitChangedV1;
}

/** The types of DeliveryEvents, at run time: a consumer dead-letters an envelope of any other. */
export const DELIVERY_EVENT_TYPES = eventTypesOf<DeliveryEvents>({
  'message.accepted': true,
  'delivery.attempted': true,
  'delivery.requeued': true,
  'message.content-expunged': true,
  'attempt.content-expunged': true,
  'endpoint.health-changed': true,
  'endpoint.circuit-changed': true,
});
