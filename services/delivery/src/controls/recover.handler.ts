import { Inject, Injectable } from '@nestjs/common';
import {
  newId,
  type DeliveryRequeuedV1,
  type DeliveryEvents,
  type EventOf,
} from '@hookport/contracts';
import { actorOf, Database, EventStore, type Principal, type Sql } from '@hookport/platform';
import { EndpointDirectory } from '../endpoint-directory/endpoint-directory';
import { controlledEndpoint, refuseEmptyWindow } from './control-target';
import type { RecoverIn, RecoverOut } from '@hookport/api-schema';
import { recordFinishedTask } from './background-tasks.repository';
import {
  countFailedInWindow,
  requeueFailedInWindow,
  retryingInWindow,
  type ControlWindow,
} from './controls.repository';

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
    @Inject(EventStore) private readonly store: EventStore<EventOf<DeliveryEvents>>,
    @Inject(EndpointDirectory) private readonly directory: EndpointDirectory,
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
    const window = { appId, endpointId, since: input.since, until: input.until ?? null };
    const retrying = await this.retrying(window);
    if (input.dryRun) {
      const count = await countFailedInWindow(this.db, window, RECOVER_LIMIT + 1);
      return this.answer(this.db, { appId, endpointId, dryRun: true, count, retrying });
    }
    return this.db.transaction(async (sql) => {
      const messageIds = await requeueFailedInWindow(sql, window, RECOVER_LIMIT);
      const requestedAt = new Date().toISOString();
      await this.store.appendMany(
        sql,
        messageIds.map((messageId) => ({
          streamId: `requeue:${newId('event')}`,
          expectedVersion: 0,
          events: [
            {
              type: 'delivery.requeued',
              data: {
                messageId,
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
      return this.answer(sql, {
        appId,
        endpointId,
        dryRun: false,
        count: messageIds.length,
        retrying,
      });
    });
  }

  /** How many deliveries of the window are still on their retry schedule, and the next due. */
  private async retrying(window: ControlWindow): Promise<Retrying> {
    const { count, nextAt } = await retryingInWindow(this.db, window);
    return { stillRetrying: count, nextRetryAt: nextAt?.toISOString() ?? null };
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
