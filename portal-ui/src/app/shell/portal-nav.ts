import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

import type { PortalScope } from '@hookport/contracts';

import type { MessageKey } from '../i18n/messages.en';
import { TranslatePipe } from '../i18n/translate.pipe';
import { SessionScopes } from './session-scopes';

interface Section {
  route: string;
  scope: PortalScope;
  label: MessageKey;
  testId: string;
}

/** The portal's sections; a section the session may not read is not offered. */
@Component({
  selector: 'hp-portal-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, RouterLink, RouterLinkActive],
  template: `
    <nav class="nav" [attr.aria-label]="'nav.label' | t">
      <ul>
        @for (section of sections; track section.route) {
          @if (scopes.has(section.scope)) {
            <li>
              <a
                [routerLink]="section.route"
                routerLinkActive="active"
                ariaCurrentWhenActive="page"
                [attr.data-testid]="section.testId"
              >
                {{ section.label | t }}
              </a>
            </li>
          }
        }
      </ul>
    </nav>
  `,
  styles: `
    .nav {
      border-bottom: 1px solid var(--hp-border);
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: var(--hp-space-1);
      max-width: var(--hp-max-width);
      margin: 0 auto;
      padding: 0 var(--hp-space-5);
      list-style: none;
    }
    a {
      display: inline-block;
      padding: var(--hp-space-3) var(--hp-space-3);
      border-bottom: 2px solid transparent;
      color: var(--hp-muted);
      font-weight: 600;
      text-decoration: none;
    }
    a:hover {
      color: var(--hp-fg);
    }
    a.active {
      border-bottom-color: var(--hp-accent-text);
      color: var(--hp-fg);
    }
  `,
})
export class PortalNav {
  protected readonly scopes = inject(SessionScopes);
  protected readonly sections: readonly Section[] = [
    {
      route: '/endpoints',
      scope: 'endpoints:read',
      label: 'nav.endpoints',
      testId: 'nav-endpoints',
    },
    { route: '/messages', scope: 'messages:read', label: 'nav.messages', testId: 'nav-messages' },
    {
      route: '/event-types',
      scope: 'event-types:read',
      label: 'nav.eventTypes',
      testId: 'nav-event-types',
    },
    { route: '/activity', scope: 'audit:read', label: 'nav.activity', testId: 'nav-activity' },
  ];
}
