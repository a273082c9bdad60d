import { Inject, Injectable } from '@nestjs/common';
import {
  newId,
  type DeliveryRequeuedV1,
  type DeliveryEvents,
  type EventOf,
} from '@hookport/contracts';
import { actorOf, Database, EventStore, type Principal } from '@hookport/platform';
import { EndpointDirectory } from '../endpoint-directory/endpoint-directory';
import { controlledEndpoint } from './control-target';
import { findMessageToResend, requeueDelivery } from './controls.repository';
import { MessageError } from '../ingest/message.errors';

/**
 * Sends a message to an endpoint again, now, marked as a manual attempt: also to an endpoint
 * created after the message, as Svix's resend does. Recorded as `delivery.requeued`.
 */
@Injectable()
export class ResendHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<DeliveryEvents>>,
    @Inject(EndpointDirectory) private readonly directory: EndpointDirectory,
  ) {}

  async execute(
    appId: string,
    messageId: string,
    endpointId: string,
    principal: Principal,
    appPosition?: string,
  ): Promise<void> {
    await controlledEndpoint(this.directory, { appId, endpointId, principal, appPosition });
    await this.db.transaction(async (sql) => {
      const message = await findMessageToResend(sql, appId, messageId);
      if (!message) throw MessageError.messageNotFound(messageId);
      if (message.isExpunged) throw MessageError.contentExpunged();
      // An attempt in flight holds a lease: requeueing under it would be overwritten by its outcome.
      if (!(await requeueDelivery(sql, appId, messageId, endpointId)))
        throw MessageError.attemptInProgress();
      const data: DeliveryRequeuedV1 = {
        messageId,
        endpointId,
        appId,
        trigger: 'manual',
        requestedAt: new Date().toISOString(),
      };
      await this.store.append(
        sql,
        `requeue:${newId('event')}`,
        0,
        [{ type: 'delivery.requeued', data }],
        {
          applicationId: appId,
          actor: actorOf(principal),
        },
      );
    });
  }
}
