import { Injectable, signal } from '@angular/core';

import type { MessageKey } from '../i18n/messages.en';
import type { MessageParams } from '../i18n/translate';

export interface Notice {
  key: MessageKey;
  params?: MessageParams;
}

// Long enough to read a sentence twice; a notice also goes when the next one replaces it.
const NOTICE_MS = 8_000;

/**
 * Says that a change took effect ("Endpoint created"): one notice at a time, shown by NoticeArea
 * in a live region that outlives the page that made the change (a create navigates away).
 */
@Injectable({ providedIn: 'root' })
export class Notices {
  private readonly shown = signal<Notice | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  readonly current = this.shown.asReadonly();

  show(key: MessageKey, params?: MessageParams): void {
    clearTimeout(this.timer);
    this.shown.set({ key, ...(params ? { params } : {}) });
    this.timer = setTimeout(() => this.shown.set(null), NOTICE_MS);
  }

  dismiss(): void {
    clearTimeout(this.timer);
    this.shown.set(null);
  }
}
