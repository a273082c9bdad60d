import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import type { PortalDeliveryState } from '@hookport/contracts';

import { PORTAL_API_BASE_URL } from '../api/portal-api';

/** One attempt to deliver a message to an endpoint, as the delivery log records it. */
export interface PortalAttempt {
  id: string;
  endpointId: string;
  attemptNumber: number;
  trigger: string;
  url: string;
  requestHeaders: Record<string, string>;
  responseStatus: number | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
  durationMs: number;
  errorClass: string | null;
  errorMessage: string | null;
  succeeded: boolean;
  timestamp: string;
}

/** A message with its payload, the state of each delivery and every attempt. */
export interface PortalMessageDetail {
  id: string;
  eventType: string;
  eventId: string | null;
  payload: unknown;
  channels: string[] | null;
  tags: string[] | null;
  timestamp: string;
  deliveries: PortalDeliveryState[];
  attempts: PortalAttempt[];
}

/** The portal API's message detail and retry routes. */
@Injectable({ providedIn: 'root' })
export class MessageDetailApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(PORTAL_API_BASE_URL);

  get(id: string): Observable<PortalMessageDetail> {
    return this.http.get<PortalMessageDetail>(`${this.baseUrl}/messages/${encodeURIComponent(id)}`);
  }

  retry(messageId: string, endpointId: string): Observable<unknown> {
    return this.http.post(
      `${this.baseUrl}/messages/${encodeURIComponent(messageId)}/endpoints/${encodeURIComponent(endpointId)}/retry`,
      {},
    );
  }
}
