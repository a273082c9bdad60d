import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterRenderEffect,
  inject,
  viewChild,
} from '@angular/core';

import { TranslatePipe } from '../i18n/translate.pipe';
import { Confirmation } from './confirmation';

/**
 * The question Confirmation asks, in a modal <dialog>: the browser traps focus and Escape
 * cancels. Focus starts on Cancel, so a stray Enter never destroys anything.
 */
@Component({
  selector: 'hp-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <dialog
      #dialog
      class="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      data-testid="confirm-dialog"
      (close)="confirmation.answer(false)"
    >
      @if (confirmation.pending(); as request) {
        <h2 id="confirm-title" class="dialog__title">{{ request.title | t }}</h2>
        <p id="confirm-message" data-testid="confirm-message">
          {{ request.message | t: request.params }}
        </p>
        <div class="dialog__actions">
          <button
            #cancel
            type="button"
            class="button button--secondary"
            data-testid="confirm-cancel"
            (click)="confirmation.answer(false)"
          >
            {{ 'common.cancel' | t }}
          </button>
          <button
            type="button"
            class="button button--danger-solid"
            data-testid="confirm-accept"
            (click)="confirmation.answer(true)"
          >
            {{ request.confirm | t }}
          </button>
        </div>
      }
    </dialog>
  `,
  styles: `
    .dialog {
      width: min(28rem, calc(100vw - 2 * var(--hp-space-4)));
      padding: var(--hp-space-5);
      border: 1px solid var(--hp-border);
      border-radius: var(--hp-radius-lg);
      color: var(--hp-fg);
      background: var(--hp-bg);
      box-shadow: var(--hp-shadow);
    }
    .dialog::backdrop {
      background: rgb(0 0 0 / 45%);
    }
    .dialog__title {
      margin: 0 0 var(--hp-space-3);
      font-size: var(--hp-text-lg);
    }
    .dialog__actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: var(--hp-space-3);
      margin-top: var(--hp-space-5);
    }
  `,
})
export class ConfirmDialog {
  protected readonly confirmation = inject(Confirmation);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly cancel = viewChild<ElementRef<HTMLButtonElement>>('cancel');

  constructor() {
    // After rendering: the question (and its Cancel button) is in the dialog before it opens.
    afterRenderEffect(() => {
      const dialog = this.dialog().nativeElement;
      const isAsking = this.confirmation.pending() !== null;
      if (isAsking && !dialog.open) {
        dialog.showModal();
        this.cancel()?.nativeElement.focus();
      } else if (!isAsking && dialog.open) {
        dialog.close();
      }
    });
  }
}
