import { Body, Controller, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';

/** Management API: portal access (sessions, links, tokens, keys, settings), to portal-session. */
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
export class PortalAccessController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

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
