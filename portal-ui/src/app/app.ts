import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  effect,
  inject,
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterOutlet } from '@angular/router';

import { I18n } from './i18n/i18n';
import { TranslatePipe } from './i18n/translate.pipe';
import { SessionNotice } from './session/session-notice';
import { SessionStore } from './session/session-store';
import { ConfirmDialog } from './shell/confirm-dialog';
import { NoticeArea } from './shell/notice-area';
import { PortalFooter } from './shell/portal-footer';
import { PortalHeader } from './shell/portal-header';
import { PortalNav } from './shell/portal-nav';

/** The portal's frame: header, the session's content (or why there is none), footer. */
@Component({
  selector: 'hp-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    TranslatePipe,
    PortalHeader,
    PortalNav,
    PortalFooter,
    SessionNotice,
    NoticeArea,
    ConfirmDialog,
  ],
  template: `
    <!-- A button, not href="#main": the fragment is where the one-time code arrives. -->
    <button type="button" class="skip-link" (click)="skipToContent()">
      {{ 'shell.skipToContent' | t }}
    </button>
    <hp-portal-header />
    @if (session.isActive()) {
      <hp-portal-nav />
    }
    <main #main class="main" tabindex="-1">
      @if (session.isActive()) {
        <router-outlet />
      } @else {
        <hp-session-notice />
      }
    </main>
    <hp-portal-footer />
    <hp-notice-area />
    <hp-confirm-dialog />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
    }
    :host-context([data-embedded]) {
      min-height: 0;
    }
    .main {
      flex: 1;
      width: 100%;
      max-width: var(--hp-max-width);
      margin: 0 auto;
      padding: var(--hp-space-6) var(--hp-space-5);
    }
    .main:focus {
      outline: none;
    }
    .skip-link {
      position: absolute;
      top: 0.5rem;
      left: 0.5rem;
      z-index: 10;
      padding: var(--hp-space-2) var(--hp-space-3);
      border: 0;
      border-radius: var(--hp-radius);
      color: var(--hp-accent-fg);
      background: var(--hp-accent);
      font: inherit;
      transform: translateY(-200%);
    }
    .skip-link:focus {
      transform: none;
    }
  `,
})
export class App {
  protected readonly session = inject(SessionStore);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    const i18n = inject(I18n);
    const title = inject(Title);
    effect(() => {
      const appName = this.session.session()?.app.name;
      title.setTitle(
        appName ? i18n.t('shell.documentTitle', { app: appName }) : i18n.t('shell.defaultTitle'),
      );
    });
  }

  protected skipToContent(): void {
    this.main().nativeElement.focus();
  }
}
