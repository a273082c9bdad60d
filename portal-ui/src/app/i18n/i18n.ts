import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';

import { BROWSER_WINDOW } from '../browser/browser-window';
import type { MessageKey } from './messages.en';
import {
  TRANSLATIONS,
  pickLanguage,
  translate,
  type Language,
  type MessageParams,
} from './translate';

/** The portal's language and its translation table; `t()` reads a signal, so views follow it. */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly window = inject(BROWSER_WINDOW);

  private readonly languageState = signal<Language>(
    pickLanguage(this.window.location.search, this.window.navigator.languages ?? []),
  );
  readonly language = this.languageState.asReadonly();

  private readonly dateTimeFormat = computed(
    () => new Intl.DateTimeFormat(this.language(), { dateStyle: 'medium', timeStyle: 'medium' }),
  );

  constructor() {
    this.document.documentElement.lang = this.language();
  }

  use(language: Language): void {
    this.languageState.set(language);
    this.document.documentElement.lang = language;
  }

  t(key: MessageKey, params?: MessageParams): string {
    return translate(TRANSLATIONS[this.language()], key, params);
  }

  /** An ISO 8601 instant in the reader's language and time zone; the raw value if unparsable. */
  formatDateTime(iso: string): string {
    const instant = new Date(iso);
    return Number.isNaN(instant.getTime()) ? iso : this.dateTimeFormat().format(instant);
  }
}
