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
import { forwardAndRelay, relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import {
  ApplicationIn,
  ApplicationOut,
  ApplicationPatch,
  AuditLogEntryOut,
  AuditLogQuery,
  OrderedListQuery,
  ListResponseOf,
} from '@hookport/api-schema';
import { ManagementDocs, Route } from '../openapi/route-docs';

/** Management API: applications (Svix `/api/v1/app`), forwarded to the endpoints service. */
@ManagementDocs('Application')
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
@ManagementArea('applications')
export class ApplicationsController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

  @Route({
    id: 'createApplication',
    summary: 'Create an application',
    description:
      'With `get_if_exists=true`, an existing application with the same `uid` is answered (200) instead of a conflict.',
    body: ApplicationIn,
    status: 201,
    ok: ApplicationOut,
    errors: { 409: 'An application with this uid exists' },
  })
  @Post('app')
  async createApplication(
    @Body() body: unknown,
    @Query('get_if_exists') getIfExists: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const response = await this.services.forward('endpoints', {
      method: 'POST',
      path: '/internal/apps',
      query: { get_if_exists: getIfExists },
      body,
      principal,
    });
    return relayReply(reply, response);
  }

  @Route({ id: 'getApplication', summary: 'Get an application by id or uid', ok: ApplicationOut })
  @Get('app/:appId')
  async getApplication(@Param('appId') appId: string, @CurrentPrincipal() principal: Principal) {
    const { app } = await this.apps.resolve(appId, principal);
    return app;
  }

  @Route({
    id: 'listApplications',
    summary: 'List applications',
    query: OrderedListQuery,
    ok: ListResponseOf(ApplicationOut),
  })
  @Get('app')
  list(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'GET',
      path: '/internal/apps',
      query,
      principal,
    });
  }

  @Route({
    id: 'updateApplication',
    summary: 'Replace an application, or create it when absent',
    body: ApplicationIn,
    ok: ApplicationOut,
    upsert: true,
  })
  @Put('app/:appId')
  replace(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.change(reply, principal, 'PUT', appId, body);
  }

  @Route({
    id: 'patchApplication',
    summary: 'Change some fields of an application',
    body: ApplicationPatch,
    ok: ApplicationOut,
  })
  @Patch('app/:appId')
  patch(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.change(reply, principal, 'PATCH', appId, body);
  }

  @Route({
    id: 'deleteApplication',
    summary: 'Delete an application and its endpoints',
    status: 204,
  })
  @Delete('app/:appId')
  remove(
    @Param('appId') appId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.change(reply, principal, 'DELETE', appId);
  }

  @Route({
    id: 'getAuditLog',
    summary: 'The application’s audit log, newest first',
    query: AuditLogQuery,
    ok: ListResponseOf(AuditLogEntryOut),
  })
  @Get('app/:appId/audit-log')
  async auditLog(
    @Param('appId') appId: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, principal);
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method: 'GET',
      path: `/internal/apps/${app.id}/audit-log`,
      query,
      principal,
    });
  }

  private change(
    reply: FastifyReply,
    principal: Principal,
    method: 'PUT' | 'PATCH' | 'DELETE',
    appId: string,
    body?: unknown,
  ) {
    return forwardAndRelay(this.services, reply, 'endpoints', {
      method,
      path: `/internal/apps/${encodeURIComponent(appId)}`,
      principal,
      body,
    });
  }
}
