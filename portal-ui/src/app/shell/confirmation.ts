import { Injectable, signal } from '@angular/core';

import type { MessageKey } from '../i18n/messages.en';
import type { MessageParams } from '../i18n/translate';

export interface ConfirmationRequest {
  title: MessageKey;
  message: MessageKey;
  params?: MessageParams;
  /** The confirming button's label: says what happens ("Delete endpoint"), never "OK". */
  confirm: MessageKey;
}

interface Pending extends ConfirmationRequest {
  answer: (isConfirmed: boolean) => void;
}

/**
 * Asks before a destructive action (delete, disable, rotate): `await confirmation.ask(...)` is
 * true only when the customer confirmed. ConfirmDialog, in the shell, shows the question.
 */
@Injectable({ providedIn: 'root' })
export class Confirmation {
  private readonly pendingState = signal<Pending | null>(null);
  readonly pending = this.pendingState.asReadonly();

  ask(request: ConfirmationRequest): Promise<boolean> {
    // A second question cancels the first rather than stacking dialogs.
    this.pendingState()?.answer(false);
    return new Promise((resolve) => this.pendingState.set({ ...request, answer: resolve }));
  }

  answer(isConfirmed: boolean): void {
    const pending = this.pendingState();
    if (!pending) return;
    this.pendingState.set(null);
    pending.answer(isConfirmed);
  }
}
