import {
  Body,
  Controller,
  Delete,
  Get,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_POSITION_HEADER, CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { endpointStats } from '../forwarding/endpoint-stats';
import { forwardAndRelay } from '../forwarding/relay-reply';
import { sendExample } from '../forwarding/send-example';
import { ServiceClient } from '../forwarding/service-client';
import {
  EndpointHeadersIn,
  EndpointHeadersOut,
  EndpointIn,
  EndpointOut,
  EndpointPatch,
  EndpointSecretOut,
  EndpointSecretRotateIn,
  EndpointStatsOut,
  EventExampleIn,
  OrderedListQuery,
  ListResponseOf,
  MessageOut,
  RecoverIn,
  RecoverOut,
  StatsQuery,
} from '@hookport/api-schema';
import { ManagementDocs, Route } from '../openapi/route-docs';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Management API: endpoints and their secrets (Svix paths), forwarded to the endpoints service. */
@ManagementDocs('Endpoint')
@Controller('api/v1/app/:appId/endpoint')
@UseGuards(ManagementAuthGuard)
@ManagementArea('endpoints')
export class EndpointsController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

  private async forward(
    reply: FastifyReply,
    principal: Principal,
    appIdOrUid: string,
    method: Method,
    suffix: string,
    extra: { body?: unknown; query?: Record<string, unknown> } = {},
  ) {
    const { app } = await this.apps.resolve(appIdOrUid, principal);
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method,
      path: `/internal/apps/${app.id}/endpoints${suffix}`,
      principal,
      ...extra,
    });
  }

  @Route({
    id: 'createEndpoint',
    summary: 'Create an endpoint',
    body: EndpointIn,
    status: 201,
    ok: EndpointOut,
  })
  @Post()
  create(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'POST', '', { body });
  }

  @Route({
    id: 'listEndpoints',
    summary: 'List an application’s endpoints',
    query: OrderedListQuery,
    ok: ListResponseOf(EndpointOut),
  })
  @Get()
  list(
    @Param('appId') appId: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'GET', '', { query });
  }

  @Route({ id: 'getEndpoint', summary: 'Get an endpoint', ok: EndpointOut })
  @Get(':endpointId')
  get(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'GET', `/${encodeURIComponent(id)}`);
  }

  @Route({
    id: 'updateEndpoint',
    summary: 'Replace an endpoint, or create it when absent',
    body: EndpointIn,
    ok: EndpointOut,
    upsert: true,
  })
  @Put(':endpointId')
  replace(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'PUT', `/${encodeURIComponent(id)}`, { body });
  }

  @Route({
    id: 'patchEndpoint',
    summary: 'Change some fields of an endpoint',
    body: EndpointPatch,
    ok: EndpointOut,
  })
  @Patch(':endpointId')
  patch(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'PATCH', `/${encodeURIComponent(id)}`, { body });
  }

  @Route({ id: 'deleteEndpoint', summary: 'Delete an endpoint', status: 204 })
  @Delete(':endpointId')
  remove(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'DELETE', `/${encodeURIComponent(id)}`);
  }

  @Route({
    id: 'getEndpointSecret',
    summary: 'Get the endpoint’s signing secret',
    ok: EndpointSecretOut,
  })
  @Get(':endpointId/secret')
  secret(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'GET', `/${encodeURIComponent(id)}/secret`);
  }

  @Route({
    id: 'rotateEndpointSecret',
    summary: 'Rotate the signing secret; the old one keeps signing for the grace period',
    description: 'Answers the new secret, as Svix’s SDKs 2.x expect.',
    body: EndpointSecretRotateIn,
    ok: EndpointSecretOut,
  })
  @Post(':endpointId/secret/rotate')
  rotate(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'POST', `/${encodeURIComponent(id)}/secret/rotate`, {
      body: body ?? {},
    });
  }

  @Route({
    id: 'getEndpointHeaders',
    summary: 'Get the custom headers sent with each delivery',
    ok: EndpointHeadersOut,
  })
  @Get(':endpointId/headers')
  headers(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'GET', `/${encodeURIComponent(id)}/headers`);
  }

  @Route({
    id: 'updateEndpointHeaders',
    summary: 'Replace the custom headers',
    body: EndpointHeadersIn,
    status: 204,
  })
  @Put(':endpointId/headers')
  replaceHeaders(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'PUT', `/${encodeURIComponent(id)}/headers`, { body });
  }

  @Route({
    id: 'patchEndpointHeaders',
    summary: 'Merge custom headers (null removes one)',
    body: EndpointHeadersIn,
    status: 204,
  })
  @Patch(':endpointId/headers')
  patchHeaders(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'PATCH', `/${encodeURIComponent(id)}/headers`, { body });
  }

  /** Svix's recover: re-send the endpoint's failed deliveries since a time (`dryRun` counts). */
  @Route({
    id: 'recoverEndpoint',
    summary: 'Re-send the endpoint’s failed deliveries since a time (dry run counts)',
    body: RecoverIn,
    status: 202,
    ok: RecoverOut,
  })
  @Post(':endpointId/recover')
  async recover(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app, position } = await this.apps.resolve(appId, p);
    return forwardAndRelay(this.services, reply, 'delivery', {
      method: 'POST',
      path: `/internal/apps/${app.id}/endpoints/${encodeURIComponent(id)}/recover`,
      principal: p,
      body: body ?? {},
      headers: { [APP_POSITION_HEADER]: position },
    });
  }

  /** Svix's endpoint stats, with latency percentiles and a series (`since`, `until`, `granularity`). */
  @Route({
    id: 'getEndpointStats',
    summary: 'Attempt counts and latency percentiles over a time range',
    query: StatsQuery,
    ok: EndpointStatsOut,
  })
  @Get(':endpointId/stats')
  async stats(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, p);
    return endpointStats(this.services, reply, p, app.id, id, query);
  }

  @Route({
    id: 'sendEndpointExample',
    summary: 'Send the event type’s example payload to this endpoint (a test)',
    body: EventExampleIn,
    status: 202,
    ok: MessageOut,
  })
  @Post(':endpointId/send-example')
  async sendExample(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Body() body: EventExampleIn,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app, position } = await this.apps.resolve(appId, p);
    return sendExample(this.services, reply, p, { id: app.id, position }, id, body.eventType);
  }
}
