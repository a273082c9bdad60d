import { Body, Controller, Delete, Get, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { forwardAndRelay, relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';

/** Management API: portal access (sessions, links, tokens, keys, settings), to portal-session. */
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
@ManagementArea('portal-access')
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

  @Delete('app/:appId/portal-session/:sessionId')
  async revokePortalSession(
    @Param('appId') appId: string,
    @Param('sessionId') sessionId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.toPortalSession(
      reply,
      principal,
      appId,
      'DELETE',
      `/portal-sessions/${encodeURIComponent(sessionId)}`,
    );
  }

  /** Svix's `authentication.appPortalAccess`: `{ url, token }` for one application. */
  @Post('auth/app-portal-access/:appId')
  async appPortalAccess(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.toPortalSession(reply, principal, appId, 'POST', '/app-portal-access', body ?? {});
  }

  /** Svix's `authentication.expireAll`: every live portal session of the application ends now. */
  @Post('auth/app/:appId/expire-all')
  async expireAll(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.toPortalSession(
      reply,
      principal,
      appId,
      'POST',
      '/portal-sessions/expire-all',
      body ?? {},
    );
  }

  /** A magic link: a URL reusable until it expires (1 to 1440 minutes). */
  @Post('app/:appId/magic-link')
  async createMagicLink(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.toPortalSession(reply, principal, appId, 'POST', '/magic-links', body ?? {});
  }

  /** A long-lived embed token (1 to 365 days); its secret is in this answer only. */
  @Post('app/:appId/portal-token')
  async createPortalToken(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.toPortalSession(reply, principal, appId, 'POST', '/portal-tokens', body ?? {});
  }

  @Get('app/:appId/portal-token')
  async listPortalTokens(
    @Param('appId') appId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.toPortalSession(reply, principal, appId, 'GET', '/portal-tokens');
  }

  @Delete('app/:appId/portal-token/:tokenId')
  async revokePortalToken(
    @Param('appId') appId: string,
    @Param('tokenId') tokenId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.toPortalSession(
      reply,
      principal,
      appId,
      'DELETE',
      `/portal-tokens/${encodeURIComponent(tokenId)}`,
    );
  }

  private async toPortalSession(
    reply: FastifyReply,
    principal: Principal,
    appId: string,
    method: 'GET' | 'POST' | 'DELETE',
    /** The portal-session service's route under the application. */
    route: string,
    body?: unknown,
  ) {
    const { app } = await this.apps.resolve(appId, principal);
    return forwardAndRelay(this.services, reply, 'portal-session', {
      method,
      path: `/internal/apps/${app.id}${route}`,
      principal,
      body,
    });
  }
}
