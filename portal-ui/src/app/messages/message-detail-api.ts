import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import {
  portalGetMessage,
  portalRetryDelivery,
  type AttemptDetailOut,
  type MessageDetailOut,
} from '@hookport/client';

import { PortalClient } from '../api/portal-client';

/** One attempt to deliver a message to an endpoint, as the delivery log records it. */
export type PortalAttempt = AttemptDetailOut;

/** A message with its payload, the state of each delivery and every attempt. */
export type PortalMessageDetail = MessageDetailOut;

/** The portal API's message detail and retry routes, through `@hookport/client`. */
@Injectable({ providedIn: 'root' })
export class MessageDetailApi {
  private readonly api = inject(PortalClient);

  get(id: string): Observable<PortalMessageDetail> {
    return this.api.send(portalGetMessage, { path: { messageId: id } });
  }

  retry(messageId: string, endpointId: string): Observable<unknown> {
    return this.api.send(portalRetryDelivery, { path: { messageId, endpointId } });
  }
}
