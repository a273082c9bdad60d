import type { PortalBranding } from './portal-access.resources';
import type { DeliveryStatus } from '../events/delivery.events';

/** Svix's list shape, used by every list route. */
export interface ListResponse<T> {
  data: T[];
  iterator: string | null;
  prevIterator: string | null;
  done: boolean;
}

export interface ApplicationOut {
  id: string;
  uid: string | null;
  name: string;
  rateLimit: number | null;
  /** Svix 2.x's name of `rateLimit`, the same value. */
  throttleRate: number | null;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface EndpointOut {
  id: string;
  uid: string | null;
  url: string;
  description: string;
  version: number;
  filterTypes: string[] | null;
  /** Svix 2.x's name of `filterTypes`, the same value. */
  eventTypes: string[] | null;
  channels: string[] | null;
  rateLimit: number | null;
  /** Svix 2.x's name of `rateLimit`, the same value. */
  throttleRate: number | null;
  disabled: boolean;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface MessageOut {
  id: string;
  eventId: string | null;
  eventType: string;
  payload: unknown;
  channels: string[] | null;
  tags: string[] | null;
  timestamp: string;
}

export interface PortalSessionOut {
  id: string;
  url: string;
  code: string;
  /** Until when the URL opens (once). */
  codeExpiresAt: string;
  /** When the session ends, once opened. */
  expiresAt: string;
}

export interface SessionExchangeOut {
  sessionId: string;
  token: string;
  /** When this token stops working: renew it before (`POST /portal-api/v1/session/refresh`). */
  tokenExpiresAt: string;
  /** When the session ends: no renewal goes beyond it. */
  expiresAt: string;
  app: { id: string; name: string | null };
  scopes: string[];
  returnUrl: string | null;
  /**
   * How the portal should look, and where it goes when the session lapses: known from the start,
   * so a session revoked before anything else loaded still reaches the operator's URLs.
   */
  branding: PortalBranding;
}

/** `POST /portal-api/v1/session/refresh`: a fresh token for the same session. */
export interface SessionRefreshOut {
  token: string;
  tokenExpiresAt: string;
  expiresAt: string;
}

/** A row of the portal's delivery log: one message with the state of each of its deliveries. */
export interface PortalMessageRow {
  id: string;
  eventType: string;
  eventId: string | null;
  timestamp: string;
  deliveries: PortalDeliveryState[];
}

export interface PortalDeliveryState {
  endpointId: string;
  status: DeliveryStatus;
  attempts: number;
  lastResponseStatus: number | null;
  lastAttemptAt: string | null;
  /** When a retrying (or queued) delivery is next due; null once settled. */
  nextAttemptAt: string | null;
}
