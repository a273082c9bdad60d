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
import { sendExample } from '../forwarding/send-example';
import { ServiceClient } from '../forwarding/service-client';
import { sessionApp } from './session-app';
import {
  AuditLogEntryOut,
  AuditLogQuery,
  EndpointHeadersOut,
  EndpointHealthListOut,
  EndpointIn,
  EndpointOut,
  EndpointPatch,
  EndpointSecretOut,
  EndpointSecretRotateIn,
  EndpointStatsOut,
  EndpointSuccessRatesOut,
  EventExampleIn,
  EventTypeListQuery,
  EventTypeOut,
  ListQuery,
  ListResponseOf,
  MessageOut,
  RecoverIn,
  RecoverOut,
  StatsQuery,
  SuccessRatesQuery,
} from '@hookport/api-schema';
import { PortalDocs, Route } from '../openapi/route-docs';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Portal API: the session's application's endpoints, secrets and the event-type catalogue.
 * The application comes from the session, never from the URL; the endpoints service applies
 * the session's endpoint restriction.
 */
@PortalDocs('Portal')
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

  @Route({
    id: 'portalListEndpoints',
    summary: 'List the session’s endpoints',
    query: ListQuery,
    ok: ListResponseOf(EndpointOut),
  })
  @Get('endpoints')
  @RequireScope('endpoints:read')
  list(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'GET', '', { query });
  }

  @Route({
    id: 'portalCreateEndpoint',
    summary: 'Create an endpoint',
    body: EndpointIn,
    status: 201,
    ok: EndpointOut,
  })
  @Post('endpoints')
  @RequireScope('endpoints:write')
  create(@Body() body: unknown, @CurrentPrincipal() p: Principal, @Res() reply: FastifyReply) {
    return this.endpoints(reply, p, 'POST', '', { body });
  }

  /** Circuit and health of the session's endpoints (absent: closed and healthy). */
  @Route({
    id: 'portalListEndpointHealth',
    summary: 'Circuit breaker and health of the endpoints',
    ok: EndpointHealthListOut,
  })
  @Get('endpoints/health')
  @RequireScope('endpoints:read')
  health(@CurrentPrincipal() p: Principal, @Res() reply: FastifyReply) {
    return forwardAndRelay(this.services, reply, 'logs', {
      method: 'GET',
      path: `/internal/apps/${sessionApp(p)}/endpoint-health`,
      principal: p,
    });
  }

  @Route({
    id: 'portalListEndpointSuccessRates',
    summary: 'Each endpoint’s attempts by outcome since a time (default: the last 24 hours)',
    query: SuccessRatesQuery,
    ok: EndpointSuccessRatesOut,
  })
  @Get('endpoints/success-rates')
  @RequireScope('endpoints:read')
  successRates(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'logs', {
      method: 'GET',
      path: `/internal/apps/${sessionApp(p)}/endpoint-success-rates`,
      query,
      principal: p,
    });
  }

  @Route({ id: 'portalGetEndpoint', summary: 'Get an endpoint', ok: EndpointOut })
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
  @Route({
    id: 'portalRecoverEndpoint',
    summary: 'Re-send an endpoint’s failed deliveries since a time (dry run counts)',
    body: RecoverIn,
    status: 202,
    ok: RecoverOut,
  })
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
  @Route({
    id: 'portalGetEndpointStats',
    summary: 'Attempt counts and latency percentiles of an endpoint',
    query: StatsQuery,
    ok: EndpointStatsOut,
  })
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

  @Route({
    id: 'portalPatchEndpoint',
    summary: 'Change some fields of an endpoint',
    body: EndpointPatch,
    ok: EndpointOut,
  })
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

  @Route({
    id: 'portalUpdateEndpoint',
    summary: 'Replace an endpoint',
    body: EndpointIn,
    ok: EndpointOut,
  })
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

  @Route({ id: 'portalDeleteEndpoint', summary: 'Delete an endpoint', status: 204 })
  @Delete('endpoints/:endpointId')
  @RequireScope('endpoints:delete')
  remove(
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'DELETE', `/${encodeURIComponent(id)}`);
  }

  @Route({
    id: 'portalGetEndpointSecret',
    summary: 'Reveal the endpoint’s signing secret',
    ok: EndpointSecretOut,
  })
  @Get('endpoints/:endpointId/secret')
  @RequireScope('secrets:read')
  secret(
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'GET', `/${encodeURIComponent(id)}/secret`);
  }

  /** Custom headers often carry the receiver's credentials: reading them needs secrets:read. */
  @Route({
    id: 'portalGetEndpointHeaders',
    summary: 'The custom headers sent with each delivery (they may hold credentials)',
    ok: EndpointHeadersOut,
  })
  @Get('endpoints/:endpointId/headers')
  @RequireScope('secrets:read')
  headers(
    @Param('endpointId') id: string,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.endpoints(reply, p, 'GET', `/${encodeURIComponent(id)}/headers`);
  }

  @Route({
    id: 'portalRotateEndpointSecret',
    summary: 'Rotate the signing secret with a grace period',
    body: EndpointSecretRotateIn,
    status: 204,
  })
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
  @Route({
    id: 'portalSendTestEvent',
    summary: 'Send an event type’s example to the endpoint',
    body: EventExampleIn,
    status: 202,
    ok: MessageOut,
    errors: {
      409:
        'The endpoint would not be tried now: disabled (`endpoint-disabled`) or paused by its ' +
        'open circuit until its next probe (`endpoint-paused`), as the field error says.',
    },
  })
  @Post('endpoints/:endpointId/test')
  @RequireScope('endpoints:write')
  async test(
    @Param('endpointId') id: string,
    @Body() body: EventExampleIn,
    @CurrentPrincipal() p: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app, position } = await this.apps.resolve(sessionApp(p), p);
    return sendExample(this.services, reply, p, { id: app.id, position }, id, body.eventType, {
      refuseUnreachable: true,
    });
  }

  @Route({
    id: 'portalListEventTypes',
    summary: 'The event catalogue',
    query: EventTypeListQuery,
    ok: ListResponseOf(EventTypeOut),
  })
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
  @Route({
    id: 'portalGetAuditLog',
    summary: 'Who changed what, newest first',
    query: AuditLogQuery,
    ok: ListResponseOf(AuditLogEntryOut),
  })
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
