import { Body, Controller, Delete, Get, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { forwardAndRelay, relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import {
  AppPortalAccessIn,
  AppPortalAccessOut,
  ApplicationTokenExpireIn,
  MagicLinkIn,
  MagicLinkOut,
  PortalSessionIn,
  PortalSessionOut,
  PortalTokenCreatedOut,
  PortalTokenIn,
  PortalTokenListOut,
} from '@hookport/api-schema';
import { ManagementDocs, Route } from '../openapi/route-docs';

/** Management API: portal access (sessions, links, tokens, keys, settings), to portal-session. */
@ManagementDocs('Portal access')
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
@ManagementArea('portal-access')
export class PortalAccessController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

  @Route({
    id: 'createPortalSession',
    summary: 'Create a portal session URL for an application',
    body: PortalSessionIn,
    status: 201,
    ok: PortalSessionOut,
  })
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

  @Route({ id: 'revokePortalSession', summary: 'End a portal session at once', status: 204 })
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
  @Route({
    id: 'appPortalAccess',
    summary: 'Svix’s app-portal-access: a portal session from capabilities',
    body: AppPortalAccessIn,
    status: 201,
    ok: AppPortalAccessOut,
  })
  @Post('auth/app-portal-access/:appId')
  async appPortalAccess(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolveCreating(
      appId,
      principal,
      (body as { application?: unknown } | null)?.application,
    );
    return forwardAndRelay(this.services, reply, 'portal-session', {
      method: 'POST',
      path: `/internal/apps/${app.id}/app-portal-access`,
      principal,
      body: body ?? {},
    });
  }

  /** Svix's `authentication.expireAll`: every live portal session of the application ends now. */
  @Route({
    id: 'expireAllPortalSessions',
    summary: 'End all (or the listed) portal sessions of an application',
    body: ApplicationTokenExpireIn,
    status: 204,
  })
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
  @Route({
    id: 'createMagicLink',
    summary: 'Create a magic link (reusable until it expires)',
    body: MagicLinkIn,
    status: 201,
    ok: MagicLinkOut,
  })
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
  @Route({
    id: 'createPortalToken',
    summary: 'Create a long-lived embed token',
    body: PortalTokenIn,
    status: 201,
    ok: PortalTokenCreatedOut,
  })
  @Post('app/:appId/portal-token')
  async createPortalToken(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.toPortalSession(reply, principal, appId, 'POST', '/portal-tokens', body ?? {});
  }

  @Route({
    id: 'listPortalTokens',
    summary: 'List an application’s embed tokens (without their secret)',
    ok: PortalTokenListOut,
  })
  @Get('app/:appId/portal-token')
  async listPortalTokens(
    @Param('appId') appId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.toPortalSession(reply, principal, appId, 'GET', '/portal-tokens');
  }

  @Route({
    id: 'revokePortalToken',
    summary: 'Revoke an embed token and its sessions',
    status: 204,
  })
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
