import { ListResponseOf } from '../common/list-response.out';
import { MessageAttemptOut } from '../history/attempt.out';
import { AttemptQuery, DestinationQuery, HistoryQuery } from '../history/history.query';
import { MessageIn } from '../messages/message-in.dto';
import { EndpointMessageOut, MessageEndpointOut, MessageOut } from '../messages/message.out';
import { routeGroup } from './route-table';

const HISTORY = '/internal/apps/{appId}/history';

/**
 * Management API: message ingest and delivery controls (owned by delivery), and the delivery
 * history in Svix's shapes (owned by logs). History outlives its application until retention:
 * a deleted application resolves by id there.
 */
export const MESSAGE_ROUTES = routeGroup({
  auth: 'api-key',
  tag: 'Message',
  area: 'messages',
  routes: [
    {
      id: 'createMessage',
      method: 'POST',
      path: '/api/v1/app/{appId}/msg',
      app: 'path-or-inline',
      to: { service: 'delivery', path: '/internal/apps/{appId}/messages', readsYourWrites: true },
      summary: 'Send a message: stored durably, then delivered to every matching endpoint',
      description:
        'Answered once the message is durable. `eventId` and the `Idempotency-Key` header deduplicate: the same key answers the same message.',
      body: MessageIn,
      status: 202,
      ok: MessageOut,
      errors: {
        409: 'The eventId or Idempotency-Key was used with another body',
        413: 'The payload is larger than HOOKPORT_MAX_PAYLOAD_BYTES',
      },
    },
    {
      // Svix's resend: the message to this endpoint again, now, marked as a manual attempt.
      id: 'resendMessage',
      method: 'POST',
      path: '/api/v1/app/{appId}/msg/{messageId}/endpoint/{endpointId}/resend',
      app: 'path',
      to: {
        service: 'delivery',
        path: '/internal/apps/{appId}/messages/{messageId}/endpoints/{endpointId}/resend',
        readsYourWrites: true,
      },
      summary: 'Send a message to one endpoint again, now',
      status: 202,
    },
    {
      id: 'listMessages',
      method: 'GET',
      path: '/api/v1/app/{appId}/msg',
      app: 'path-with-deleted',
      to: { service: 'logs', path: `${HISTORY}/messages` },
      summary: 'List an application’s messages, newest first',
      query: HistoryQuery,
      ok: ListResponseOf(MessageOut),
    },
    {
      // Svix answers a message accepted moments ago at once: the log may not have it yet.
      id: 'getMessage',
      method: 'GET',
      path: '/api/v1/app/{appId}/msg/{messageId}',
      app: 'path-with-deleted',
      to: 'composed',
      summary: 'Get a message with its payload',
      ok: MessageOut,
    },
    {
      id: 'listAttemptedDestinations',
      method: 'GET',
      path: '/api/v1/app/{appId}/msg/{messageId}/endpoint',
      app: 'path-with-deleted',
      to: 'composed',
      summary: 'List the endpoints a message went to, each with its delivery’s state',
      query: DestinationQuery,
      ok: ListResponseOf(MessageEndpointOut),
    },
    {
      id: 'getAttempt',
      method: 'GET',
      path: '/api/v1/app/{appId}/msg/{messageId}/attempt/{attemptId}',
      app: 'path-with-deleted',
      to: { service: 'logs', path: `${HISTORY}/messages/{messageId}/attempts/{attemptId}` },
      summary: 'Get one delivery attempt',
      ok: MessageAttemptOut,
    },
    {
      id: 'listAttemptsByMessage',
      method: 'GET',
      path: '/api/v1/app/{appId}/attempt/msg/{messageId}',
      app: 'path-with-deleted',
      to: { service: 'logs', path: `${HISTORY}/messages/{messageId}/attempts` },
      summary: 'List a message’s attempts',
      query: AttemptQuery,
      ok: ListResponseOf(MessageAttemptOut),
    },
    {
      id: 'listAttemptsByEndpoint',
      method: 'GET',
      path: '/api/v1/app/{appId}/attempt/endpoint/{endpointId}',
      app: 'path-with-deleted',
      to: { service: 'logs', path: `${HISTORY}/endpoints/{endpointId}/attempts` },
      summary: 'List an endpoint’s attempts',
      query: AttemptQuery,
      ok: ListResponseOf(MessageAttemptOut),
    },
    {
      id: 'listAttemptedMessages',
      method: 'GET',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}/msg',
      app: 'path-with-deleted',
      to: { service: 'logs', path: `${HISTORY}/endpoints/{endpointId}/messages` },
      summary: 'List the messages sent to an endpoint, each with its delivery’s state',
      query: AttemptQuery,
      ok: ListResponseOf(EndpointMessageOut),
    },
    {
      // Svix's content expunge: delivery deletes it and tells the log.
      id: 'expungeMessageContent',
      method: 'DELETE',
      path: '/api/v1/app/{appId}/msg/{messageId}/content',
      app: 'path',
      to: { service: 'delivery', path: '/internal/apps/{appId}/messages/{messageId}/content' },
      summary: 'Delete a message’s payload everywhere Hookport keeps it',
      description:
        'The message stays listed; its payload reads `{"expired": true}`, as on Svix. Its deliveries not yet sent are canceled, and it cannot be resent, recovered or replayed. An attempt in flight finishes. Copies already published to Kafka stay until the topic’s retention.',
      status: 204,
    },
    {
      id: 'expungeAttemptContent',
      method: 'DELETE',
      path: '/api/v1/app/{appId}/msg/{messageId}/attempt/{attemptId}/content',
      app: 'path',
      to: {
        service: 'delivery',
        path: '/internal/apps/{appId}/messages/{messageId}/attempts/{attemptId}/content',
      },
      summary: 'Delete an attempt’s response body',
      description: 'The attempt’s `response` then reads `EXPUNGED`, as on Svix.',
      status: 204,
    },
  ],
});
