import { Body, Controller, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';

/** Management API: endpoints and their secrets, forwarded to the endpoints service. */
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
export class EndpointsController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

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
}
