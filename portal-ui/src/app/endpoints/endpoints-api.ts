import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import type { EndpointOut, EndpointStatsOut, ListResponse } from '@hookport/contracts';

import { PORTAL_API_BASE_URL } from '../api/portal-api';

/** An event type of the operator's catalogue, as the portal shows it. */
export interface PortalEventType {
  name: string;
  description: string;
  groupName?: string | null;
  deprecated?: boolean;
  archived?: boolean;
  schemas?: Record<string, unknown> | null;
}

/** What the portal may set on an endpoint it creates or edits. */
export interface EndpointDraft {
  url: string;
  description?: string;
  filterTypes?: string[] | null;
  channels?: string[] | null;
  rateLimit?: number | null;
  headers?: Record<string, string>;
  disabled?: boolean;
}

/** An endpoint's circuit and health; endpoints without an entry are closed and healthy. */
export interface PortalEndpointHealth {
  endpointId: string;
  circuit: 'closed' | 'open' | 'half-open';
  nextProbeAt: string | null;
  health: 'healthy' | 'failing' | 'disabled';
}

/** The answer of a test send: the queued message (its delivery shows in the log). */
export interface TestSendOut {
  id: string;
  eventType: string;
}

/** The answer of a recover (or of its dry run). */
export interface RecoverOut {
  count: number;
  more: boolean;
  dryRun: boolean;
}

/** The portal API's endpoint, secret and catalogue routes, for the session's application. */
@Injectable({ providedIn: 'root' })
export class EndpointsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(PORTAL_API_BASE_URL);

  list(): Observable<ListResponse<EndpointOut>> {
    return this.http.get<ListResponse<EndpointOut>>(`${this.baseUrl}/endpoints`, {
      params: { limit: 250 },
    });
  }

  health(): Observable<{ data: PortalEndpointHealth[] }> {
    return this.http.get<{ data: PortalEndpointHealth[] }>(`${this.baseUrl}/endpoints/health`);
  }

  get(id: string): Observable<EndpointOut> {
    return this.http.get<EndpointOut>(`${this.endpointUrl(id)}`);
  }

  create(draft: EndpointDraft): Observable<EndpointOut> {
    return this.http.post<EndpointOut>(`${this.baseUrl}/endpoints`, draft);
  }

  update(id: string, patch: Partial<EndpointDraft>): Observable<EndpointOut> {
    return this.http.patch<EndpointOut>(this.endpointUrl(id), patch);
  }

  remove(id: string): Observable<unknown> {
    return this.http.delete(this.endpointUrl(id));
  }

  secret(id: string): Observable<{ key: string }> {
    return this.http.get<{ key: string }>(`${this.endpointUrl(id)}/secret`);
  }

  rotateSecret(id: string, gracePeriodSeconds: number): Observable<unknown> {
    return this.http.post(`${this.endpointUrl(id)}/secret/rotate`, { gracePeriodSeconds });
  }

  sendTest(id: string, eventType: string): Observable<TestSendOut> {
    return this.http.post<TestSendOut>(`${this.endpointUrl(id)}/test`, { eventType });
  }

  /** Attempts by outcome and latency over the last `hours`, one point per hour. */
  stats(id: string, hours = 24): Observable<EndpointStatsOut> {
    const since = new Date(Date.now() - hours * 3_600_000).toISOString();
    return this.http.get<EndpointStatsOut>(`${this.endpointUrl(id)}/stats`, {
      params: { since, granularity: 'hour' },
    });
  }

  recover(id: string, since: string, dryRun: boolean): Observable<RecoverOut> {
    return this.http.post<RecoverOut>(`${this.endpointUrl(id)}/recover`, { since, dryRun });
  }

  eventTypes(): Observable<ListResponse<PortalEventType>> {
    return this.http.get<ListResponse<PortalEventType>>(`${this.baseUrl}/event-types`, {
      params: { limit: 250 },
    });
  }

  private endpointUrl(id: string): string {
    return `${this.baseUrl}/endpoints/${encodeURIComponent(id)}`;
  }
}
