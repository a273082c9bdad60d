import { ListResponseOf } from '../common/list-response.out';
import { OrderedListQuery } from '../common/ordered-list.query';
import { EndpointHeadersIn } from '../endpoints/endpoint-headers.dto';
import { EndpointIn } from '../endpoints/endpoint-in.dto';
import { EndpointHeadersOut, EndpointOut, EndpointSecretOut } from '../endpoints/endpoint.out';
import { EndpointSecretRotateIn } from '../endpoints/rotate-secret.dto';
import { routeGroup } from './route-table';

const BASE = '/api/v1/operational-webhook/endpoint';
const ENDPOINTS = '/internal/apps/{appId}/endpoints';
const ENDPOINT = `${ENDPOINTS}/{endpointId}`;
// A write is answered once delivery knows it: what happens after the answer is announced to
// the endpoint as it now is.
const WRITE = { service: 'endpoints', awaitsDelivery: true } as const;
const READ = { service: 'endpoints' } as const;

/**
 * Management API: Svix's operational webhook endpoints, the operator's own receivers of
 * Hookport's events (`endpoint.*`, `message.attempt.*`). They are the endpoints of an internal
 * application that no `/api/v1/app` route resolves, so this is the only way to them, under its
 * own scope (`operational-webhooks:read`/`:write`).
 */
export const OPERATIONAL_WEBHOOK_ROUTES = routeGroup({
  auth: 'api-key',
  tag: 'Operational webhook endpoint',
  area: 'operational-webhooks',
  routes: [
    {
      id: 'createOperationalWebhookEndpoint',
      method: 'POST',
      path: BASE,
      app: 'operational',
      to: { ...WRITE, path: ENDPOINTS },
      summary: 'Create an operational webhook endpoint',
      description:
        '`eventTypes` are Hookport’s own: `endpoint.created`, `message.attempt.exhausted`…',
      body: EndpointIn,
      status: 201,
      ok: EndpointOut,
    },
    {
      id: 'listOperationalWebhookEndpoints',
      method: 'GET',
      path: BASE,
      app: 'operational',
      to: { ...READ, path: ENDPOINTS },
      summary: 'List the operational webhook endpoints',
      query: OrderedListQuery,
      ok: ListResponseOf(EndpointOut),
    },
    {
      id: 'getOperationalWebhookEndpoint',
      method: 'GET',
      path: `${BASE}/{endpointId}`,
      app: 'operational',
      to: { ...READ, path: ENDPOINT },
      summary: 'Get an operational webhook endpoint',
      ok: EndpointOut,
    },
    {
      id: 'updateOperationalWebhookEndpoint',
      method: 'PUT',
      path: `${BASE}/{endpointId}`,
      app: 'operational',
      to: { ...WRITE, path: ENDPOINT },
      summary: 'Replace an operational webhook endpoint, or create it when absent',
      body: EndpointIn,
      ok: EndpointOut,
      upsert: true,
    },
    {
      id: 'deleteOperationalWebhookEndpoint',
      method: 'DELETE',
      path: `${BASE}/{endpointId}`,
      app: 'operational',
      to: { ...WRITE, path: ENDPOINT },
      summary: 'Delete an operational webhook endpoint',
      status: 204,
    },
    {
      id: 'getOperationalWebhookEndpointSecret',
      method: 'GET',
      path: `${BASE}/{endpointId}/secret`,
      app: 'operational',
      to: { ...READ, path: `${ENDPOINT}/secret` },
      summary: 'Get the operational webhook endpoint’s signing secret',
      ok: EndpointSecretOut,
    },
    {
      id: 'rotateOperationalWebhookEndpointSecret',
      method: 'POST',
      path: `${BASE}/{endpointId}/secret/rotate`,
      app: 'operational',
      to: { ...WRITE, path: `${ENDPOINT}/secret/rotate` },
      summary: 'Rotate the signing secret; the old one keeps signing for the grace period',
      body: EndpointSecretRotateIn,
      ok: EndpointSecretOut,
    },
    {
      id: 'getOperationalWebhookEndpointHeaders',
      method: 'GET',
      path: `${BASE}/{endpointId}/headers`,
      app: 'operational',
      to: { ...READ, path: `${ENDPOINT}/headers` },
      summary: 'Get the custom headers sent with each operational webhook',
      ok: EndpointHeadersOut,
    },
    {
      id: 'updateOperationalWebhookEndpointHeaders',
      method: 'PUT',
      path: `${BASE}/{endpointId}/headers`,
      app: 'operational',
      to: { ...WRITE, path: `${ENDPOINT}/headers` },
      summary: 'Replace the custom headers',
      body: EndpointHeadersIn,
      status: 204,
    },
  ],
});
