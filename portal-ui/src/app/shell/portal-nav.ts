import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

import { TranslatePipe } from '../i18n/translate.pipe';
import { SessionScopes } from './session-scopes';

/** The portal's sections; a section the session may not read is not offered. */
@Component({
  selector: 'hp-portal-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, RouterLink, RouterLinkActive],
  template: `
    <nav class="nav" [attr.aria-label]="'nav.label' | t">
      <ul>
        @if (scopes.has('endpoints:read')) {
          <li>
            <a
              routerLink="/endpoints"
              routerLinkActive="active"
              ariaCurrentWhenActive="page"
              data-testid="nav-endpoints"
            >
              {{ 'nav.endpoints' | t }}
            </a>
          </li>
        }
        @if (scopes.has('messages:read')) {
          <li>
            <a
              routerLink="/messages"
              routerLinkActive="active"
              ariaCurrentWhenActive="page"
              data-testid="nav-messages"
            >
              {{ 'nav.messages' | t }}
            </a>
          </li>
        }
        @if (scopes.has('event-types:read')) {
          <li>
            <a
              routerLink="/event-types"
              routerLinkActive="active"
              ariaCurrentWhenActive="page"
              data-testid="nav-event-types"
            >
              {{ 'nav.eventTypes' | t }}
            </a>
          </li>
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
      gap: 0.25rem;
      max-width: var(--hp-max-width);
      margin: 0 auto;
      padding: 0 1.25rem;
      list-style: none;
    }
    a {
      display: inline-block;
      padding: 0.65rem 0.75rem;
      border-bottom: 2px solid transparent;
      color: var(--hp-muted);
      font-weight: 600;
      text-decoration: none;
    }
    a:hover {
      color: var(--hp-fg);
    }
    a.active {
      border-bottom-color: var(--hp-accent);
      color: var(--hp-fg);
    }
  `,
})
export class PortalNav {
  protected readonly scopes = inject(SessionScopes);
}
