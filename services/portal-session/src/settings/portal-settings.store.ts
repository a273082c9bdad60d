import { Inject, Injectable } from '@nestjs/common';
import type { PortalSettings, PortalAccessEvents, EventOf } from '@hookport/contracts';
import {
  actorOf,
  CommandHandler,
  Database,
  EventStore,
  HookportError,
  StreamVersionConflict,
  type Principal,
} from '@hookport/platform';
import {
  portalSettingsDecider,
  type PortalSettingsCommand,
  type PortalSettingsEvent,
} from './portal-settings.decider';
import { findSettings, INSTALLATION, projectSettings } from './portal-settings.repository';
import type { PortalBrandingOut } from '@hookport/api-schema';

export const EMPTY_SETTINGS: PortalSettings = {
  organizationName: null,
  logoUrl: null,
  logoDarkUrl: null,
  faviconUrl: null,
  accentColor: null,
  theme: null,
  customCss: null,
  hidePoweredBy: null,
  refreshUrl: null,
  refererUrl: null,
  allowedFrameOrigins: null,
};

/** Installation-wide and per-application portal settings, each change an event. */
@Injectable()
export class PortalSettingsStore {
  private readonly commands: CommandHandler<
    PortalSettingsCommand,
    PortalSettings,
    PortalSettingsEvent
  >;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<PortalAccessEvents>>,
  ) {
    this.commands = new CommandHandler(db, store, portalSettingsDecider);
  }

  async get(appId: string | null): Promise<PortalSettings> {
    return { ...EMPTY_SETTINGS, ...(await findSettings(this.db, appId)) };
  }

  /** Replaces the settings: what the body leaves out is unset. */
  put(appId: string | null, settings: PortalSettings, principal: Principal) {
    return this.change(appId, () => settings, principal);
  }

  /** Changes only the fields given (`null` unsets one), keeping the rest. */
  patch(appId: string | null, given: Partial<PortalSettings>, principal: Principal) {
    const changes = Object.fromEntries(
      Object.entries(given).filter(([, value]) => value !== undefined),
    ) as Partial<PortalSettings>;
    return this.change(appId, (current) => ({ ...current, ...changes }), principal);
  }

  private async change(
    appId: string | null,
    next: (current: PortalSettings) => PortalSettings,
    principal: Principal,
  ): Promise<PortalSettings> {
    const streamId = `portal-settings:${appId ?? INSTALLATION}`;
    try {
      const outcome = await this.commands.run({
        load: async (sql) => {
          const [last] = (await this.store.readStream(sql, streamId)).slice(-1);
          const state = { ...EMPTY_SETTINGS, ...(await findSettings(sql, appId)) };
          // Appended at the version read: a concurrent change makes this one a 409, never lost.
          return { streamId, version: last?.streamPosition ?? 0, state };
        },
        command: ({ state }) => ({
          type: 'ChangePortalSettings',
          data: { appId, settings: next(state) },
        }),
        context: () => ({ applicationId: appId, actor: actorOf(principal) }),
        project: projectSettings,
      });
      return outcome.state;
    } catch (error) {
      if (error instanceof StreamVersionConflict)
        throw new HookportError('conflict', 'The settings changed meanwhile; read them and retry.');
      throw error;
    }
  }

  /** What a portal of this application applies: its settings over the installation's. */
  async effective(appId: string): Promise<{ branding: PortalBrandingOut; frameOrigins: string[] }> {
    const [installation, app] = await Promise.all([this.get(null), this.get(appId)]);
    const pick = <K extends keyof PortalSettings>(key: K): PortalSettings[K] =>
      app[key] ?? installation[key];
    return {
      branding: {
        organizationName: pick('organizationName'),
        logoUrl: pick('logoUrl'),
        logoDarkUrl: pick('logoDarkUrl'),
        faviconUrl: pick('faviconUrl'),
        accentColor: pick('accentColor'),
        theme: pick('theme') ?? 'auto',
        customCss: pick('customCss'),
        hidePoweredBy: pick('hidePoweredBy') ?? false,
        refreshUrl: pick('refreshUrl'),
        refererUrl: pick('refererUrl'),
      },
      // Frame origins add up: the installation's hosts and the application's own.
      frameOrigins: [
        ...new Set([
          ...(installation.allowedFrameOrigins ?? []),
          ...(app.allowedFrameOrigins ?? []),
        ]),
      ],
    };
  }
}
