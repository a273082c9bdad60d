import { describe, expect, it } from 'vitest';

import { messagesEn, type MessageKey } from './messages.en';
import { LANGUAGES, TRANSLATIONS, pickLanguage, translate } from './translate';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('pickLanguage', () => {
  it('uses ?lang= when it names a supported language', () => {
    expect(pickLanguage('?lang=fr', ['en-US'])).toBe('fr');
  });

  it('falls back to the browser languages when ?lang= is unsupported', () => {
    expect(pickLanguage('?lang=xx', ['de-DE', 'fr-CA'])).toBe('fr');
  });

  it('matches a regional browser language on its primary subtag', () => {
    expect(pickLanguage('', ['fr-BE'])).toBe('fr');
  });

  it('defaults to English', () => {
    expect(pickLanguage('', ['de', 'ja'])).toBe('en');
    expect(pickLanguage('', [])).toBe('en');
  });
});

describe('translate', () => {
  it('fills named parameters', () => {
    expect(translate(messagesEn, 'shell.poweredBy', { product: 'Hookport' })).toBe(
      'Powered by Hookport',
    );
  });

  it('leaves a parameter it was not given visible', () => {
    expect(translate(messagesEn, 'shell.poweredBy')).toBe('Powered by {product}');
  });
});

describe('translation tables', () => {
  const keys = Object.keys(messagesEn) as MessageKey[];

  it.each(LANGUAGES)('%s translates every key with the same parameters', (language) => {
    const table = TRANSLATIONS[language];
    expect(Object.keys(table).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(table[key].trim(), key).not.toBe('');
      expect(placeholders(table[key]), key).toEqual(placeholders(messagesEn[key]));
    }
  });

  it('says each thing one way in French: livraisons, points de terminaison, French typography', () => {
    const values = Object.entries(TRANSLATIONS.fr);
    for (const [key, text] of values) {
      // One name for the delivery log and for an endpoint, never the English word.
      expect(text, key).not.toMatch(/journal des envois|\bendpoints?\b/i);
      // Typographic apostrophes, and no breakable space before : ; ? !
      expect(text, key).not.toContain("'");
      expect(text, key).not.toMatch(/ [:;?!]/);
    }
    expect(TRANSLATIONS.fr['nav.messages']).toBe(TRANSLATIONS.fr['messages.title']);
  });
});
