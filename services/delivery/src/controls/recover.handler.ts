import { Inject, Injectable } from '@nestjs/common';
import { newId, type DeliveryRequeuedV1 } from '@hookport/contracts';
import { actorOf, Database, EventStore, type Principal, type Sql } from '@hookport/platform';
import { Dispatcher } from '../dispatch/dispatcher';
import { EndpointDirectory } from '../endpoint-directory/endpoint-directory';
import { controlledEndpoint, refuseEmptyWindow } from './control-target';
import type { RecoverIn, RecoverOut } from '@hookport/api-schema';
import { recordFinishedTask } from './background-tasks';

/** One recover re-sends at most this many deliveries; a larger backlog takes several calls. */
export const RECOVER_LIMIT = 50_000;

type Retrying = Pick<RecoverOut, 'stillRetrying' | 'nextRetryAt'>;

/**
 * Svix's recover: every failed delivery of one endpoint whose message was sent since a time
 * (and before `until`) goes back to the queue as a manual attempt. A dry run counts them.
 */
@Injectable()
export class RecoverHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(EndpointDirectory) private readonly directory: EndpointDirectory,
    @Inject(Dispatcher) private readonly dispatcher: Dispatcher,
  ) {}

  async execute(
    appId: string,
    endpointId: string,
    input: RecoverIn,
    principal: Principal,
    appPosition?: string,
  ): Promise<RecoverOut> {
    await controlledEndpoint(this.directory, { appId, endpointId, principal, appPosition });
    refuseEmptyWindow(input);
    const params = [appId, endpointId, input.since, input.until ?? null, RECOVER_LIMIT + 1];
    const inWindow = (status: 'failed' | 'retrying') => `FROM delivery.deliveries d
       JOIN delivery.messages m ON m.id = d.message_id
       WHERE d.app_id = $1 AND d.endpoint_id = $2 AND d.status = '${status}'
         AND m.expunged_at IS NULL
         AND m.created_at >= $3 AND ($4::timestamptz IS NULL OR m.created_at < $4)`;
    const failed = inWindow('failed');
    const retrying = await this.retrying(inWindow('retrying'), params.slice(0, 4));
    if (input.dryRun) {
      const { rows } = await this.db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM (SELECT 1 ${failed} LIMIT $5) capped`,
        params,
      );
      const count = rows[0]?.count ?? 0;
      return this.answer(this.db, { appId, endpointId, dryRun: true, count, retrying });
    }
    const answer = await this.db.transaction(async (sql) => {
      const { rows } = await sql.query<{ message_id: string }>(
        `UPDATE delivery.deliveries AS q
            SET status = 'pending', next_attempt_at = now(), trigger = 'manual', updated_at = now()
          WHERE (q.message_id, q.endpoint_id) IN (
                  SELECT d.message_id, d.endpoint_id ${failed}
                   ORDER BY d.message_id LIMIT ${RECOVER_LIMIT})
            AND (q.lease_until IS NULL OR q.lease_until < now())
          RETURNING q.message_id`,
        params.slice(0, 4),
      );
      const requestedAt = new Date().toISOString();
      await this.store.appendMany(
        sql,
        rows.map((row) => ({
          streamId: `requeue:${newId('event')}`,
          expectedVersion: 0,
          events: [
            {
              type: 'delivery.requeued',
              data: {
                messageId: row.message_id,
                endpointId,
                appId,
                trigger: 'manual',
                requestedAt,
              } satisfies DeliveryRequeuedV1,
            },
          ],
          context: { applicationId: appId, actor: actorOf(principal) },
        })),
      );
      return this.answer(sql, { appId, endpointId, dryRun: false, count: rows.length, retrying });
    });
    this.dispatcher.wake();
    return answer;
  }

  /** How many deliveries of the window are still on their retry schedule, and the next due. */
  private async retrying(from: string, params: unknown[]): Promise<Retrying> {
    const { rows } = await this.db.query<{ count: number; next: Date | null }>(
      `SELECT count(*)::int AS count, min(d.next_attempt_at) AS next ${from}`,
      params,
    );
    return {
      stillRetrying: rows[0]?.count ?? 0,
      nextRetryAt: rows[0]?.next?.toISOString() ?? null,
    };
  }

  /** The recovery is done when this answer is sent: its task is recorded finished. */
  private async answer(
    sql: Sql,
    outcome: {
      appId: string;
      endpointId: string;
      dryRun: boolean;
      count: number;
      retrying: Retrying;
    },
  ): Promise<RecoverOut> {
    const { appId, endpointId, dryRun, count, retrying } = outcome;
    const counts = { dryRun, count: Math.min(count, RECOVER_LIMIT), more: count > RECOVER_LIMIT };
    const task = await recordFinishedTask(
      sql,
      { appId, endpointId, type: 'endpoint.recover' },
      counts,
    );
    return {
      id: task.id,
      status: 'finished',
      task: 'endpoint.recover',
      updatedAt: task.updatedAt,
      ...counts,
      ...retrying,
    };
  }
}
