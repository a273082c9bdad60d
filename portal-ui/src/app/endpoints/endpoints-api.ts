import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import {
  portalCreateEndpointRequest,
  portalDeleteEndpointRequest,
  portalGetEndpointHeadersRequest,
  portalGetEndpointRequest,
  portalGetEndpointSecretRequest,
  portalGetEndpointStatsRequest,
  portalListEndpointHealthRequest,
  portalListEndpointSuccessRatesRequest,
  portalListEndpointsRequest,
  portalListEventTypesRequest,
  portalPatchEndpointRequest,
  portalRecoverEndpointRequest,
  portalRotateEndpointSecretRequest,
  portalSendTestEventRequest,
} from '../api/generated/@angular/common.gen';
import type {
  EndpointHeadersOut,
  EndpointHealthListOut,
  EndpointHealthOut,
  EndpointIn,
  EndpointOut,
  EndpointPatch,
  EndpointSecretOut,
  EndpointStatsOut,
  EndpointSuccessRatesOut,
  EventTypeOut,
  ListResponseEndpointOut,
  ListResponseEventTypeOut,
  MessageOut,
  RecoverOut,
} from '../api/generated/types.gen';
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

/** The portal API's endpoint, secret and catalogue routes, through the generated client. */
@Injectable({ providedIn: 'root' })
export class EndpointsApi {
  private readonly api = inject(PortalClient);
  private readonly client = this.api.client;

  list(): Observable<ListResponseEndpointOut> {
    return this.api.send(
      portalListEndpointsRequest({ client: this.client, query: { limit: 250 } }),
    );
  }

  health(): Observable<EndpointHealthListOut> {
    return this.api.send(portalListEndpointHealthRequest({ client: this.client }));
  }

  /** Each endpoint's attempts by outcome over the last 24 hours. */
  successRates(): Observable<EndpointSuccessRatesOut> {
    return this.api.send(portalListEndpointSuccessRatesRequest({ client: this.client }));
  }

  get(id: string): Observable<EndpointOut> {
    return this.api.send(
      portalGetEndpointRequest({ client: this.client, path: { endpointId: id } }),
    );
  }

  create(draft: EndpointDraft): Observable<EndpointOut> {
    return this.api.send(portalCreateEndpointRequest({ client: this.client, body: draft }));
  }

  update(id: string, patch: EndpointPatch): Observable<EndpointOut> {
    return this.api.send(
      portalPatchEndpointRequest({ client: this.client, path: { endpointId: id }, body: patch }),
    );
  }

  remove(id: string): Observable<unknown> {
    return this.api.send(
      portalDeleteEndpointRequest({ client: this.client, path: { endpointId: id } }),
    );
  }

  headers(id: string): Observable<EndpointHeadersOut> {
    return this.api.send(
      portalGetEndpointHeadersRequest({ client: this.client, path: { endpointId: id } }),
    );
  }

  secret(id: string): Observable<EndpointSecretOut> {
    return this.api.send(
      portalGetEndpointSecretRequest({ client: this.client, path: { endpointId: id } }),
    );
  }

  rotateSecret(id: string, gracePeriodSeconds: number): Observable<unknown> {
    return this.api.send(
      portalRotateEndpointSecretRequest({
        client: this.client,
        path: { endpointId: id },
        body: { gracePeriodSeconds },
      }),
    );
  }

  sendTest(id: string, eventType: string): Observable<TestSendOut> {
    return this.api.send(
      portalSendTestEventRequest({
        client: this.client,
        path: { endpointId: id },
        body: { eventType },
      }),
    );
  }

  /** Attempts by outcome and latency over the last `hours`, one point per hour. */
  stats(id: string, hours = 24): Observable<EndpointStatsOut> {
    const since = new Date(Date.now() - hours * 3_600_000).toISOString();
    return this.api.send(
      portalGetEndpointStatsRequest({
        client: this.client,
        path: { endpointId: id },
        query: { since, granularity: 'hour' },
      }),
    );
  }

  recover(id: string, since: string, dryRun: boolean): Observable<RecoverOut> {
    return this.api.send(
      portalRecoverEndpointRequest({
        client: this.client,
        path: { endpointId: id },
        body: { since, dryRun },
      }),
    );
  }

  eventTypes(): Observable<ListResponseEventTypeOut> {
    return this.api.send(
      portalListEventTypesRequest({ client: this.client, query: { limit: 250 } }),
    );
  }
}
