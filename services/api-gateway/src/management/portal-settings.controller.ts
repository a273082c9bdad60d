import { Body, Controller, Get, Inject, Param, Patch, Put, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { PortalSettings } from '@hookport/contracts';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { FrameOrigins } from '../auth/frame-origins';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import { PortalSettingsIn, PortalSettingsOut } from '@hookport/api-schema';
import { ManagementDocs, Route } from '../openapi/route-docs';

/** Management API: the portal's white-label settings, installation-wide and per application. */
@ManagementDocs('Portal settings')
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
@ManagementArea('settings')
export class PortalSettingsController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
    @Inject(FrameOrigins) private readonly frames: FrameOrigins,
  ) {}

  @Route({
    id: 'getPortalSettings',
    summary: 'Get the installation’s portal settings (white-label)',
    ok: PortalSettingsOut,
  })
  @Get('portal-settings')
  async installation(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return this.forward(reply, principal, null, 'GET');
  }

  @Route({
    id: 'updatePortalSettings',
    summary: 'Replace the installation’s portal settings (what the body leaves out is unset)',
    body: PortalSettingsIn,
    ok: PortalSettingsOut,
  })
  @Put('portal-settings')
  async putInstallation(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, principal, null, 'PUT', body ?? {});
  }

  @Route({
    id: 'patchPortalSettings',
    summary: 'Change some of the installation’s portal settings (null unsets one)',
    body: PortalSettingsIn,
    ok: PortalSettingsOut,
  })
  @Patch('portal-settings')
  async patchInstallation(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(reply, principal, null, 'PATCH', body ?? {});
  }

  @Route({
    id: 'getAppPortalSettings',
    summary: 'Get an application’s portal settings (null: as the installation)',
    ok: PortalSettingsOut,
  })
  @Get('app/:appId/portal-settings')
  async application(
    @Param('appId') appId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, principal);
    return this.forward(reply, principal, app.id, 'GET');
  }

  @Route({
    id: 'updateAppPortalSettings',
    summary: 'Replace an application’s portal settings (what the body leaves out is unset)',
    body: PortalSettingsIn,
    ok: PortalSettingsOut,
  })
  @Put('app/:appId/portal-settings')
  async putApplication(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, principal);
    return this.forward(reply, principal, app.id, 'PUT', body ?? {});
  }

  @Route({
    id: 'patchAppPortalSettings',
    summary: 'Change some of an application’s portal settings (null: as the installation)',
    body: PortalSettingsIn,
    ok: PortalSettingsOut,
  })
  @Patch('app/:appId/portal-settings')
  async patchApplication(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app } = await this.apps.resolve(appId, principal);
    return this.forward(reply, principal, app.id, 'PATCH', body ?? {});
  }

  private async forward(
    reply: FastifyReply,
    principal: Principal,
    appId: string | null,
    method: 'GET' | 'PUT' | 'PATCH',
    body?: unknown,
  ) {
    const response = await this.services.forward('portal-session', {
      method,
      path: appId ? `/internal/apps/${appId}/portal-settings` : '/internal/portal-settings',
      principal,
      body,
    });
    if (method !== 'GET' && response.status === 200) {
      // Applied here at once; the other gateways learn it from the event within a second.
      const saved = JSON.parse(response.body.toString('utf8')) as PortalSettings;
      this.frames.set(appId, saved.allowedFrameOrigins);
    }
    return relayReply(reply, response);
  }
}
