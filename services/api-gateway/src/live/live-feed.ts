import { Controller, Inject } from '@nestjs/common';
import {
  CONSUMER_GROUPS,
  TOPICS,
  type DeliveryEvents,
  type EnvelopeOf,
  type LiveEvent,
} from '@hookport/contracts';
import { ConsumeEvents, type TopicBatch } from '@hookport/platform';

type Listener = (event: LiveEvent) => void;

/** A delivery-topic event as the live stream shows it: no payload, headers or bodies. */
export const toLiveEvent = (
  event: EnvelopeOf<DeliveryEvents>,
): { appId: string; live: LiveEvent } | null => {
  const id = String(event.globalPosition);
  switch (event.type) {
    case 'message.accepted': {
      const { data } = event;
      return {
        appId: data.appId,
        live: {
          id,
          type: 'message',
          data: {
            messageId: data.messageId,
            eventType: data.eventType,
            eventId: data.eventId,
            endpointIds: data.endpointIds,
            timestamp: event.occurredAt,
          },
        },
      };
    }
    case 'delivery.attempted': {
      const { data } = event;
      return {
        appId: data.appId,
        live: {
          id,
          type: 'attempt',
          data: {
            attemptId: data.attemptId,
            messageId: data.messageId,
            endpointId: data.endpointId,
            succeeded: data.succeeded,
            deliveryStatus: data.deliveryStatus,
            responseStatus: data.responseStatus,
            durationMs: data.durationMs,
            errorClass: data.errorClass,
            trigger: data.trigger,
            nextAttemptAt: data.nextAttemptAt,
            timestamp: data.attemptedAt,
          },
        },
      };
    }
    case 'endpoint.health-changed': {
      const { data } = event;
      return {
        appId: data.appId,
        live: {
          id,
          type: 'endpoint-health',
          data: {
            endpointId: data.endpointId,
            health: data.health,
            reason: data.reason,
            timestamp: data.changedAt,
          },
        },
      };
    }
    case 'endpoint.circuit-changed': {
      const { data } = event;
      return {
        appId: data.appId,
        live: {
          id,
          type: 'endpoint-health',
          data: {
            endpointId: data.endpointId,
            circuit: data.state,
            nextProbeAt: data.nextProbeAt,
            timestamp: data.changedAt,
          },
        },
      };
    }
    // Not shown live: the log has them when the page is reloaded.
    case 'delivery.requeued':
    case 'message.content-expunged':
    case 'attempt.content-expunged':
      return null;
  }
};

/**
 * New delivery events, fanned out to this gateway's live streams by application. Reads the
 * delivery topic from its end under a consumer group of its own (every gateway sees every
 * event); what a reconnecting client missed comes from the logs service instead.
 */
export class LiveFeed {
  private readonly listeners = new Map<string, Set<Listener>>();

  listen(appId: string, listener: Listener): () => void {
    const set = this.listeners.get(appId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(appId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(appId);
    };
  }

  get streams(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  isWatched(appId: string): boolean {
    return this.listeners.has(appId);
  }

  publish(events: EnvelopeOf<DeliveryEvents>[]): void {
    if (this.listeners.size === 0) return;
    for (const event of events) {
      const set = event.applicationId ? this.listeners.get(event.applicationId) : undefined;
      if (!set) continue;
      const converted = toLiveEvent(event);
      if (!converted) continue;
      for (const listener of set) listener(converted.live);
    }
  }
}

/** Hands this gateway's new delivery events to its live streams. */
@Controller()
export class LiveFeedConsumer {
  constructor(@Inject(LiveFeed) private readonly feed: LiveFeed) {}

  @ConsumeEvents({
    groupId: CONSUMER_GROUPS.gatewayLive,
    isGroupPerProcess: true,
    topics: [TOPICS.delivery],
    fromBeginning: false,
    // Only applications someone is watching: the rest is not worth parsing.
    accepts: (get) => {
      const feed = get(LiveFeed);
      return ({ key }) => feed.isWatched(key);
    },
  })
  async handle({ events }: TopicBatch<typeof TOPICS.delivery>): Promise<void> {
    this.feed.publish(events);
  }
}
