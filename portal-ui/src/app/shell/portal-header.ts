import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';

import { TranslatePipe } from '../i18n/translate.pipe';
import { SessionStore } from '../session/session-store';
import { Branding } from './branding';
import { safeReturnUrl } from './return-url';

/** The application's name and the way back to the operator's application. */
@Component({
  selector: 'hp-portal-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <header class="header">
      <div class="header__inner">
        <div class="header__brand">
          <!-- A logo usually shows the organisation's name: its alt text says it, once. -->
          @if (logoUrl(); as logo) {
            <img
              class="header__logo"
              [src]="logo"
              [attr.alt]="organizationName() ?? ''"
              data-testid="logo"
            />
          } @else if (organizationName(); as organization) {
            <span class="header__organization" data-testid="organization-name">{{
              organization
            }}</span>
          }
          <h1 class="header__title" data-testid="app-name">
            {{ appName() ?? ('shell.defaultTitle' | t) }}
          </h1>
        </div>
        @if (returnUrl(); as href) {
          <!-- _top: inside an iframe, going back leaves the frame for the host application. -->
          <a class="header__back" [href]="href" target="_top" data-testid="back-to-app">
            <span aria-hidden="true">←</span> {{ 'shell.backToApp' | t }}
          </a>
        }
      </div>
    </header>
  `,
  styles: `
    .header {
      border-bottom: 1px solid var(--hp-border);
      background: var(--hp-surface);
    }
    .header__inner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--hp-space-3);
      min-height: 3.75rem;
      max-width: var(--hp-max-width);
      margin: 0 auto;
      padding: var(--hp-space-2) var(--hp-space-5);
    }
    .header__brand {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--hp-space-3);
    }
    .header__logo {
      height: 2rem;
      max-width: 10rem;
      object-fit: contain;
    }
    .header__organization {
      color: var(--hp-muted);
      font-weight: 600;
    }
    .header__title {
      margin: 0;
      font-size: var(--hp-text-lg);
      font-weight: 650;
    }
    .header__back {
      color: var(--hp-accent-text);
      font-weight: 600;
      text-decoration: none;
      border-radius: 4px;
      padding: var(--hp-space-1) var(--hp-space-2);
    }
    .header__back:hover {
      text-decoration: underline;
    }
  `,
})
export class PortalHeader {
  private readonly session = inject(SessionStore);
  private readonly branding = inject(Branding);

  protected readonly appName = computed(() => this.session.session()?.app.name || null);
  protected readonly organizationName = computed(
    () => this.branding.branding()?.organizationName ?? null,
  );
  protected readonly logoUrl = computed(() =>
    this.branding.branding() ? this.branding.logoUrl() : null,
  );
  protected readonly returnUrl = computed(() => safeReturnUrl(this.session.session()?.returnUrl));
}
