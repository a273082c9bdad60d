import type { EventEnvelope, PortalAccessEvents } from '@hookport/contracts';

const INSTALLATION = '*';

/**
 * The origins allowed to frame the portal and call the portal API: the installation's plus the
 * application's, from `portal-settings.updated` events (and from this gateway's own writes, so
 * a settings change applies here at once).
 */
export class FrameOrigins {
  private readonly byScope = new Map<string, string[]>();

  set(appId: string | null, origins: string[] | null): void {
    if (origins && origins.length > 0) this.byScope.set(appId ?? INSTALLATION, origins);
    else this.byScope.delete(appId ?? INSTALLATION);
  }

  forApp(appId: string | null): string[] {
    const installation = this.byScope.get(INSTALLATION) ?? [];
    const app = appId ? (this.byScope.get(appId) ?? []) : [];
    return [...new Set([...installation, ...app])];
  }

  isAllowed(origin: string, appId: string | null): boolean {
    return this.forApp(appId).includes(origin);
  }

  /** For a CORS preflight, which carries no token: allowed for some application. */
  forAny(origin: string): boolean {
    for (const origins of this.byScope.values()) if (origins.includes(origin)) return true;
    return false;
  }

  apply(
    event: EventEnvelope<'portal-settings.updated', PortalAccessEvents['portal-settings.updated']>,
  ): void {
    this.set(event.data.appId, event.data.settings.allowedFrameOrigins);
  }
}
