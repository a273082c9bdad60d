import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';

/**
 * The management API (Svix v1 paths) for the operator's backend. Each route authenticates,
 * resolves the application and forwards to the owning service; services validate the body.
 */
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
export class ManagementController {
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

  @Post('app/:appId/endpoint')
  async createEndpoint(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, principal);
    const response = await this.services.forward('endpoints', {
      method: 'POST',
      path: `/internal/apps/${app.id}/endpoints`,
      body,
      principal,
    });
    return relayReply(reply, response);
  }

  @Post('app/:appId/msg')
  @HttpCode(202)
  async createMessage(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app, position } = await this.apps.resolve(appId, principal);
    const response = await this.services.forward('delivery', {
      method: 'POST',
      path: `/internal/apps/${app.id}/messages`,
      body,
      principal,
      headers: { 'idempotency-key': idempotencyKey, 'x-hookport-app-position': position },
    });
    return relayReply(reply, response);
  }

  @Post('app/:appId/portal-session')
  async createPortalSession(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, principal);
    const response = await this.services.forward('portal-session', {
      method: 'POST',
      path: `/internal/apps/${app.id}/portal-sessions`,
      body: body ?? {},
      principal,
    });
    return relayReply(reply, response);
  }
}
