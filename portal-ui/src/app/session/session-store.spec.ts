import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { BROWSER_WINDOW, type BrowserWindow } from '../browser/browser-window';
import { authInterceptor } from './auth.interceptor';
import { SessionStore } from './session-store';
import type { SessionExchangeOut } from '@hookport/client/types';

// A stand-in for the browser's address bar: it records what the store writes to history.
class AddressBar implements BrowserWindow {
  readonly location = { hash: '', pathname: '/portal/', search: '' };
  readonly history = {
    state: null,
    replaceState: (_state: unknown, _unused: string, url?: string | URL | null): void => {
      const next = new URL(String(url), 'https://hookport.test');
      this.location.pathname = next.pathname;
      this.location.search = next.search;
      this.location.hash = next.hash;
      this.replaced.push(String(url));
    },
  };
  readonly navigator = { languages: ['en'] };
  readonly replaced: string[] = [];
  readonly sessionStorage: BrowserWindow['sessionStorage'];
  private readonly hashListeners: (() => void)[] = [];

  /** `stored` stands for the tab's sessionStorage, kept across a reload of the page. */
  constructor(
    url: string,
    readonly stored = new Map<string, string>(),
  ) {
    const start = new URL(url, 'https://hookport.test');
    this.location.pathname = start.pathname;
    this.location.search = start.search;
    this.location.hash = start.hash;
    this.sessionStorage = {
      getItem: (key) => stored.get(key) ?? null,
      setItem: (key, value) => void stored.set(key, value),
      removeItem: (key) => void stored.delete(key),
    };
  }

  addEventListener(_type: 'hashchange', listener: () => void): void {
    this.hashListeners.push(listener);
  }

  /** A same-document navigation: the host set a URL that differs only in its fragment. */
  navigateToHash(hash: string): void {
    this.location.hash = hash;
    for (const listener of this.hashListeners) listener();
  }
}

const EXCHANGED: SessionExchangeOut = {
  sessionId: 'ps_01',
  token: 'pst_secret',
  tokenExpiresAt: '2030-01-01T00:00:00.000Z',
  expiresAt: '2030-01-01T00:00:00.000Z',
  app: { id: 'app_01', name: 'Acme' },
  scopes: ['messages:read'],
  returnUrl: 'https://acme.example/settings',
  branding: {
    organizationName: null,
    logoUrl: null,
    logoDarkUrl: null,
    faviconUrl: null,
    accentColor: null,
    theme: 'auto',
    customCss: null,
    hidePoweredBy: false,
    refreshUrl: null,
    refererUrl: null,
  },
};

describe('SessionStore', () => {
  let http: HttpTestingController;
  let addressBar: AddressBar;

  const open = (url: string, stored?: Map<string, string>): SessionStore => {
    addressBar = new AddressBar(url, stored);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: BROWSER_WINDOW, useValue: addressBar },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const store = TestBed.inject(SessionStore);
    store.start();
    return store;
  };

  afterEach(() => {
    http.verify();
  });

  it('removes the code from the address bar before the exchange is answered', () => {
    const store = open('/portal/?theme=dark#code=otc_123');

    expect(addressBar.replaced).toEqual(['/portal/?theme=dark']);
    expect(addressBar.location.hash).toBe('');
    const exchange = http.expectOne('/portal-api/v1/session/exchange');
    expect(exchange.request.method).toBe('POST');
    expect(exchange.request.body).toEqual({ code: 'otc_123' });
    expect(exchange.request.headers.has('Authorization')).toBe(false);
    expect(store.status()).toBe('exchanging');

    exchange.flush(EXCHANGED);
    expect(store.status()).toBe('active');
    expect(store.token()).toBe('pst_secret');
    expect(store.session()?.app.name).toBe('Acme');
  });

  it('sends the token as a bearer credential to the portal API only', () => {
    open('/portal/#code=otc_123');
    http.expectOne('/portal-api/v1/session/exchange').flush(EXCHANGED);
    const client = TestBed.inject(HttpClient);

    client.get('/portal-api/v1/messages').subscribe();
    client.get('https://elsewhere.example/portal-api/v1/messages').subscribe();

    const messages = http.expectOne('/portal-api/v1/messages');
    expect(messages.request.headers.get('Authorization')).toBe('Bearer pst_secret');
    const elsewhere = http.expectOne('https://elsewhere.example/portal-api/v1/messages');
    expect(elsewhere.request.headers.has('Authorization')).toBe(false);
    messages.flush({ data: [], iterator: null, prevIterator: null, done: true });
    elsewhere.flush({});
  });

  it('reports an expired or used link when the exchange answers 401', () => {
    const store = open('/portal/#code=otc_used');

    http.expectOne('/portal-api/v1/session/exchange').flush(
      {
        type: 'https://hookport.dev/problems/code-already-used',
        title: 'One-time code already used or expired',
        status: 401,
        detail: 'This code was already exchanged.',
        code: 'codeAlreadyUsed',
      },
      {
        status: 401,
        statusText: 'Unauthorized',
        headers: { 'content-type': 'application/problem+json' },
      },
    );

    expect(store.status()).toBe('invalid-link');
    expect(store.token()).toBeNull();
    store.retry();
    http.expectNone('/portal-api/v1/session/exchange');
  });

  it('reports a generic failure on other errors, and a retry exchanges the same code again', () => {
    const store = open('/portal/#code=otc_123');
    http
      .expectOne('/portal-api/v1/session/exchange')
      .flush('upstream down', { status: 503, statusText: 'Service Unavailable' });
    expect(store.status()).toBe('failed');

    store.retry();
    const again = http.expectOne('/portal-api/v1/session/exchange');
    expect(again.request.body).toEqual({ code: 'otc_123' });
    again.flush(EXCHANGED);
    expect(store.status()).toBe('active');
  });

  it("exchanges a magic link's token for the page's application and takes it out of the address bar", () => {
    const store = open('/portal/?app=app_01#token=hpml_abc');
    expect(addressBar.replaced).toEqual(['/portal/?app=app_01']);
    const exchange = http.expectOne('/portal-api/v1/session/exchange');
    // The page's application chose its framing origins: the server refuses another one's token.
    expect(exchange.request.body).toEqual({ token: 'hpml_abc', app: 'app_01' });
    exchange.flush(EXCHANGED);
    expect(store.status()).toBe('active');
  });

  it('renews the token before it expires, keeping the session', async () => {
    const store = open('/portal/#code=otc_123');
    const soon = new Date(Date.now() + 1500).toISOString();
    http.expectOne('/portal-api/v1/session/exchange').flush({ ...EXCHANGED, tokenExpiresAt: soon });
    await new Promise((resolve) => setTimeout(resolve, 1400));
    const refresh = http.expectOne('/portal-api/v1/session/refresh');
    expect(refresh.request.headers.get('Authorization')).toBe('Bearer pst_secret');
    refresh.flush({
      token: 'pst_renewed',
      tokenExpiresAt: '2030-01-01T00:00:00.000Z',
      expiresAt: EXCHANGED.expiresAt,
    });
    expect(store.token()).toBe('pst_renewed');
    expect(store.session()?.app.name).toBe('Acme');
  });

  it('asks to be opened from the application when there is no code', () => {
    const store = open('/portal/');

    expect(store.status()).toBe('missing');
    expect(addressBar.replaced).toEqual([]);
    http.expectNone('/portal-api/v1/session/exchange');
  });

  it('ends the session when the API stops accepting the token', () => {
    const store = open('/portal/#code=otc_123');
    http.expectOne('/portal-api/v1/session/exchange').flush(EXCHANGED);

    TestBed.inject(HttpClient)
      .get('/portal-api/v1/messages')
      .subscribe({ error: () => undefined });
    http
      .expectOne('/portal-api/v1/messages')
      .flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });

    expect(store.status()).toBe('lapsed');
    expect(store.token()).toBeNull();
  });

  const lapseOf = () => {
    TestBed.inject(HttpClient)
      .get('/portal-api/v1/messages')
      .subscribe({ error: () => undefined });
    http
      .expectOne('/portal-api/v1/messages')
      .flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
  };

  it('continues a lapsed session when the host sets a new URL with a new code', () => {
    const store = open('/portal/?app=app_01#code=otc_123');
    http.expectOne('/portal-api/v1/session/exchange').flush(EXCHANGED);
    lapseOf();
    expect(store.status()).toBe('lapsed');

    addressBar.navigateToHash('#code=otc_456');
    const exchange = http.expectOne('/portal-api/v1/session/exchange');
    expect(exchange.request.body).toEqual({ code: 'otc_456', app: 'app_01' });
    exchange.flush({ ...EXCHANGED, token: 'pst_renewed' });
    expect(store.status()).toBe('active');
    expect(store.token()).toBe('pst_renewed');
    expect(addressBar.location.hash).toBe('');
  });

  it('keeps the session across a reload of the tab, and not after a lapse', () => {
    const first = open('/portal/?app=app_01#code=otc_123');
    http.expectOne('/portal-api/v1/session/exchange').flush(EXCHANGED);
    expect(first.status()).toBe('active');
    const stored = addressBar.stored;
    TestBed.resetTestingModule();

    // The reload: the address bar no longer holds the code, the tab's storage does the session.
    const reloaded = open('/portal/?app=app_01', stored);
    http.expectNone('/portal-api/v1/session/exchange');
    expect(reloaded.status()).toBe('active');
    expect(reloaded.token()).toBe('pst_secret');

    lapseOf();
    TestBed.resetTestingModule();
    const afterLapse = open('/portal/?app=app_01', stored);
    expect(afterLapse.status()).toBe('missing');
  });

  it("does not resume another application's session, nor an expired token", () => {
    const stored = new Map([
      ['hookport.portal-session', JSON.stringify({ ...EXCHANGED, app: { id: 'app_02' } })],
    ]);
    expect(open('/portal/?app=app_01', stored).status()).toBe('missing');
    TestBed.resetTestingModule();
    const expired = new Map([
      [
        'hookport.portal-session',
        JSON.stringify({ ...EXCHANGED, tokenExpiresAt: new Date(Date.now() - 1000).toISOString() }),
      ],
    ]);
    expect(open('/portal/?app=app_01', expired).status()).toBe('missing');
    expect(expired.size).toBe(0);
  });
});
