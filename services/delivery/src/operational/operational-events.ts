import {
  FAILING_AFTER_ATTEMPTS,
  OPERATIONAL_APP_ID,
  type DeliveryAttemptedV1,
  type EnvelopeOn,
  type OperationalEventType,
  type OperationalPayload,
  type TOPICS,
} from '@hookport/contracts';

/** What the operational webhooks are made from: the endpoints service's and delivery's events. */
export type OperationalSource = EnvelopeOn<typeof TOPICS.endpoints | typeof TOPICS.delivery>;

/** What the announcements name besides ids: kept by the consumer from the endpoints' events. */
export interface OperationalNames {
  appUid(appId: string): string | null;
  endpoint(endpointId: string): { uid: string | null; disabled: boolean } | null;
  /** The event id the operator gave a message, when delivery still has it. */
  messageEventId(messageId: string): string | null;
}

export interface OperationalMessage {
  /** The message's event id: the source event's id and the announcement, so a replay adds none. */
  eventId: string;
  eventType: OperationalEventType;
  payload: OperationalPayload;
}

/**
 * The operational webhooks one durable event announces (Svix's event types and payloads), in
 * order; none for the operational endpoints' own application, whose failures would otherwise
 * announce themselves forever.
 */
export const operationalMessagesOf = (
  event: OperationalConcern,
  names: OperationalNames,
): OperationalMessage[] => {
  if (event.applicationId === OPERATIONAL_APP_ID) return [];
  const message = (payload: OperationalPayload): OperationalMessage => ({
    eventId: `${event.id}.${payload.type}`,
    eventType: payload.type,
    payload,
  });
  switch (event.type) {
    case 'endpoint.created':
    case 'endpoint.updated': {
      const { data } = event;
      const ids = {
        appId: data.appId,
        appUid: names.appUid(data.appId),
        endpointId: data.endpointId,
        endpointUid: data.uid,
      };
      if (event.type === 'endpoint.created')
        return [message({ type: 'endpoint.created', data: ids })];
      const wasDisabled = names.endpoint(data.endpointId)?.disabled ?? false;
      const messages = [message({ type: 'endpoint.updated', data: ids })];
      // Hookport's own disabling (a system actor) is announced from delivery's health event,
      // which knows since when the endpoint failed.
      if (data.disabled && !wasDisabled && event.actor.kind !== 'system')
        messages.push(
          message({
            type: 'endpoint.disabled',
            data: { ...ids, failSince: null, trigger: 'manual' },
          }),
        );
      if (!data.disabled && wasDisabled)
        messages.push(message({ type: 'endpoint.enabled', data: ids }));
      return messages;
    }
    case 'endpoint.deleted': {
      const { data } = event;
      return [
        message({
          type: 'endpoint.deleted',
          data: {
            appId: data.appId,
            appUid: names.appUid(data.appId),
            endpointId: data.endpointId,
            endpointUid: names.endpoint(data.endpointId)?.uid ?? null,
          },
        }),
      ];
    }
    case 'endpoint.health-changed': {
      const { data } = event;
      if (data.health !== 'disabled') return [];
      return [
        message({
          type: 'endpoint.disabled',
          data: {
            appId: data.appId,
            appUid: names.appUid(data.appId),
            endpointId: data.endpointId,
            endpointUid: names.endpoint(data.endpointId)?.uid ?? null,
            failSince: data.failingSince,
            trigger: 'automatic',
          },
        }),
      ];
    }
    case 'delivery.attempted': {
      const { data } = event;
      const type = attemptAnnouncement(data);
      if (!type) return [];
      return [
        message({
          type,
          data: {
            appId: data.appId,
            appUid: names.appUid(data.appId),
            msgId: data.messageId,
            msgEventId: names.messageEventId(data.messageId),
            endpointId: data.endpointId,
            lastAttempt: {
              id: data.attemptId,
              responseStatusCode: data.responseStatus ?? 0,
              timestamp: data.attemptedAt,
            },
          },
        }),
      ];
    }
    // Names only: announced by nothing.
    case 'application.created':
    case 'application.updated':
    case 'application.deleted':
      return [];
  }
};

/** The events that name something or may announce something (all carry their application). */
export type OperationalConcern = Extract<
  OperationalSource,
  {
    type:
      | 'application.created'
      | 'application.updated'
      | 'application.deleted'
      | 'endpoint.created'
      | 'endpoint.updated'
      | 'endpoint.deleted'
      | 'endpoint.health-changed'
      | 'delivery.attempted';
  }
>;

/**
 * Whether an event may matter to the operational webhooks: it names something (applications,
 * endpoints) or may announce something. Most attempts succeed at once and matter not.
 */
export const concernsOperationalWebhooks = (
  event: OperationalSource,
): event is OperationalConcern => {
  if (event.applicationId === OPERATIONAL_APP_ID) return false;
  switch (event.type) {
    case 'application.created':
    case 'application.updated':
    case 'application.deleted':
    case 'endpoint.created':
    case 'endpoint.updated':
    case 'endpoint.deleted':
      return true;
    case 'endpoint.health-changed':
      return event.data.health === 'disabled';
    case 'delivery.attempted':
      return attemptAnnouncement(event.data) !== null;
    case 'endpoint.secret-rotated':
    case 'event-type.created':
    case 'event-type.updated':
    case 'message.accepted':
    case 'delivery.requeued':
    case 'message.content-expunged':
    case 'attempt.content-expunged':
    case 'endpoint.circuit-changed':
      return false;
  }
};

/**
 * Svix's attempt announcements: `exhausted` when a delivery's last scheduled retry failed,
 * `failing` when its fourth attempt failed and more follow, `recovered` when it succeeded after
 * that. Test sends announce nothing.
 */
const attemptAnnouncement = (
  data: DeliveryAttemptedV1,
): 'message.attempt.exhausted' | 'message.attempt.failing' | 'message.attempt.recovered' | null => {
  if (data.trigger === 'test') return null;
  if (data.succeeded)
    return data.attemptNumber > FAILING_AFTER_ATTEMPTS ? 'message.attempt.recovered' : null;
  if (data.deliveryStatus === 'failed') return 'message.attempt.exhausted';
  if (data.deliveryStatus === 'retrying' && data.attemptNumber === FAILING_AFTER_ATTEMPTS)
    return 'message.attempt.failing';
  return null;
};
