import { Inject, Injectable } from '@nestjs/common';
import {
  newId,
  type AttemptContentExpungedV1,
  type MessageContentExpungedV1,
  type DeliveryEvents,
  type EventOf,
} from '@hookport/contracts';
import { actorOf, Database, EventStore, type Principal, type Sql } from '@hookport/platform';
import { MessageError } from '../ingest/message.errors';
import {
  expungeAttemptResponse,
  expungeMessageContent,
  lockMessageId,
} from './controls.repository';

/**
 * Svix's content expunge. A message's payload is cleared from every copy delivery keeps (its
 * message row and its `message.accepted` event, published or not) and its deliveries not yet
 * sent are canceled: what was expunged is never sent. An attempt's response body is cleared
 * from its `delivery.attempted` event. Each is an event, so the delivery log clears its copy too,
 * also when rebuilt from the topic (the expunge follows the original there).
 */
@Injectable()
export class ExpungeContentHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<DeliveryEvents>>,
  ) {}

  async message(appId: string, idOrEventId: string, principal: Principal): Promise<void> {
    await this.db.transaction(async (sql) => {
      const messageId = await this.messageIdOf(sql, appId, idOrEventId);
      await expungeMessageContent(sql, messageId);
      const data: MessageContentExpungedV1 = {
        messageId,
        appId,
        expungedAt: new Date().toISOString(),
      };
      await this.store.append(
        sql,
        `expunge:${newId('event')}`,
        0,
        [{ type: 'message.content-expunged', data }],
        { applicationId: appId, actor: actorOf(principal) },
      );
    });
  }

  async attempt(
    appId: string,
    idOrEventId: string,
    attemptId: string,
    principal: Principal,
  ): Promise<void> {
    await this.db.transaction(async (sql) => {
      const messageId = await this.messageIdOf(sql, appId, idOrEventId);
      if (!(await expungeAttemptResponse(sql, messageId, attemptId)))
        throw new MessageError('notFound', `Attempt ${attemptId} not found`);
      const data: AttemptContentExpungedV1 = {
        attemptId,
        messageId,
        appId,
        expungedAt: new Date().toISOString(),
      };
      await this.store.append(
        sql,
        `expunge:${newId('event')}`,
        0,
        [{ type: 'attempt.content-expunged', data }],
        { applicationId: appId, actor: actorOf(principal) },
      );
    });
  }

  private async messageIdOf(sql: Sql, appId: string, idOrEventId: string): Promise<string> {
    const messageId = await lockMessageId(sql, appId, idOrEventId);
    if (!messageId) throw MessageError.messageNotFound(idOrEventId);
    return messageId;
  }
}
