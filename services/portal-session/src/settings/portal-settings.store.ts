import { Inject, Injectable } from '@nestjs/common';
import type { PortalBranding, PortalSettings } from '@hookport/contracts';
import {
  actorOf,
  Database,
  EventStore,
  HookportError,
  StreamVersionConflict,
  type Principal,
} from '@hookport/platform';

/** The settings row key of the installation; applications use their id. */
export const INSTALLATION = '*';

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
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  async get(appId: string | null): Promise<PortalSettings> {
    const { rows } = await this.db.query<{ settings: PortalSettings }>(
      `SELECT settings FROM portal_session.settings WHERE scope = $1`,
      [appId ?? INSTALLATION],
    );
    return { ...EMPTY_SETTINGS, ...rows[0]?.settings };
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
    const stream = `portal-settings:${appId ?? INSTALLATION}`;
    try {
      return await this.db.transaction(async (sql) => {
        const [last] = (await this.store.readStream(sql, stream)).slice(-1);
        const { rows } = await sql.query<{ settings: PortalSettings }>(
          `SELECT settings FROM portal_session.settings WHERE scope = $1`,
          [appId ?? INSTALLATION],
        );
        const changed = next({ ...EMPTY_SETTINGS, ...rows[0]?.settings });
        // Appended at the version read: a concurrent change makes this one a 409, never lost.
        await this.store.append(
          sql,
          stream,
          last?.streamPosition ?? 0,
          [{ type: 'portal-settings.updated', data: { appId, settings: changed } }],
          { applicationId: appId, actor: actorOf(principal) },
        );
        await sql.query(
          `INSERT INTO portal_session.settings (scope, settings) VALUES ($1, $2)
         ON CONFLICT (scope) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
          [appId ?? INSTALLATION, JSON.stringify(changed)],
        );
        return changed;
      });
    } catch (error) {
      if (error instanceof StreamVersionConflict)
        throw new HookportError('conflict', 'The settings changed meanwhile; read them and retry.');
      throw error;
    }
  }

  /** What a portal of this application applies: its settings over the installation's. */
  async effective(appId: string): Promise<{ branding: PortalBranding; frameOrigins: string[] }> {
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
