import { Pipe, inject, type PipeTransform } from '@angular/core';

import { I18n } from './i18n';
import type { MessageKey } from './messages.en';
import type { MessageParams } from './translate';

/**
 * `{{ 'messages.title' | t }}`. Impure on purpose: the language is a signal read inside
 * `transform`, and a pure pipe would keep the old language's text for unchanged keys.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: MessageKey, params?: MessageParams): string {
    return this.i18n.t(key, params);
  }
}
