import { DOCUMENT, Injectable, effect, inject } from '@angular/core';

import { SessionStore } from '../session/session-store';

import { EMBED_MESSAGES, hostOrigin } from './embed-protocol';

/**
 * Tells the embedding page how tall the portal is, so an iframe can grow with its content
 * instead of scrolling inside the host, and when the session ends, so the host can mint a new
 * one. Posts only to the host's exact origin.
 */
@Injectable({ providedIn: 'root' })
export class EmbedBridge {
  private readonly document = inject(DOCUMENT);
  private lastHeight = 0;
  private host: { window: Window; origin: string } | null = null;

  constructor() {
    const session = inject(SessionStore);
    effect(() => {
      if (session.status() === 'lapsed' && this.host) {
        this.host.window.postMessage(
          { type: EMBED_MESSAGES.lapsed, reason: 'expired' },
          this.host.origin,
        );
      }
    });
  }

  start(): void {
    const view = this.document.defaultView;
    if (!view || typeof ResizeObserver === 'undefined') return;
    const origin = hostOrigin(view as unknown as Parameters<typeof hostOrigin>[0]);
    if (origin === null) return;
    this.host = { window: view.parent, origin };
    const body = this.document.body;
    // Framed, the page is as tall as its content (no 100vh floor), so the frame can also shrink.
    this.document.documentElement.setAttribute('data-embedded', '');
    new ResizeObserver(() => {
      const height = Math.ceil(body.getBoundingClientRect().height);
      if (height === this.lastHeight) return;
      this.lastHeight = height;
      view.parent.postMessage({ type: EMBED_MESSAGES.resize, height }, origin);
    }).observe(body);
  }
}
