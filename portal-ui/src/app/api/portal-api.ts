import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import {
  exchangePortalCode,
  portalListMessages,
  refreshPortalSession,
  type ListResponseMessageLogRowOut,
  type SessionExchangeOut,
  type SessionRefreshOut,
} from '@hookport/client';

import { PortalClient } from './portal-client';

import type { SessionGrant } from '../session/session-code';

/** The delivery log's filters, as the portal API takes them (empty means "any"). */
export interface MessageFilters {
  status?: string;
  endpointId?: string;
  eventType?: string;
  search?: string;
  /** Only messages after / before these instants (ISO 8601). */
  after?: string;
  before?: string;
}

/** A page of the delivery log: filters and where it starts (`iterator` of the page before). */
export interface MessagePageQuery extends MessageFilters {
  iterator?: string;
}

/**
 * The session and delivery-log calls of the portal API, through the client generated from
 * the OpenAPI document.
 */
@Injectable({ providedIn: 'root' })
export class PortalApi {
  private readonly api = inject(PortalClient);

  exchangeSession(grant: SessionGrant): Observable<SessionExchangeOut> {
    return this.api.send(exchangePortalCode, { body: grant });
  }

  refreshSession(): Observable<SessionRefreshOut> {
    return this.api.send(refreshPortalSession);
  }

  listMessages(filters: MessagePageQuery = {}): Observable<ListResponseMessageLogRowOut> {
    const query: Record<string, string> = {};
    for (const [name, value] of Object.entries(filters)) if (value) query[name] = value;
    return this.api.send(portalListMessages, { query });
  }
}

export { PORTAL_API_BASE_URL, isPortalApiUrl } from './portal-api-base-url';
