/*
 * <hookport-portal>: the Hookport customer portal as a framework-neutral web component.
 *
 *   <script src="https://hooks.example.com/portal/embed.js" defer></script>
 *   <hookport-portal url="https://hooks.example.com/portal/#code=..." theme="auto"></hookport-portal>
 *
 * It frames the portal (the session stays isolated from the host page), grows with the portal's
 * content, and emits `hookport-session-lapsed` when the session ends, so the host can mint a new
 * session server-side and set `url` again. Messages are accepted only from the portal's exact
 * origin and only from this element's own frame.
 */
(() => {
  'use strict';
  if (typeof window === 'undefined' || window.customElements.get('hookport-portal')) return;

  const MESSAGES = {
    resize: 'hookport:resize',
    lapsed: 'hookport:session-lapsed',
  };

  class HookportPortal extends HTMLElement {
    static get observedAttributes() {
      return ['url', 'theme', 'min-height', 'title'];
    }

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent =
        ':host{display:block}iframe{display:block;width:100%;border:0;color-scheme:normal}';
      this.frame = document.createElement('iframe');
      this.frame.setAttribute('referrerpolicy', 'origin');
      this.frame.setAttribute('allow', 'clipboard-write');
      root.append(style, this.frame);
      this.onMessage = this.onMessage.bind(this);
    }

    connectedCallback() {
      window.addEventListener('message', this.onMessage);
      this.render();
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.onMessage);
    }

    attributeChangedCallback() {
      if (this.isConnected) this.render();
    }

    /** The portal URL with the theme applied; null when `url` is missing or not http(s). */
    portalUrl() {
      const raw = this.getAttribute('url');
      if (!raw) return null;
      let url;
      try {
        url = new URL(raw, window.location.href);
      } catch {
        return null;
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
      const theme = this.getAttribute('theme');
      if (theme) url.searchParams.set('theme', theme);
      return url;
    }

    render() {
      const url = this.portalUrl();
      this.origin = url ? url.origin : null;
      this.frame.title = this.getAttribute('title') || 'Webhooks portal';
      this.frame.style.height = `${Number(this.getAttribute('min-height')) || 600}px`;
      const next = url ? url.href : 'about:blank';
      if (this.frame.getAttribute('src') !== next) this.frame.setAttribute('src', next);
    }

    onMessage(event) {
      if (event.source !== this.frame.contentWindow || event.origin !== this.origin) return;
      const data = event.data;
      if (!data || typeof data !== 'object') return;
      if (data.type === MESSAGES.resize && Number.isFinite(data.height)) {
        const minimum = Number(this.getAttribute('min-height')) || 0;
        this.frame.style.height = `${Math.max(minimum, Math.ceil(data.height))}px`;
      } else if (data.type === MESSAGES.lapsed) {
        this.dispatchEvent(
          new CustomEvent('hookport-session-lapsed', {
            bubbles: true,
            composed: true,
            detail: { reason: typeof data.reason === 'string' ? data.reason : 'expired' },
          }),
        );
      }
    }
  }

  window.customElements.define('hookport-portal', HookportPortal);
})();
