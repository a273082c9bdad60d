import { Controller, Inject } from '@nestjs/common';
import { CONSUMER_GROUPS, OPERATIONAL_APP_ID, TOPICS } from '@hookport/contracts';
import { ConsumeEvents, Database, HookportError, type TopicBatch } from '@hookport/platform';
import type { MessageIn } from '@hookport/api-schema';
import { EndpointDirectory } from '../endpoint-directory/endpoint-directory';
import { AcceptMessageHandler } from '../ingest/accept-message.handler';
import { MessageErrorCode } from '../ingest/message.errors';
import {
  concernsOperationalWebhooks,
  operationalMessagesOf,
  type OperationalMessage,
  type OperationalConcern,
} from './operational-events';
import {
  forgetApplicationNames,
  forgetEndpointName,
  loadOperationalNames,
  saveApplicationName,
  saveEndpointName,
  type NamedEndpoint,
} from './operational-names.repository';

// An event older than this is history read again (a new consumer group, offsets reset): it
// updates the names but is not announced, so no operational endpoint is flooded with the past.
const ANNOUNCE_WITHIN_MS = 24 * 3_600_000;

/** Events that name applications and endpoints: kept whether or not anyone listens. */
const NAMING_TYPES = new Set([
  'application.created',
  'application.updated',
  'application.deleted',
  'endpoint.created',
  'endpoint.updated',
  'endpoint.deleted',
]);
/**
 * Events that only announce: passed over unparsed while there is no operational endpoint, so
 * an installation without one does not read every attempt of the delivery topic twice.
 */
const ANNOUNCING_TYPES = new Set(['endpoint.health-changed', 'delivery.attempted']);

const HOOKPORT = { kind: 'system' as const, id: 'operational-webhooks' };

/**
 * Turns the endpoints service's and delivery's durable events into messages of the operational
 * webhooks' application, which the ordinary delivery path then signs, sends and retries. The
 * offsets are committed only after the messages are accepted, and each message's event id is
 * derived from its source event, so a crash or a replay neither loses one nor sends one twice.
 */
@Controller()
export class OperationalEventsConsumer {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AcceptMessageHandler) private readonly acceptMessage: AcceptMessageHandler,
    @Inject(EndpointDirectory) private readonly directory: EndpointDirectory,
  ) {}

  @ConsumeEvents({
    groupId: CONSUMER_GROUPS.deliveryOperationalWebhooks,
    topics: [TOPICS.endpoints, TOPICS.delivery],
    // From the beginning for the names (uids); old events are not announced (see above).
    fromBeginning: true,
    accepts: (get) => {
      const directory = get(EndpointDirectory);
      return ({ eventType }) =>
        eventType === undefined ||
        NAMING_TYPES.has(eventType) ||
        (ANNOUNCING_TYPES.has(eventType) && directory.hasEndpoints(OPERATIONAL_APP_ID));
    },
  })
  async handle({
    events,
  }: TopicBatch<typeof TOPICS.endpoints | typeof TOPICS.delivery>): Promise<void> {
    const sources = events.filter(concernsOperationalWebhooks);
    if (sources.length === 0) return;
    const names = await loadOperationalNames(
      this.db,
      [...new Set(sources.map((event) => event.data.appId))],
      [...new Set(sources.flatMap((event) => endpointIdOf(event) ?? []))],
      sources.flatMap((event) =>
        event.type === 'delivery.attempted' ? [event.data.messageId] : [],
      ),
    );
    const view = {
      appUid: (appId: string) => names.appUids.get(appId) ?? null,
      endpoint: (endpointId: string) => names.endpoints.get(endpointId) ?? null,
      messageEventId: (messageId: string) => names.messageEventIds.get(messageId) ?? null,
    };
    const announced: OperationalMessage[] = [];
    const now = Date.now();
    for (const event of sources) {
      if (now - Date.parse(event.occurredAt) < ANNOUNCE_WITHIN_MS)
        announced.push(...operationalMessagesOf(event, view));
      evolveNames(names, event);
    }
    // Accepted before the names move on: a batch retried after a failure announces the same.
    for (const message of announced) await this.accept(message);
    await this.db.transaction(async (sql) => {
      for (const event of sources) {
        switch (event.type) {
          case 'application.created':
          case 'application.updated': {
            const { data } = event;
            await saveApplicationName(sql, data.appId, data.uid);
            break;
          }
          case 'application.deleted':
            await forgetApplicationNames(sql, event.data.appId);
            break;
          case 'endpoint.created':
          case 'endpoint.updated': {
            const { data } = event;
            await saveEndpointName(sql, {
              id: data.endpointId,
              appId: data.appId,
              uid: data.uid,
              disabled: data.disabled,
              version: event.streamPosition,
            });
            break;
          }
          case 'endpoint.deleted':
            await forgetEndpointName(sql, event.data.endpointId);
            break;
          // They announce; they name nothing.
          case 'endpoint.health-changed':
          case 'delivery.attempted':
            break;
        }
      }
    });
  }

  private async accept(message: OperationalMessage): Promise<void> {
    // No operational endpoint wants it: nothing to keep (an installation without them stores
    // nothing). The gateway answers an endpoint's creation once delivery knows it, so what
    // happens after that answer is not skipped.
    if (this.directory.targets(OPERATIONAL_APP_ID, message.eventType, null).length === 0) return;
    const input: MessageIn = {
      eventType: message.eventType,
      payload: message.payload as unknown as Record<string, unknown>,
      eventId: message.eventId,
    };
    try {
      await this.acceptMessage.execute({
        appId: OPERATIONAL_APP_ID,
        input,
        principal: HOOKPORT,
        idempotencyKey: undefined,
        appPosition: undefined,
      });
    } catch (error) {
      // Accepted before a crash or by a replay: announced once already.
      const isDuplicate =
        error instanceof HookportError &&
        error.fieldErrors?.some((field) => field.message === MessageErrorCode.DuplicateEventId);
      if (!isDuplicate) throw error;
    }
  }
}

const endpointIdOf = (event: OperationalConcern): string | null => {
  switch (event.type) {
    case 'endpoint.created':
    case 'endpoint.updated':
    case 'endpoint.deleted':
    case 'endpoint.health-changed':
    case 'delivery.attempted':
      return event.data.endpointId;
    case 'application.created':
    case 'application.updated':
    case 'application.deleted':
      return null;
  }
};

/** The names as they stand after `event`, for the next event of the same batch. */
const evolveNames = (
  names: { appUids: Map<string, string | null>; endpoints: Map<string, NamedEndpoint> },
  event: OperationalConcern,
): void => {
  switch (event.type) {
    case 'application.created':
    case 'application.updated':
      names.appUids.set(event.data.appId, event.data.uid);
      return;
    case 'endpoint.created':
    case 'endpoint.updated':
      names.endpoints.set(event.data.endpointId, {
        uid: event.data.uid,
        disabled: event.data.disabled,
      });
      return;
    case 'endpoint.deleted':
      names.endpoints.delete(event.data.endpointId);
      return;
    case 'application.deleted':
    case 'endpoint.health-changed':
    case 'delivery.attempted':
      return;
  }
};
