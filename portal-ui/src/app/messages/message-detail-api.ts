import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import {
  portalGetMessageRequest,
  portalRetryDeliveryRequest,
} from '../api/generated/@angular/common.gen';
import type { AttemptDetailOut, MessageDetailOut } from '../api/generated/types.gen';
import { PortalClient } from '../api/portal-client';

/** One attempt to deliver a message to an endpoint, as the delivery log records it. */
export type PortalAttempt = AttemptDetailOut;

/** A message with its payload, the state of each delivery and every attempt. */
export type PortalMessageDetail = MessageDetailOut;

/** The portal API's message detail and retry routes, through the generated client. */
@Injectable({ providedIn: 'root' })
export class MessageDetailApi {
  private readonly api = inject(PortalClient);

  get(id: string): Observable<PortalMessageDetail> {
    return this.api.send(
      portalGetMessageRequest({ client: this.api.client, path: { messageId: id } }),
    );
  }

  retry(messageId: string, endpointId: string): Observable<unknown> {
    return this.api.send(
      portalRetryDeliveryRequest({ client: this.api.client, path: { messageId, endpointId } }),
    );
  }
}
