import { ListResponseOf } from '../common/list-response.out';
import { ListQuery } from '../common/list.query';
import { EndpointIn } from '../endpoints/endpoint-in.dto';
import { EndpointPatch } from '../endpoints/endpoint-patch.dto';
import {
  EndpointHeadersOut,
  EndpointHealthListOut,
  EndpointOut,
  EndpointSecretOut,
} from '../endpoints/endpoint.out';
import { EndpointSecretRotateIn } from '../endpoints/rotate-secret.dto';
import { EventTypeListQuery } from '../event-types/event-type-list.query';
import { EventTypeOut } from '../event-types/event-type.out';
import {
  AuditLogEntryOut,
  EndpointStatsOut,
  EndpointSuccessRatesOut,
  MessageDetailOut,
  MessageLogRowOut,
} from '../history/attempt.out';
import { AuditLogQuery } from '../history/audit-log.query';
import { ListMessagesQuery } from '../history/list-messages.query';
import { StatsQuery, SuccessRatesQuery } from '../history/stats.query';
import { EventExampleIn } from '../messages/event-example.dto';
import { MessageOut, RecoverOut } from '../messages/message.out';
import { RecoverIn } from '../messages/recover.dto';
import { SessionExchangeIn } from '../portal-access/exchange-code.dto';
import {
  PortalMeOut,
  SessionExchangeOut,
  SessionRefreshOut,
} from '../portal-access/portal-access.out';
import { routeGroup } from './route-table';

/** Portal API: the session itself (code exchange, refresh, logout, me), owned by portal-session. */
export const PORTAL_SESSION_ROUTES = routeGroup({
  auth: 'portal-session',
  tag: 'Portal session',
  routes: [
    {
      // A URL's one-time code, or a magic link's or embed token's token, for a session.
      id: 'exchangePortalCode',
      method: 'POST',
      path: '/portal-api/v1/session/exchange',
      scope: 'none',
      to: { service: 'portal-session', path: '/internal/portal-sessions/exchange' },
      summary:
        'Exchange a session URL’s one-time code (or a magic link or embed token) for a session token',
      body: SessionExchangeIn,
      ok: SessionExchangeOut,
    },
    {
      // A fresh token for the same session, within the session's lifetime.
      id: 'refreshPortalSession',
      method: 'POST',
      path: '/portal-api/v1/session/refresh',
      scope: 'any-session',
      to: { service: 'portal-session', path: '/internal/portal-sessions/refresh' },
      summary: 'A fresh token for the same session',
      ok: SessionRefreshOut,
    },
    {
      // Ends this session at every gateway.
      id: 'logoutPortalSession',
      method: 'POST',
      path: '/portal-api/v1/session/logout',
      scope: 'any-session',
      to: { service: 'portal-session', path: '/internal/portal-sessions/logout' },
      summary: 'End this session',
      status: 204,
    },
    {
      id: 'getPortalMe',
      method: 'GET',
      path: '/portal-api/v1/me',
      scope: 'any-session',
      to: { service: 'portal-session', path: '/internal/portal-sessions/me' },
      summary: 'Who the session is, its scopes, and the portal’s branding',
      ok: PortalMeOut,
    },
  ],
});

const ENDPOINTS = '/internal/apps/{appId}/endpoints';
const ENDPOINT = `${ENDPOINTS}/{endpointId}`;

/**
 * Portal API: the session's application's endpoints, secrets, event-type catalogue, audit log
 * and delivery log. The application comes from the session, never from the URL; the services
 * apply the session's endpoint restriction.
 */
export const PORTAL_ROUTES = routeGroup({
  auth: 'portal-session',
  tag: 'Portal',
  routes: [
    {
      id: 'portalListEndpoints',
      method: 'GET',
      path: '/portal-api/v1/endpoints',
      scope: 'endpoints:read',
      app: 'session',
      to: { service: 'endpoints', path: ENDPOINTS },
      summary: 'List the session’s endpoints',
      query: ListQuery,
      ok: ListResponseOf(EndpointOut),
    },
    {
      id: 'portalCreateEndpoint',
      method: 'POST',
      path: '/portal-api/v1/endpoints',
      scope: 'endpoints:write',
      app: 'session',
      to: { service: 'endpoints', path: ENDPOINTS },
      summary: 'Create an endpoint',
      body: EndpointIn,
      status: 201,
      ok: EndpointOut,
    },
    {
      // Circuit and health of the session's endpoints (absent: closed and healthy).
      id: 'portalListEndpointHealth',
      method: 'GET',
      path: '/portal-api/v1/endpoints/health',
      scope: 'endpoints:read',
      app: 'session',
      to: { service: 'logs', path: '/internal/apps/{appId}/endpoint-health' },
      summary: 'Circuit breaker and health of the endpoints',
      ok: EndpointHealthListOut,
    },
    {
      id: 'portalListEndpointSuccessRates',
      method: 'GET',
      path: '/portal-api/v1/endpoints/success-rates',
      scope: 'endpoints:read',
      app: 'session',
      to: { service: 'logs', path: '/internal/apps/{appId}/endpoint-success-rates' },
      summary: 'Each endpoint’s attempts by outcome since a time (default: the last 24 hours)',
      query: SuccessRatesQuery,
      ok: EndpointSuccessRatesOut,
    },
    {
      id: 'portalGetEndpoint',
      method: 'GET',
      path: '/portal-api/v1/endpoints/{endpointId}',
      scope: 'endpoints:read',
      app: 'session',
      to: { service: 'endpoints', path: ENDPOINT },
      summary: 'Get an endpoint',
      ok: EndpointOut,
    },
    {
      // `dryRun: true` only counts them.
      id: 'portalRecoverEndpoint',
      method: 'POST',
      path: '/portal-api/v1/endpoints/{endpointId}/recover',
      scope: 'messages:retry',
      app: 'session',
      to: { service: 'delivery', path: `${ENDPOINT}/recover`, readsYourWrites: true },
      summary: 'Re-send an endpoint’s failed deliveries since a time (dry run counts)',
      body: RecoverIn,
      status: 202,
      ok: RecoverOut,
    },
    {
      // Attempts by outcome and latency percentiles over time, for the endpoint's chart.
      id: 'portalGetEndpointStats',
      method: 'GET',
      path: '/portal-api/v1/endpoints/{endpointId}/stats',
      scope: 'endpoints:read',
      app: 'session',
      to: 'composed',
      summary: 'Attempt counts and latency percentiles of an endpoint',
      query: StatsQuery,
      ok: EndpointStatsOut,
    },
    {
      id: 'portalPatchEndpoint',
      method: 'PATCH',
      path: '/portal-api/v1/endpoints/{endpointId}',
      scope: 'endpoints:write',
      app: 'session',
      to: { service: 'endpoints', path: ENDPOINT },
      summary: 'Change some fields of an endpoint',
      body: EndpointPatch,
      ok: EndpointOut,
    },
    {
      id: 'portalUpdateEndpoint',
      method: 'PUT',
      path: '/portal-api/v1/endpoints/{endpointId}',
      scope: 'endpoints:write',
      app: 'session',
      to: { service: 'endpoints', path: ENDPOINT },
      summary: 'Replace an endpoint',
      body: EndpointIn,
      ok: EndpointOut,
    },
    {
      id: 'portalDeleteEndpoint',
      method: 'DELETE',
      path: '/portal-api/v1/endpoints/{endpointId}',
      scope: 'endpoints:delete',
      app: 'session',
      to: { service: 'endpoints', path: ENDPOINT },
      summary: 'Delete an endpoint',
      status: 204,
    },
    {
      id: 'portalGetEndpointSecret',
      method: 'GET',
      path: '/portal-api/v1/endpoints/{endpointId}/secret',
      scope: 'secrets:read',
      app: 'session',
      to: { service: 'endpoints', path: `${ENDPOINT}/secret` },
      summary: 'Reveal the endpoint’s signing secret',
      ok: EndpointSecretOut,
    },
    {
      // Custom headers often carry the receiver's credentials: reading them needs secrets:read.
      id: 'portalGetEndpointHeaders',
      method: 'GET',
      path: '/portal-api/v1/endpoints/{endpointId}/headers',
      scope: 'secrets:read',
      app: 'session',
      to: { service: 'endpoints', path: `${ENDPOINT}/headers` },
      summary: 'The custom headers sent with each delivery (they may hold credentials)',
      ok: EndpointHeadersOut,
    },
    {
      id: 'portalRotateEndpointSecret',
      method: 'POST',
      path: '/portal-api/v1/endpoints/{endpointId}/secret/rotate',
      scope: 'secrets:rotate',
      app: 'session',
      to: { service: 'endpoints', path: `${ENDPOINT}/secret/rotate` },
      summary: 'Rotate the signing secret with a grace period',
      body: EndpointSecretRotateIn,
      status: 204,
    },
    {
      // Sends the event type's example payload to this endpoint, marked as a test.
      id: 'portalSendTestEvent',
      method: 'POST',
      path: '/portal-api/v1/endpoints/{endpointId}/test',
      scope: 'endpoints:write',
      app: 'session',
      to: 'composed',
      summary: 'Send an event type’s example to the endpoint',
      body: EventExampleIn,
      status: 202,
      ok: MessageOut,
      errors: {
        409:
          'The endpoint would not be tried now: disabled (`endpoint-disabled`) or paused by its ' +
          'open circuit until its next probe (`endpoint-paused`), as the field error says.',
      },
    },
    {
      id: 'portalListEventTypes',
      method: 'GET',
      path: '/portal-api/v1/event-types',
      scope: 'event-types:read',
      to: { service: 'endpoints', path: '/internal/event-types' },
      summary: 'The event catalogue',
      query: EventTypeListQuery,
      ok: ListResponseOf(EventTypeOut),
    },
    {
      // Who changed what, when, from which session (with its metadata).
      id: 'portalGetAuditLog',
      method: 'GET',
      path: '/portal-api/v1/audit-log',
      scope: 'audit:read',
      app: 'session',
      to: { service: 'endpoints', path: '/internal/apps/{appId}/audit-log' },
      summary: 'Who changed what, newest first',
      query: AuditLogQuery,
      ok: ListResponseOf(AuditLogEntryOut),
    },
    {
      id: 'portalListMessages',
      method: 'GET',
      path: '/portal-api/v1/messages',
      scope: 'messages:read',
      app: 'session',
      to: { service: 'logs', path: '/internal/apps/{appId}/messages' },
      summary: 'The delivery log: messages with the state of each delivery',
      query: ListMessagesQuery,
      ok: ListResponseOf(MessageLogRowOut),
    },
    {
      // A row of the live tail may be clicked before the log has its message.
      id: 'portalGetMessage',
      method: 'GET',
      path: '/portal-api/v1/messages/{messageId}',
      scope: 'messages:read',
      app: 'session',
      to: 'composed',
      summary: 'A message with its payload, deliveries and every attempt',
      ok: MessageDetailOut,
    },
    {
      // The message to the endpoint again, now, marked as a manual attempt.
      id: 'portalRetryDelivery',
      method: 'POST',
      path: '/portal-api/v1/messages/{messageId}/endpoints/{endpointId}/retry',
      scope: 'messages:retry',
      app: 'session',
      to: {
        service: 'delivery',
        path: '/internal/apps/{appId}/messages/{messageId}/endpoints/{endpointId}/resend',
        readsYourWrites: true,
      },
      summary: 'Send a message to one endpoint again, now',
      status: 202,
    },
    {
      id: 'portalStream',
      method: 'GET',
      path: '/portal-api/v1/stream',
      scope: 'messages:read',
      app: 'session',
      to: 'composed',
      summary: 'Live delivery log (server-sent events: message, attempt, endpoint-health)',
      description:
        "Each event's `id` is its position; reconnect with `Last-Event-ID` to receive what was missed. Events: `message`, `attempt`, `endpoint-health` (data: JSON).",
      headers: [
        {
          name: 'Last-Event-ID',
          required: false,
          description: 'The id of the last event received, to resume after it',
        },
      ],
      eventStream: true,
    },
  ],
});
