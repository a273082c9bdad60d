export type ThemeOverride = 'light' | 'dark';

/**
 * `?theme=light|dark` forces a theme; anything else (or nothing) follows the reader's
 * `prefers-color-scheme`.
 */
export function readThemeOverride(search: string): ThemeOverride | null {
  const theme = new URLSearchParams(search).get('theme')?.toLowerCase();
  return theme === 'light' || theme === 'dark' ? theme : null;
}

/** The stylesheet keys its colour tokens on `data-theme` on the root element. */
export function applyTheme(root: HTMLElement, theme: ThemeOverride | null): void {
  if (theme === null) {
    root.removeAttribute('data-theme');
  } else {
    root.setAttribute('data-theme', theme);
  }
}
