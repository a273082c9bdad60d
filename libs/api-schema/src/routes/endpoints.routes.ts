import { ListResponseOf } from '../common/list-response.out';
import { OrderedListQuery } from '../common/ordered-list.query';
import { EndpointHeadersIn } from '../endpoints/endpoint-headers.dto';
import { EndpointIn } from '../endpoints/endpoint-in.dto';
import { EndpointPatch } from '../endpoints/endpoint-patch.dto';
import { EndpointHeadersOut, EndpointOut, EndpointSecretOut } from '../endpoints/endpoint.out';
import { EndpointSecretRotateIn } from '../endpoints/rotate-secret.dto';
import { EndpointStatsOut } from '../history/attempt.out';
import { StatsQuery } from '../history/stats.query';
import { EventExampleIn } from '../messages/event-example.dto';
import { MessageOut, RecoverOut } from '../messages/message.out';
import { RecoverIn } from '../messages/recover.dto';
import { routeGroup } from './route-table';

const ENDPOINT = '/internal/apps/{appId}/endpoints/{endpointId}';

/** Management API: endpoints and their secrets (Svix paths), owned by the endpoints service. */
export const ENDPOINT_ROUTES = routeGroup({
  auth: 'api-key',
  tag: 'Endpoint',
  area: 'endpoints',
  routes: [
    {
      id: 'createEndpoint',
      method: 'POST',
      path: '/api/v1/app/{appId}/endpoint',
      app: 'path',
      to: { service: 'endpoints', path: '/internal/apps/{appId}/endpoints' },
      summary: 'Create an endpoint',
      body: EndpointIn,
      status: 201,
      ok: EndpointOut,
    },
    {
      id: 'listEndpoints',
      method: 'GET',
      path: '/api/v1/app/{appId}/endpoint',
      app: 'path',
      to: { service: 'endpoints', path: '/internal/apps/{appId}/endpoints' },
      summary: 'List an application’s endpoints',
      query: OrderedListQuery,
      ok: ListResponseOf(EndpointOut),
    },
    {
      id: 'getEndpoint',
      method: 'GET',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}',
      app: 'path',
      to: { service: 'endpoints', path: ENDPOINT },
      summary: 'Get an endpoint',
      ok: EndpointOut,
    },
    {
      id: 'updateEndpoint',
      method: 'PUT',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}',
      app: 'path',
      to: { service: 'endpoints', path: ENDPOINT },
      summary: 'Replace an endpoint, or create it when absent',
      body: EndpointIn,
      ok: EndpointOut,
      upsert: true,
    },
    {
      id: 'patchEndpoint',
      method: 'PATCH',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}',
      app: 'path',
      to: { service: 'endpoints', path: ENDPOINT },
      summary: 'Change some fields of an endpoint',
      body: EndpointPatch,
      ok: EndpointOut,
    },
    {
      id: 'deleteEndpoint',
      method: 'DELETE',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}',
      app: 'path',
      to: { service: 'endpoints', path: ENDPOINT },
      summary: 'Delete an endpoint',
      status: 204,
    },
    {
      id: 'getEndpointSecret',
      method: 'GET',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}/secret',
      app: 'path',
      to: { service: 'endpoints', path: `${ENDPOINT}/secret` },
      summary: 'Get the endpoint’s signing secret',
      ok: EndpointSecretOut,
    },
    {
      id: 'rotateEndpointSecret',
      method: 'POST',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}/secret/rotate',
      app: 'path',
      to: { service: 'endpoints', path: `${ENDPOINT}/secret/rotate` },
      summary: 'Rotate the signing secret; the old one keeps signing for the grace period',
      description: 'Answers the new secret, as Svix’s SDKs 2.x expect.',
      body: EndpointSecretRotateIn,
      ok: EndpointSecretOut,
    },
    {
      id: 'getEndpointHeaders',
      method: 'GET',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}/headers',
      app: 'path',
      to: { service: 'endpoints', path: `${ENDPOINT}/headers` },
      summary: 'Get the custom headers sent with each delivery',
      ok: EndpointHeadersOut,
    },
    {
      id: 'updateEndpointHeaders',
      method: 'PUT',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}/headers',
      app: 'path',
      to: { service: 'endpoints', path: `${ENDPOINT}/headers` },
      summary: 'Replace the custom headers',
      body: EndpointHeadersIn,
      status: 204,
    },
    {
      id: 'patchEndpointHeaders',
      method: 'PATCH',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}/headers',
      app: 'path',
      to: { service: 'endpoints', path: `${ENDPOINT}/headers` },
      summary: 'Merge custom headers (null removes one)',
      body: EndpointHeadersIn,
      status: 204,
    },
    {
      // Svix's recover: re-send the endpoint's failed deliveries since a time (`dryRun` counts).
      id: 'recoverEndpoint',
      method: 'POST',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}/recover',
      app: 'path',
      to: { service: 'delivery', path: `${ENDPOINT}/recover`, readsYourWrites: true },
      summary: 'Re-send the endpoint’s failed deliveries since a time (dry run counts)',
      body: RecoverIn,
      status: 202,
      ok: RecoverOut,
    },
    {
      // Svix's endpoint stats, with latency percentiles and a series.
      id: 'getEndpointStats',
      method: 'GET',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}/stats',
      app: 'path',
      to: 'composed',
      summary: 'Attempt counts and latency percentiles over a time range',
      query: StatsQuery,
      ok: EndpointStatsOut,
    },
    {
      id: 'sendEndpointExample',
      method: 'POST',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}/send-example',
      app: 'path',
      to: 'composed',
      summary: 'Send the event type’s example payload to this endpoint (a test)',
      body: EventExampleIn,
      status: 202,
      ok: MessageOut,
    },
  ],
});
