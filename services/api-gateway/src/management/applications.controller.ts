import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';

/** Management API: applications (Svix `/api/v1/app`), forwarded to the endpoints service. */
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
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
}
