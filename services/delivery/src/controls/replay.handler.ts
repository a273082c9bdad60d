import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryRequeuedV1, DeliveryEvents, EventOf } from '@hookport/contracts';
import { actorOf, Database, EventStore, type Principal } from '@hookport/platform';
import type { ReplayIn, ReplayOut } from '@hookport/api-schema';
import { EndpointDirectory } from '../endpoint-directory/endpoint-directory';
import { controlledEndpoint, refuseEmptyWindow } from './control-target';
import { recordFinishedTask } from './background-tasks.repository';
import { findMessagesToReplay, queueReplays } from './controls.repository';

/** One replay sends at most this many messages; a larger window takes several calls. */
export const REPLAY_LIMIT = 50_000;

/**
 * Svix's replay-missing: every message since a time (and before `until`) that the endpoint
 * subscribes to and never had a delivery of, e.g. sent before it was created, is queued to it
 * (one `delivery.requeued` each, so the log lists it). Expunged messages and test sends are not.
 */
@Injectable()
export class ReplayHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<DeliveryEvents>>,
    @Inject(EndpointDirectory) private readonly directory: EndpointDirectory,
  ) {}

  async execute(
    appId: string,
    endpointId: string,
    input: ReplayIn,
    principal: Principal,
    appPosition: string | undefined,
  ): Promise<ReplayOut> {
    // Typically called right after creating the endpoint: wait until delivery knows it.
    await controlledEndpoint(this.directory, {
      appId,
      endpointId,
      principal,
      appPosition,
    });
    refuseEmptyWindow(input);
    const task = await this.db.transaction(async (sql) => {
      const rows = await findMessagesToReplay(
        sql,
        { appId, endpointId, since: input.since, until: input.until ?? null },
        REPLAY_LIMIT + 1,
      );
      const more = rows.length > REPLAY_LIMIT;
      // The endpoint's subscriptions decide, as at fan-out (disabled ones get nothing).
      const subscribed = new Set(
        rows
          .slice(0, REPLAY_LIMIT)
          .filter((row) =>
            this.directory
              .targets(appId, row.event_type, row.channels)
              .some((target) => target.id === endpointId),
          )
          .map((row) => row.id),
      );
      const messageIds = [...subscribed];
      if (messageIds.length > 0) {
        await queueReplays(sql, appId, endpointId, messageIds);
        const requestedAt = new Date().toISOString();
        await this.store.appendMany(
          sql,
          messageIds.map((messageId) => ({
            streamId: `requeue:replay:${messageId}:${endpointId}`,
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
      }
      return recordFinishedTask(
        sql,
        { appId, endpointId, type: 'endpoint.replay' },
        { messagesSent: messageIds.length, more },
      );
    });
    return { id: task.id, status: task.status, task: 'endpoint.replay', updatedAt: task.updatedAt };
  }
}
