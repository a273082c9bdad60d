import { ChangeDetectionStrategy, Component, inject } from '@angular/core';

import { TranslatePipe } from '../i18n/translate.pipe';
import { Notices } from './notices';

/** Where notices appear: a polite live region kept in the page, so screen readers hear each one. */
@Component({
  selector: 'hp-notice-area',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <div class="notice-area" role="status" aria-live="polite">
      @if (notices.current(); as notice) {
        <div class="notice" data-testid="notice">
          <span class="notice__icon" aria-hidden="true">✓</span>
          <span class="notice__text" data-testid="notice-text">{{
            notice.key | t: notice.params
          }}</span>
          <button
            type="button"
            class="notice__close"
            [attr.aria-label]="'notice.dismiss' | t"
            (click)="notices.dismiss()"
          >
            ×
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    .notice-area {
      position: fixed;
      inset-inline: var(--hp-space-4);
      bottom: var(--hp-space-4);
      z-index: 20;
      display: flex;
      justify-content: center;
      pointer-events: none;
    }
    .notice {
      display: flex;
      align-items: center;
      gap: var(--hp-space-3);
      max-width: 32rem;
      padding: var(--hp-space-3) var(--hp-space-4);
      border: 1px solid var(--hp-success-border);
      border-radius: var(--hp-radius-md);
      color: var(--hp-success-fg);
      background: var(--hp-success-bg);
      box-shadow: var(--hp-shadow);
      font-weight: 600;
      pointer-events: auto;
    }
    .notice__close {
      min-width: 2rem;
      min-height: 2rem;
      border: 0;
      border-radius: var(--hp-radius-sm);
      color: inherit;
      background: transparent;
      font: inherit;
      font-size: var(--hp-text-lg);
      cursor: pointer;
    }
  `,
})
export class NoticeArea {
  protected readonly notices = inject(Notices);
}
