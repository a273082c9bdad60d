import { Inject, Injectable } from '@nestjs/common';
import {
  EXPUNGED_PAYLOAD,
  EXPUNGED_RESPONSE,
  newId,
  type AttemptContentExpungedV1,
  type MessageContentExpungedV1,
} from '@hookport/contracts';
import { actorOf, Database, EventStore, type Principal, type Sql } from '@hookport/platform';
import { MessageError } from '../ingest/message.errors';

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
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  async message(appId: string, idOrEventId: string, principal: Principal): Promise<void> {
    await this.db.transaction(async (sql) => {
      const messageId = await this.messageIdOf(sql, appId, idOrEventId);
      await sql.query(
        `UPDATE delivery.messages SET payload = $2, expunged_at = COALESCE(expunged_at, now())
          WHERE id = $1`,
        [messageId, EXPUNGED_PAYLOAD],
      );
      await sql.query(
        `UPDATE delivery.events SET data = jsonb_set(data, '{payload}', to_jsonb($2::text))
          WHERE stream_id = $1 AND type = 'message.accepted'`,
        [messageId, EXPUNGED_PAYLOAD],
      );
      // An attempt in flight holds its lease and finishes; its outcome keeps the cancel.
      await sql.query(
        `UPDATE delivery.deliveries SET status = 'canceled', updated_at = now()
          WHERE message_id = $1 AND status IN ('pending', 'retrying')`,
        [messageId],
      );
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
      // An attempt's event is on its delivery's stream (message:endpoint): found by that key.
      const { rowCount } = await sql.query(
        `UPDATE delivery.events SET data = jsonb_set(data, '{responseBody}', to_jsonb($3::text))
          WHERE stream_id IN (SELECT message_id || ':' || endpoint_id FROM delivery.deliveries
                               WHERE message_id = $1)
            AND type = 'delivery.attempted' AND data->>'attemptId' = $2`,
        [messageId, attemptId, EXPUNGED_RESPONSE],
      );
      if (rowCount === 0) throw new MessageError('notFound', `Attempt ${attemptId} not found`);
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
    const { rows } = await sql.query<{ id: string }>(
      `SELECT id FROM delivery.messages WHERE app_id = $1 AND (id = $2 OR event_id = $2)
        ORDER BY id = $2 DESC LIMIT 1 FOR UPDATE`,
      [appId, idOrEventId],
    );
    if (!rows[0]) throw MessageError.messageNotFound(idOrEventId);
    return rows[0].id;
  }
}
