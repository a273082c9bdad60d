/**
 * Svix's operational webhooks: the operator's own endpoints receive Hookport's events about its
 * customers' endpoints and deliveries. They are the endpoints of one internal application, which
 * no other route resolves and no portal session can reach; its messages are made by delivery
 * from the services' durable events, so they are signed, sent and retried like any other.
 */

/** The internal application holding the operational webhook endpoints (the smallest app id). */
export const OPERATIONAL_APP_ID = 'app_00000000000000000000000000';

/** The event types an operational webhook endpoint may receive, as Svix names them. */
export const OPERATIONAL_EVENT_TYPES = [
  'endpoint.created',
  'endpoint.updated',
  'endpoint.deleted',
  'endpoint.disabled',
  'endpoint.enabled',
  'message.attempt.exhausted',
  'message.attempt.failing',
  'message.attempt.recovered',
] as const;

export type OperationalEventType = (typeof OPERATIONAL_EVENT_TYPES)[number];

export const isOperationalEventType = (value: string): value is OperationalEventType =>
  (OPERATIONAL_EVENT_TYPES as readonly string[]).includes(value);

/** Svix's `message.attempt.failing` is sent when a delivery's fourth attempt has failed. */
export const FAILING_AFTER_ATTEMPTS = 4;

/** Svix's `EndpointCreatedEventData` (also of `updated`, `deleted` and `enabled`). */
export interface OperationalEndpointEventData {
  appId: string;
  appUid: string | null;
  endpointId: string;
  endpointUid: string | null;
}

/** Svix's `EndpointDisabledEventData`. */
export interface OperationalEndpointDisabledData extends OperationalEndpointEventData {
  failSince: string | null;
  trigger: 'manual' | 'automatic';
}

/** Svix's `MessageAttemptFailedData`: the attempt that caused the event. */
export interface OperationalAttemptData {
  id: string;
  responseStatusCode: number;
  timestamp: string;
}

/** Svix's `MessageAttemptExhaustedEventData` (also of `failing` and `recovered`). */
export interface OperationalAttemptEventData {
  appId: string;
  appUid: string | null;
  msgId: string;
  msgEventId: string | null;
  endpointId: string;
  lastAttempt: OperationalAttemptData;
}

export type OperationalPayload =
  | {
      type: 'endpoint.created' | 'endpoint.updated' | 'endpoint.deleted' | 'endpoint.enabled';
      data: OperationalEndpointEventData;
    }
  | { type: 'endpoint.disabled'; data: OperationalEndpointDisabledData }
  | {
      type: 'message.attempt.exhausted' | 'message.attempt.failing' | 'message.attempt.recovered';
      data: OperationalAttemptEventData;
    };
