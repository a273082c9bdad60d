import { DOCUMENT, Injectable, effect, inject, signal } from '@angular/core';

import { SessionStore } from '../session/session-store';
import { readableOn, textOn } from './colour-contrast';
import { safeReturnUrl } from './return-url';
import type { PortalBrandingOut } from '@hookport/client/types';

/**
 * The operator's white-label settings, as the session exchange answered them: applied through
 * CSS custom properties, the theme, a custom stylesheet and the favicon. When the session lapses,
 * goes to the operator's refresh URL (to mint a new session silently), else its referer URL:
 * known from the exchange, so even a session revoked before the first page loaded gets there.
 */
@Injectable({ providedIn: 'root' })
export class Branding {
  private readonly document = inject(DOCUMENT);
  // Kept after the session lapses (the session signal is then null): the lapse targets live here.
  private readonly current = signal<PortalBrandingOut | null>(null);
  private appliedFor: string | null = null;

  readonly branding = this.current.asReadonly();

  constructor() {
    const session = inject(SessionStore);
    effect(() => {
      const active = session.session();
      if (active === null || active.sessionId === this.appliedFor) return;
      this.appliedFor = active.sessionId;
      this.current.set(active.branding);
      this.apply(active.branding);
    });
    effect(() => {
      if (session.status() !== 'lapsed') return;
      const branding = this.current();
      const target = safeReturnUrl(branding?.refreshUrl) ?? safeReturnUrl(branding?.refererUrl);
      const view = this.document.defaultView;
      // After the embed bridge has told the host page (its effect runs first).
      if (target && view) setTimeout(() => view.location.assign(target), 50);
    });
  }

  /** The logo for the theme in effect, if any. */
  logoUrl(): string | null {
    const branding = this.branding();
    if (!branding) return null;
    const dark =
      this.document.documentElement.getAttribute('data-theme') === 'dark' ||
      (!this.document.documentElement.hasAttribute('data-theme') &&
        (this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false));
    return (dark ? branding.logoDarkUrl : null) ?? branding.logoUrl;
  }

  private apply(branding: PortalBrandingOut): void {
    const root = this.document.documentElement;
    if (branding.accentColor) {
      // Read by the theme blocks of styles.css: buttons fill with the accent under readable
      // text; links and focus rings take the accent's shade that reads on the theme's page.
      // Both themes are computed: the reader's colour scheme may change while the page is open.
      const accent = branding.accentColor.toLowerCase();
      root.style.setProperty('--hp-brand-accent', accent);
      root.style.setProperty('--hp-brand-accent-fg', textOn(accent));
      root.style.setProperty('--hp-brand-text-light', readableOn(accent, this.surface('light')));
      root.style.setProperty('--hp-brand-text-dark', readableOn(accent, this.surface('dark')));
    }
    // `?theme=` (already applied) wins over the operator's choice; `auto` follows the reader.
    if (!root.hasAttribute('data-theme') && branding.theme !== 'auto') {
      root.setAttribute('data-theme', branding.theme);
    }
    if (branding.customCss) {
      const style = this.document.createElement('style');
      style.id = 'hp-custom-css';
      // textContent: the stylesheet can never become markup.
      style.textContent = branding.customCss;
      this.document.head.appendChild(style);
    }
    if (branding.faviconUrl) {
      const link = this.document.createElement('link');
      link.rel = 'icon';
      link.href = branding.faviconUrl;
      this.document.head.appendChild(link);
    }
  }

  /**
   * The theme's --hp-surface as `#rrggbb`, read from styles.css rather than repeated here: of
   * the page and its surface it is the one a link's shade must read on in both themes.
   */
  private surface(scheme: 'light' | 'dark'): string {
    const probe = this.document.createElement('span');
    probe.style.colorScheme = scheme;
    probe.style.color = 'var(--hp-surface)';
    this.document.body.appendChild(probe);
    const [r = 0, g = 0, b = 0] = (getComputedStyle(probe).color.match(/\d+/g) ?? []).map(Number);
    probe.remove();
    return `#${[r, g, b].map((value) => value.toString(16).padStart(2, '0')).join('')}`;
  }
}
