import { Controller, Inject } from '@nestjs/common';
import { CONSUMER_GROUPS, TOPICS } from '@hookport/contracts';
import {
  claimUnhandled,
  ConsumeEvents,
  Database,
  HookportError,
  type TopicBatch,
} from '@hookport/platform';
import { EndpointWriter } from '../endpoint/endpoint-writer';

/**
 * Delivery decides when an endpoint is gone (410) or failed for too long; the endpoints service
 * owns the endpoint, so it disables it here, as Hookport itself, once per event (inbox in the
 * same transaction). The change is an `endpoint.updated` like any other, so every projection
 * and the audit trail see it.
 */
@Controller()
export class DeliveryHealthConsumer {
  static readonly consumer = 'delivery-health';

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EndpointWriter) private readonly writer: EndpointWriter,
  ) {}

  @ConsumeEvents({
    groupId: CONSUMER_GROUPS.endpointsDeliveryHealth,
    topics: [TOPICS.delivery],
    fromBeginning: true,
    // Health changes are a handful among every attempt on the topic.
    accepts:
      () =>
      ({ eventType }) =>
        eventType === undefined || eventType === 'endpoint.health-changed',
  })
  async handle({ events }: TopicBatch<typeof TOPICS.delivery>): Promise<void> {
    const disables = events.flatMap((event) =>
      event.type === 'endpoint.health-changed' && event.data.health === 'disabled' ? [event] : [],
    );
    if (disables.length === 0) return;
    await this.db.transaction(async (sql) => {
      for (const event of await claimUnhandled(
        sql,
        'endpoints',
        DeliveryHealthConsumer.consumer,
        disables,
      )) {
        const { data } = event;
        try {
          await this.writer.apply(
            sql,
            data.appId,
            data.endpointId,
            { kind: 'system', id: `delivery: ${data.reason}` },
            (state) => {
              if (state.status !== 'active') throw new HookportError('notFound', data.endpointId);
              return { type: 'UpdateEndpoint', data: { ...state.endpoint, disabled: true } };
            },
          );
        } catch (error) {
          // Deleted meanwhile: nothing left to disable.
          if (!(error instanceof HookportError && error.code === 'notFound')) throw error;
        }
      }
    });
  }
}
