import { describe, expect, it } from 'vitest';

import { safeReturnUrl } from './return-url';
import { readThemeOverride } from './theme';

describe('readThemeOverride', () => {
  it('reads ?theme=light and ?theme=dark', () => {
    expect(readThemeOverride('?theme=dark')).toBe('dark');
    expect(readThemeOverride('?lang=fr&theme=LIGHT')).toBe('light');
  });

  it('follows the system preference otherwise', () => {
    expect(readThemeOverride('')).toBeNull();
    expect(readThemeOverride('?theme=auto')).toBeNull();
    expect(readThemeOverride('?theme=sepia')).toBeNull();
  });
});

describe('safeReturnUrl', () => {
  it('keeps an absolute http(s) URL', () => {
    expect(safeReturnUrl('https://app.example.com/settings/webhooks')).toBe(
      'https://app.example.com/settings/webhooks',
    );
  });

  it('drops script URLs, relative paths and nothing at all', () => {
    expect(safeReturnUrl('javascript:alert(1)')).toBeNull();
    expect(safeReturnUrl('/settings')).toBeNull();
    expect(safeReturnUrl(null)).toBeNull();
    expect(safeReturnUrl('')).toBeNull();
  });
});
