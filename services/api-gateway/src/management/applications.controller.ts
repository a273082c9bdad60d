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

/** Management API: applications (Svix `/api/v1/app`), forwarded to the endpoints service. */
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
@ManagementArea('applications')
export class ApplicationsController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

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

  @Get('app/:appId')
  async getApplication(@Param('appId') appId: string, @CurrentPrincipal() principal: Principal) {
    const { app } = await this.apps.resolve(appId, principal);
    return app;
  }

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

  @Put('app/:appId')
  replace(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.change(reply, principal, 'PUT', appId, body);
  }

  @Patch('app/:appId')
  patch(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.change(reply, principal, 'PATCH', appId, body);
  }

  @Delete('app/:appId')
  remove(
    @Param('appId') appId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.change(reply, principal, 'DELETE', appId);
  }

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
