import type { PortalSettings, PortalSettingsUpdatedV1 } from '@hookport/contracts';
import type { Decider } from '@hookport/platform';

export interface PortalSettingsCommand {
  type: 'ChangePortalSettings';
  data: PortalSettingsUpdatedV1;
}

export interface PortalSettingsEvent {
  type: 'portal-settings.updated';
  data: PortalSettingsUpdatedV1;
}

/** Every change is recorded, even one that changes nothing: the audit trail shows who saved. */
export const portalSettingsDecider: Decider<
  PortalSettingsCommand,
  PortalSettings,
  PortalSettingsEvent
> = {
  decide: (command) => [{ type: 'portal-settings.updated', data: command.data }],
  evolve: (_state, event) => event.data.settings,
};
