import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import {
  portalCreateEndpoint,
  portalDeleteEndpoint,
  portalGetEndpoint,
  portalGetEndpointHeaders,
  portalGetEndpointSecret,
  portalGetEndpointStats,
  portalListEndpointHealth,
  portalListEndpointSuccessRates,
  portalListEndpoints,
  portalListEventTypes,
  portalPatchEndpoint,
  portalRecoverEndpoint,
  portalRotateEndpointSecret,
  portalSendTestEvent,
  type EndpointHeadersOut,
  type EndpointHealthListOut,
  type EndpointHealthOut,
  type EndpointIn,
  type EndpointOut,
  type EndpointPatch,
  type EndpointSecretOut,
  type EndpointStatsOut,
  type EndpointSuccessRatesOut,
  type EventTypeOut,
  type ListResponseEndpointOut,
  type ListResponseEventTypeOut,
  type MessageOut,
  type RecoverOut,
} from '@hookport/client';

import { PortalClient } from '../api/portal-client';

/** An event type of the operator's catalogue, as the portal shows it. */
export type PortalEventType = EventTypeOut;

/** What the portal may set on an endpoint it creates or edits. */
export type EndpointDraft = EndpointIn;

/** An endpoint's circuit and health; endpoints without an entry are closed and healthy. */
export type PortalEndpointHealth = EndpointHealthOut;

/** The answer of a test send: the queued message (its delivery shows in the log). */
export type TestSendOut = MessageOut;

export type { EndpointPatch, RecoverOut };

/** The portal API's endpoint, secret and catalogue routes, through `@hookport/client`. */
@Injectable({ providedIn: 'root' })
export class EndpointsApi {
  private readonly api = inject(PortalClient);

  list(): Observable<ListResponseEndpointOut> {
    return this.api.send(portalListEndpoints, { query: { limit: 250 } });
  }

  health(): Observable<EndpointHealthListOut> {
    return this.api.send(portalListEndpointHealth);
  }

  /** Each endpoint's attempts by outcome over the last 24 hours. */
  successRates(): Observable<EndpointSuccessRatesOut> {
    return this.api.send(portalListEndpointSuccessRates);
  }

  get(id: string): Observable<EndpointOut> {
    return this.api.send(portalGetEndpoint, { path: { endpointId: id } });
  }

  create(draft: EndpointDraft): Observable<EndpointOut> {
    return this.api.send(portalCreateEndpoint, { body: draft });
  }

  update(id: string, patch: EndpointPatch): Observable<EndpointOut> {
    return this.api.send(portalPatchEndpoint, { path: { endpointId: id }, body: patch });
  }

  remove(id: string): Observable<unknown> {
    return this.api.send(portalDeleteEndpoint, { path: { endpointId: id } });
  }

  headers(id: string): Observable<EndpointHeadersOut> {
    return this.api.send(portalGetEndpointHeaders, { path: { endpointId: id } });
  }

  secret(id: string): Observable<EndpointSecretOut> {
    return this.api.send(portalGetEndpointSecret, { path: { endpointId: id } });
  }

  rotateSecret(id: string, gracePeriodSeconds: number): Observable<unknown> {
    return this.api.send(portalRotateEndpointSecret, {
      path: { endpointId: id },
      body: { gracePeriodSeconds },
    });
  }

  sendTest(id: string, eventType: string): Observable<TestSendOut> {
    return this.api.send(portalSendTestEvent, { path: { endpointId: id }, body: { eventType } });
  }

  /** Attempts by outcome and latency over the last `hours`, one point per hour. */
  stats(id: string, hours = 24): Observable<EndpointStatsOut> {
    const since = new Date(Date.now() - hours * 3_600_000).toISOString();
    return this.api.send(portalGetEndpointStats, {
      path: { endpointId: id },
      query: { since, granularity: 'hour' },
    });
  }

  recover(id: string, since: string, dryRun: boolean): Observable<RecoverOut> {
    return this.api.send(portalRecoverEndpoint, {
      path: { endpointId: id },
      body: { since, dryRun },
    });
  }

  eventTypes(): Observable<ListResponseEventTypeOut> {
    return this.api.send(portalListEventTypes, { query: { limit: 250 } });
  }
}
