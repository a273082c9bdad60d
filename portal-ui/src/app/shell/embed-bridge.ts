import { DOCUMENT, Injectable, inject } from '@angular/core';

import { EMBED_MESSAGES, hostOrigin } from './embed-protocol';

/**
 * Tells the embedding page how tall the portal is, so an iframe can grow with its content
 * instead of scrolling inside the host. Posts only to the host's exact origin.
 */
@Injectable({ providedIn: 'root' })
export class EmbedBridge {
  private readonly document = inject(DOCUMENT);
  private lastHeight = 0;

  start(): void {
    const view = this.document.defaultView;
    if (!view || typeof ResizeObserver === 'undefined') return;
    const origin = hostOrigin(view as unknown as Parameters<typeof hostOrigin>[0]);
    if (origin === null) return;
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
