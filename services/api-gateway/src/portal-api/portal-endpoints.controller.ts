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
import { PortalAuthGuard, RequireScope } from '../auth/portal-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { endpointStats } from '../forwarding/endpoint-stats';
import { forwardAndRelay } from '../forwarding/relay-reply';
import { sendExample, SendExampleDto } from '../forwarding/send-example';
import { ServiceClient } from '../forwarding/service-client';
import { sessionApp } from './session-app';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Portal API: the session's application's endpoints, secrets and the event-type catalogue.
 * The application comes from the session, never from the URL; the endpoints service applies
 * the session's endpoint restriction.
 */
@Controller('portal-api/v1')
@UseGuards(PortalAuthGuard)
export class PortalEndpointsController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

  private endpoints(
    reply: FastifyReply,
    principal: Principal,
    method: Method,
    suffix: string,
    extra: { body?: unknown; query?: Record<string, unknown> } = {},
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method,
      path: `/internal/apps/${sessionApp(principal)}/endpoints${suffix}`,
      principal,
      ...extra,
    });
  }

  @Get('endpoints')
  @RequireScope('endpoints:read')
  list(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'GET', '', { query });
  }

  @Post('endpoints')
  @RequireScope('endpoints:write')
  create(@Body() body: unknown, @CurrentPrincipal() p: Principal, @Res() reply: FastifyReply) {
    return this.endpoints(reply, p, 'POST', '', { body });
  }

  /** Circuit and health of the session's endpoints (absent: closed and healthy). */
  @Get('endpoints/health')
  @RequireScope('endpoints:read')
  health(@CurrentPrincipal() p: Principal, @Res() reply: FastifyReply) {
    return forwardAndRelay(this.services, reply, 'logs', {
      method: 'GET',
      path: `/internal/apps/${sessionApp(p)}/endpoint-health`,
      principal: p,
    });
  }

  @Get('endpoints/:endpointId')
  @RequireScope('endpoints:read')
  get(
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'GET', `/${encodeURIComponent(id)}`);
  }

  /** Re-send the endpoint's failed deliveries since a time; `dryRun: true` only counts them. */
  @Post('endpoints/:endpointId/recover')
  @RequireScope('messages:retry')
  recover(
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'delivery', {
      method: 'POST',
      path: `/internal/apps/${sessionApp(p)}/endpoints/${encodeURIComponent(id)}/recover`,
      principal: p,
      body: body ?? {},
    });
  }

  /** Attempts by outcome and latency percentiles over time, for the endpoint's chart. */
  @Get('endpoints/:endpointId/stats')
  @RequireScope('endpoints:read')
  stats(
    @Param('endpointId') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return endpointStats(this.services, reply, p, sessionApp(p), id, query);
  }

  @Patch('endpoints/:endpointId')
  @RequireScope('endpoints:write')
  patch(
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'PATCH', `/${encodeURIComponent(id)}`, { body });
  }

  @Put('endpoints/:endpointId')
  @RequireScope('endpoints:write')
  replace(
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'PUT', `/${encodeURIComponent(id)}`, { body });
  }

  @Delete('endpoints/:endpointId')
  @RequireScope('endpoints:delete')
  remove(
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'DELETE', `/${encodeURIComponent(id)}`);
  }

  @Get('endpoints/:endpointId/secret')
  @RequireScope('secrets:read')
  secret(
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'GET', `/${encodeURIComponent(id)}/secret`);
  }

  @Post('endpoints/:endpointId/secret/rotate')
  @RequireScope('secrets:rotate')
  rotate(
    @Param('endpointId') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'POST', `/${encodeURIComponent(id)}/secret/rotate`, {
      body: body ?? {},
    });
  }

  /** Sends the event type's example payload to this endpoint, marked as a test. */
  @Post('endpoints/:endpointId/test')
  @RequireScope('endpoints:write')
  async test(
    @Param('endpointId') id: string,
    @Body() body: SendExampleDto,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app, position } = await this.apps.resolve(sessionApp(p), p);
    return sendExample(this.services, reply, p, { id: app.id, position }, id, body.eventType);
  }

  @Get('event-types')
  @RequireScope('event-types:read')
  eventTypes(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'GET',
      path: '/internal/event-types',
      query,
      principal: p,
    });
  }

  /** Who changed what, when, from which session (with its metadata). */
  @Get('audit-log')
  @RequireScope('audit:read')
  auditLog(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'GET',
      path: `/internal/apps/${sessionApp(p)}/audit-log`,
      query,
      principal: p,
    });
  }
}
