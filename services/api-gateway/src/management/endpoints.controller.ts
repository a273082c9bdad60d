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
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { endpointStats } from '../forwarding/endpoint-stats';
import { forwardAndRelay } from '../forwarding/relay-reply';
import { sendExample, SendExampleDto } from '../forwarding/send-example';
import { ServiceClient } from '../forwarding/service-client';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Management API: endpoints and their secrets (Svix paths), forwarded to the endpoints service. */
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

  @Post()
  create(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'POST', '', { body });
  }

  @Get()
  list(
    @Param('appId') appId: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'GET', '', { query });
  }

  @Get(':endpointId')
  get(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'GET', `/${encodeURIComponent(id)}`);
  }

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

  @Delete(':endpointId')
  remove(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'DELETE', `/${encodeURIComponent(id)}`);
  }

  @Get(':endpointId/secret')
  secret(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'GET', `/${encodeURIComponent(id)}/secret`);
  }

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

  @Get(':endpointId/headers')
  headers(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, p, appId, 'GET', `/${encodeURIComponent(id)}/headers`);
  }

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
  @Post(':endpointId/recover')
  async recover(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, p);
    return forwardAndRelay(this.services, reply, 'delivery', {
      method: 'POST',
      path: `/internal/apps/${app.id}/endpoints/${encodeURIComponent(id)}/recover`,
      principal: p,
      body: body ?? {},
    });
  }

  /** Svix's endpoint stats, with latency percentiles and a series (`since`, `until`, `granularity`). */
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

  @Post(':endpointId/send-example')
  async sendExample(
    @Param('appId') appId: string,
    @Param('endpointId') id: string,
    @Body() body: SendExampleDto,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app, position } = await this.apps.resolve(appId, p);
    return sendExample(this.services, reply, p, { id: app.id, position }, id, body.eventType);
  }
}
