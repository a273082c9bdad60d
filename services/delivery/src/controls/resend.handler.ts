import { Inject, Injectable } from '@nestjs/common';
import { newId, type DeliveryRequeuedV1 } from '@hookport/contracts';
import { actorOf, Database, EventStore, type Principal } from '@hookport/platform';
import { Dispatcher } from '../dispatch/dispatcher';
import { EndpointDirectory } from '../endpoint-directory/endpoint-directory';
import { controlledEndpoint } from './control-target';
import { MessageError } from '../ingest/message.errors';

/**
 * Sends a message to an endpoint again, now, marked as a manual attempt: also to an endpoint
 * created after the message, as Svix's resend does. Recorded as `delivery.requeued`.
 */
@Injectable()
export class ResendHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(EndpointDirectory) private readonly directory: EndpointDirectory,
    @Inject(Dispatcher) private readonly dispatcher: Dispatcher,
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
      const { rows } = await sql.query<{ id: string; expunged_at: Date | null }>(
        'SELECT id, expunged_at FROM delivery.messages WHERE id = $1 AND app_id = $2',
        [messageId, appId],
      );
      if (rows.length === 0) throw MessageError.messageNotFound(messageId);
      if (rows[0]!.expunged_at) throw MessageError.contentExpunged();
      // An attempt in flight holds a lease: requeueing under it would be overwritten by its outcome.
      const queued = await sql.query(
        `INSERT INTO delivery.deliveries (message_id, endpoint_id, app_id, status, next_attempt_at, trigger)
         VALUES ($1, $2, $3, 'pending', now(), 'manual')
         ON CONFLICT (message_id, endpoint_id) DO UPDATE
           SET status = 'pending', next_attempt_at = now(), trigger = 'manual', updated_at = now()
         WHERE delivery.deliveries.lease_until IS NULL OR delivery.deliveries.lease_until < now()
         RETURNING message_id`,
        [messageId, endpointId, appId],
      );
      if (queued.rowCount === 0) throw MessageError.attemptInProgress();
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
    this.dispatcher.wake();
  }
}
