import { HttpClient } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import type {
  ListResponse,
  PortalMeOut,
  PortalMessageRow,
  SessionExchangeOut,
  SessionRefreshOut,
} from '@hookport/contracts';

import type { SessionGrant } from '../session/session-code';

/** The delivery log's filters, as the portal API takes them (empty means "any"). */
export interface MessageFilters {
  status?: string;
  endpointId?: string;
  eventType?: string;
  search?: string;
}

/** Where the gateway serves the portal API; the same origin as the portal by default. */
export const PORTAL_API_BASE_URL = new InjectionToken<string>('PORTAL_API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/portal-api/v1',
});

/**
 * Every call the portal makes to the portal API, in one place. A client generated from the
 * OpenAPI document replaces this class later; keep it a thin mapping of routes.
 */
@Injectable({ providedIn: 'root' })
export class PortalApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(PORTAL_API_BASE_URL);

  exchangeSession(grant: SessionGrant): Observable<SessionExchangeOut> {
    return this.http.post<SessionExchangeOut>(`${this.baseUrl}/session/exchange`, grant);
  }

  refreshSession(): Observable<SessionRefreshOut> {
    return this.http.post<SessionRefreshOut>(`${this.baseUrl}/session/refresh`, {});
  }

  me(): Observable<PortalMeOut> {
    return this.http.get<PortalMeOut>(`${this.baseUrl}/me`);
  }

  listMessages(filters: MessageFilters = {}): Observable<ListResponse<PortalMessageRow>> {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(filters)) if (value) params[name] = value;
    return this.http.get<ListResponse<PortalMessageRow>>(`${this.baseUrl}/messages`, { params });
  }
}

/** True when `url` is a portal API route: only those may carry the session token. */
export function isPortalApiUrl(url: string, baseUrl: string): boolean {
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
}
