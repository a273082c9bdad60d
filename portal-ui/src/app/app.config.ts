import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  DOCUMENT,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';

import { routes } from './app.routes';
import { BROWSER_WINDOW } from './browser/browser-window';
import { I18n } from './i18n/i18n';
import { authInterceptor } from './session/auth.interceptor';
import { SessionStore } from './session/session-store';
import { Branding } from './shell/branding';
import { EmbedBridge } from './shell/embed-bridge';
import { applyTheme, readThemeOverride } from './shell/theme';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    provideRouter(routes, withComponentInputBinding()),
    // Runs before the router reads the URL and before the first render, so the one-time code
    // leaves the address bar before anything else can see it.
    provideAppInitializer(() => {
      const window = inject(BROWSER_WINDOW);
      applyTheme(inject(DOCUMENT).documentElement, readThemeOverride(window.location.search));
      inject(I18n);
      inject(SessionStore).start();
      inject(EmbedBridge).start();
      inject(Branding);
    }),
  ],
};
