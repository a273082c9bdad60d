import {
  Body,
  Controller,
  Delete,
  Get,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { OPERATIONAL_APP_ID } from '@hookport/contracts';
import { APP_POSITION_HEADER, CurrentPrincipal, type Principal } from '@hookport/platform';
import {
  EndpointHeadersIn,
  EndpointHeadersOut,
  EndpointIn,
  EndpointOut,
  EndpointSecretOut,
  EndpointSecretRotateIn,
  ListResponseOf,
  OrderedListQuery,
} from '@hookport/api-schema';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { forwardAndRelay, relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import { ManagementDocs, Route } from '../openapi/route-docs';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Management API: Svix's operational webhook endpoints, the operator's own receivers of
 * Hookport's events (`endpoint.*`, `message.attempt.*`). They are the endpoints of an internal
 * application that no `/api/v1/app` route resolves, so this is the only way to them, under its
 * own scope (`operational-webhooks:read`/`:write`).
 */
@ManagementDocs('Operational webhook endpoint')
@Controller('api/v1/operational-webhook/endpoint')
@UseGuards(ManagementAuthGuard)
@ManagementArea('operational-webhooks')
export class OperationalWebhooksController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  private forward(
    reply: FastifyReply,
    principal: Principal,
    method: Method,
    suffix: string,
    extra: { body?: unknown; query?: Record<string, unknown> } = {},
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method,
      path: `/internal/apps/${OPERATIONAL_APP_ID}/endpoints${suffix}`,
      principal,
      ...extra,
    });
  }

  /**
   * A write, answered once delivery knows it: what happens after the answer is announced to
   * the endpoint as it now is. Should delivery lag, the answer goes anyway (the change is made).
   */
  private async write(
    reply: FastifyReply,
    principal: Principal,
    method: Method,
    suffix: string,
    body?: unknown,
  ) {
    const answer = await this.services.forward('endpoints', {
      method,
      path: `/internal/apps/${OPERATIONAL_APP_ID}/endpoints${suffix}`,
      principal,
      body,
    });
    if (answer.status < 300) await this.catchUp(principal).catch(() => undefined);
    return relayReply(reply, answer);
  }

  private async catchUp(principal: Principal): Promise<void> {
    const path = `/internal/apps/${OPERATIONAL_APP_ID}`;
    const { status, body } = await this.services.json<{ position: string }>('endpoints', {
      method: 'GET',
      path: `${path}/position`,
      principal,
    });
    if (status !== 200) return;
    await this.services.forward('delivery', {
      method: 'GET',
      path: `${path}/endpoint-directory/caught-up`,
      principal,
      headers: { [APP_POSITION_HEADER]: body.position },
    });
  }

  @Route({
    id: 'createOperationalWebhookEndpoint',
    summary: 'Create an operational webhook endpoint',
    description:
      '`eventTypes` are Hookport’s own: `endpoint.created`, `message.attempt.exhausted`…',
    body: EndpointIn,
    status: 201,
    ok: EndpointOut,
  })
  @Post()
  create(@Body() body: unknown, @CurrentPrincipal() p: Principal, @Res() reply: FastifyReply) {
    return this.write(reply, p, 'POST', '', body);
  }

  @Route({
    id: 'listOperationalWebhookEndpoints',
    summary: 'List the operational webhook endpoints',
    query: OrderedListQuery,
    ok: ListResponseOf(EndpointOut),
  })
  @Get()
  list(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, 'GET', '', { query });
  }

  @Route({
    id: 'getOperationalWebhookEndpoint',
    summary: 'Get an operational webhook endpoint',
    ok: EndpointOut,
  })
  @Get(':endpointId')
  get(
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, 'GET', `/${encodeURIComponent(id)}`);
  }

  @Route({
    id: 'updateOperationalWebhookEndpoint',
    summary: 'Replace an operational webhook endpoint, or create it when absent',
    body: EndpointIn,
    ok: EndpointOut,
    upsert: true,
  })
  @Put(':endpointId')
  replace(
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.write(reply, p, 'PUT', `/${encodeURIComponent(id)}`, body);
  }

  @Route({
    id: 'deleteOperationalWebhookEndpoint',
    summary: 'Delete an operational webhook endpoint',
    status: 204,
  })
  @Delete(':endpointId')
  remove(
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.write(reply, p, 'DELETE', `/${encodeURIComponent(id)}`);
  }

  @Route({
    id: 'getOperationalWebhookEndpointSecret',
    summary: 'Get the operational webhook endpoint’s signing secret',
    ok: EndpointSecretOut,
  })
  @Get(':endpointId/secret')
  secret(
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, 'GET', `/${encodeURIComponent(id)}/secret`);
  }

  @Route({
    id: 'rotateOperationalWebhookEndpointSecret',
    summary: 'Rotate the signing secret; the old one keeps signing for the grace period',
    body: EndpointSecretRotateIn,
    ok: EndpointSecretOut,
  })
  @Post(':endpointId/secret/rotate')
  rotate(
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.write(reply, p, 'POST', `/${encodeURIComponent(id)}/secret/rotate`, body ?? {});
  }

  @Route({
    id: 'getOperationalWebhookEndpointHeaders',
    summary: 'Get the custom headers sent with each operational webhook',
    ok: EndpointHeadersOut,
  })
  @Get(':endpointId/headers')
  headers(
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, 'GET', `/${encodeURIComponent(id)}/headers`);
  }

  @Route({
    id: 'updateOperationalWebhookEndpointHeaders',
    summary: 'Replace the custom headers',
    body: EndpointHeadersIn,
    status: 204,
  })
  @Put(':endpointId/headers')
  replaceHeaders(
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.write(reply, p, 'PUT', `/${encodeURIComponent(id)}/headers`, body);
  }
}
