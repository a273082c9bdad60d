import { Body, Controller, Get, Inject, Param, Patch, Put } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { PortalSettingsIn } from '@hookport/api-schema';
import { toPortalSettings } from './to-portal-settings';
import { PortalSettingsStore } from './portal-settings.store';

/** Internal routes behind `/api/v1/portal-settings` and `/api/v1/app/{app_id}/portal-settings`. */
@Controller('internal')
export class PortalSettingsController {
  constructor(@Inject(PortalSettingsStore) private readonly settings: PortalSettingsStore) {}

  @Get('portal-settings')
  installation() {
    return this.settings.get(null);
  }

  @Put('portal-settings')
  putInstallation(@Body() body: PortalSettingsIn, @CurrentPrincipal() principal: Principal) {
    return this.settings.put(null, toPortalSettings(body), principal);
  }

  /** Changes only the fields given (null unsets one); PUT replaces them all. */
  @Patch('portal-settings')
  patchInstallation(@Body() body: PortalSettingsIn, @CurrentPrincipal() principal: Principal) {
    return this.settings.patch(null, body, principal);
  }

  @Get('apps/:appId/portal-settings')
  application(@Param('appId') appId: string) {
    return this.settings.get(appId);
  }

  @Put('apps/:appId/portal-settings')
  putApplication(
    @Param('appId') appId: string,
    @Body() body: PortalSettingsIn,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.settings.put(appId, toPortalSettings(body), principal);
  }

  @Patch('apps/:appId/portal-settings')
  patchApplication(
    @Param('appId') appId: string,
    @Body() body: PortalSettingsIn,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.settings.patch(appId, body, principal);
  }
}
