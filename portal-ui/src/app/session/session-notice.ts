import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';

import type { MessageKey } from '../i18n/messages.en';
import { TranslatePipe } from '../i18n/translate.pipe';
import { SessionStore, type SessionStatus } from './session-store';

interface Notice {
  readonly title: MessageKey;
  readonly detail: MessageKey | null;
  readonly isError: boolean;
  readonly canRetry: boolean;
}

// What to tell the reader in each state where there is no usable session.
const NOTICES: Readonly<Record<Exclude<SessionStatus, 'active'>, Notice>> = {
  starting: { title: 'session.opening', detail: null, isError: false, canRetry: false },
  exchanging: { title: 'session.opening', detail: null, isError: false, canRetry: false },
  missing: {
    title: 'session.missing.title',
    detail: 'session.missing.detail',
    isError: false,
    canRetry: false,
  },
  'invalid-link': {
    title: 'session.invalidLink.title',
    detail: 'session.invalidLink.detail',
    isError: true,
    canRetry: false,
  },
  failed: {
    title: 'session.failed.title',
    detail: 'session.failed.detail',
    isError: true,
    canRetry: true,
  },
  lapsed: {
    title: 'session.lapsed.title',
    detail: 'session.lapsed.detail',
    isError: false,
    canRetry: false,
  },
};

/** Explains why there is no portal to show yet (or any more). */
@Component({
  selector: 'hp-session-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    @let current = notice();
    @if (current) {
      <section
        class="notice"
        [class.notice--error]="current.isError"
        [attr.role]="current.isError ? 'alert' : 'status'"
        data-testid="session-notice"
        [attr.data-state]="session.status()"
      >
        <h2 class="notice__title">{{ current.title | t }}</h2>
        @if (current.detail) {
          <p class="notice__detail">{{ current.detail | t }}</p>
        }
        @if (current.canRetry) {
          <button type="button" class="button" (click)="session.retry()">
            {{ 'session.retry' | t }}
          </button>
        }
      </section>
    }
  `,
  styles: `
    .notice {
      max-width: 40rem;
      margin: var(--hp-space-12) auto;
      padding: var(--hp-space-6);
      border: 1px solid var(--hp-border);
      border-radius: var(--hp-radius);
      background: var(--hp-surface);
    }
    .notice--error {
      border-color: var(--hp-danger-border);
    }
    .notice__title {
      margin: 0 0 var(--hp-space-2);
      font-size: var(--hp-text-xl);
    }
    .notice__detail {
      margin: 0 0 var(--hp-space-4);
      color: var(--hp-muted);
    }
    .notice__detail:last-child {
      margin-bottom: 0;
    }
  `,
})
export class SessionNotice {
  protected readonly session = inject(SessionStore);

  protected readonly notice = computed(() => {
    const status = this.session.status();
    return status === 'active' ? null : NOTICES[status];
  });
}
