import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/**
 * The browser window (address bar, history, preferred languages). Injected rather than read as
 * a global so that specs can hand in a recording stand-in for the address bar.
 */
export const BROWSER_WINDOW = new InjectionToken<BrowserWindow>('BROWSER_WINDOW', {
  providedIn: 'root',
  factory: () => {
    const view = inject(DOCUMENT).defaultView;
    if (!view) {
      throw new Error('The portal runs only in a browser window.');
    }
    return view;
  },
});

/** The part of `Window` the portal uses. */
export interface BrowserWindow {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'state' | 'replaceState'>;
  readonly navigator: Pick<Navigator, 'languages'>;
  readonly sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  addEventListener(type: 'hashchange', listener: () => void): void;
}
