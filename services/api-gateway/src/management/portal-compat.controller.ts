import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { PortalSessionOut } from '@hookport/contracts';
import { CurrentPrincipal, HookportError, type Principal } from '@hookport/platform';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import { HookMeshPortalOut, HookMeshPortalTokenIn, OutpostPortalOut } from '@hookport/api-schema';
import { ManagementDocs, Route } from '../openapi/route-docs';

/**
 * The portal-link calls of other products, answered in their shapes, so an operator moving to
 * Hookport changes a base URL, not code. Each creates an ordinary Hookport portal session.
 */
@ManagementDocs('Portal access')
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
@ManagementArea('portal-access')
export class PortalCompatController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

  /**
   * Hook Mesh's `POST /v1/applications/{id}/portal-tokens` `{ expires_in, permissions }`:
   * `["read"]` is a viewer, read and write (the default) an admin.
   */
  @Route({
    id: 'createHookMeshPortalToken',
    summary: 'Hook Mesh compatible: a portal URL for an application',
    body: HookMeshPortalTokenIn,
    status: 201,
    ok: HookMeshPortalOut,
  })
  @Post('applications/:appId/portal-tokens')
  async hookMesh(
    @Param('appId') appId: string,
    @Body() body: { expires_in?: unknown; permissions?: unknown } | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const permissions = body?.permissions ?? ['read', 'write'];
    if (
      !Array.isArray(permissions) ||
      permissions.length === 0 ||
      permissions.some((permission) => permission !== 'read' && permission !== 'write')
    )
      throw new HookportError('validation', 'permissions must be ["read"] or ["read", "write"]', [
        { field: 'permissions', message: 'permissions must be ["read"] or ["read", "write"]' },
      ]);
    const created = await this.createSession(appId, principal, {
      role: permissions.includes('write') ? 'admin' : 'viewer',
      ...(body?.expires_in === undefined ? {} : { expiresIn: body.expires_in }),
    });
    if (created.status !== 201) return relayReply(reply, created.response);
    return reply
      .status(201)
      .send({ url: created.session.url, expires_at: created.session.expiresAt });
  }

  /**
   * Hookdeck Outpost's `GET /tenants/{tenant_id}/portal` (`?theme=light|dark`): a redirect URL
   * for the tenant's portal. Hookport's URL carries a one-time code, not the session token.
   * A tenant is an application (id or uid).
   */
  @Route({
    id: 'getOutpostPortal',
    summary: 'Hookdeck Outpost compatible: a portal redirect URL for a tenant',
    ok: OutpostPortalOut,
  })
  @Get('tenants/:tenantId/portal')
  async outpost(
    @Param('tenantId') tenantId: string,
    @Query('theme') theme: string | undefined,
    /** Hookport's addition: the session's lifetime in seconds (60 to 86400, default 3600). */
    @Query('expiresIn') expiresIn: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    if (theme !== undefined && theme !== 'light' && theme !== 'dark')
      throw new HookportError('validation', 'theme must be light or dark', [
        { field: 'theme', message: 'theme must be light or dark' },
      ]);
    if (expiresIn !== undefined && !/^\d{1,6}$/.test(expiresIn))
      throw new HookportError('validation', 'expiresIn must be a number of seconds', [
        { field: 'expiresIn', message: 'expiresIn must be a number of seconds (60 to 86400)' },
      ]);
    const created = await this.createSession(tenantId, principal, {
      role: 'admin',
      ...(expiresIn === undefined ? {} : { expiresIn: Number(expiresIn) }),
    });
    if (created.status !== 201) return relayReply(reply, created.response);
    const url = new URL(created.session.url);
    if (theme) url.searchParams.set('theme', theme);
    return reply.status(200).send({ redirect_url: url.toString() });
  }

  private async createSession(appId: string, principal: Principal, body: object) {
    const { app } = await this.apps.resolve(appId, principal);
    const response = await this.services.forward('portal-session', {
      method: 'POST',
      path: `/internal/apps/${app.id}/portal-sessions`,
      principal,
      body,
    });
    const session =
      response.status === 201
        ? (JSON.parse(response.body.toString('utf8')) as PortalSessionOut)
        : null;
    return { status: response.status, response, session: session! };
  }
}
