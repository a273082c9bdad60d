import { messagesEn, type MessageKey, type Messages } from './messages.en';
import { messagesFr } from './messages.fr';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

export const TRANSLATIONS: Readonly<Record<Language, Messages>> = {
  en: messagesEn,
  fr: messagesFr,
};

export type MessageParams = Readonly<Record<string, string | number>>;

export const isLanguage = (value: string): value is Language =>
  (LANGUAGES as readonly string[]).includes(value);

/**
 * The portal's language: `?lang=` when it names a supported language, else the first of the
 * browser's preferred languages we support (`fr-CA` counts as `fr`), else English.
 */
export function pickLanguage(search: string, preferred: readonly string[]): Language {
  const requested = new URLSearchParams(search).get('lang')?.toLowerCase();
  const candidates = requested ? [requested, ...preferred] : preferred;
  for (const candidate of candidates) {
    const primary = candidate.toLowerCase().split('-')[0] ?? '';
    if (isLanguage(primary)) {
      return primary;
    }
  }
  return DEFAULT_LANGUAGE;
}

/** Looks a key up in a table and fills its `{name}` parameters; unknown parameters stay visible. */
export function translate(table: Messages, key: MessageKey, params?: MessageParams): string {
  const template = table[key];
  if (!params) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}
