import { Injectable, computed, inject, signal } from '@angular/core';

import { failureStatus, toApiFailure } from '../api/api-failure';
import { PortalApi } from '../api/portal-api';
import { BROWSER_WINDOW } from '../browser/browser-window';
import { hashWithoutCode, readGrantFromHash, type SessionGrant } from './session-code';
import type { SessionExchangeOut } from '@hookport/client/types';

export type ActiveSession = Readonly<SessionExchangeOut>;

/**
 * Where the portal session stands.
 * - `starting`: before `start()` has looked at the address bar.
 * - `exchanging`: the one-time code is being exchanged for a session token.
 * - `missing`: opened without a code, so there is nothing to exchange.
 * - `invalid-link`: the code was refused (expired or already used).
 * - `failed`: the exchange failed for another reason; it may be retried.
 * - `lapsed`: the session token stopped being accepted.
 */
export type SessionState =
  | { readonly status: 'starting' }
  | { readonly status: 'exchanging' }
  | { readonly status: 'missing' }
  | { readonly status: 'invalid-link' }
  | { readonly status: 'failed' }
  | { readonly status: 'active'; readonly session: ActiveSession }
  | { readonly status: 'lapsed' };

export type SessionStatus = SessionState['status'];

// Where the active session is kept for a reload of this tab (see docs/embedding.md).
const STORED_SESSION = 'hookport.portal-session';
// A stored token this close to its expiry is not worth resuming: the next call would lapse.
const RESUME_MARGIN_MS = 5_000;

/**
 * The portal session. The token lives in this signal and in this tab's `sessionStorage` (so a
 * reload keeps the customer in; closing the tab, a lapse or a refused token clears it), never
 * in cookies, `localStorage` or the URL.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly window = inject(BROWSER_WINDOW);
  private readonly api = inject(PortalApi);

  private readonly state = signal<SessionState>({ status: 'starting' });
  // Kept only until the exchange is answered, so that a network failure can be retried.
  private pendingGrant: SessionGrant | null = null;
  private renewal: ReturnType<typeof setTimeout> | null = null;

  readonly status = computed(() => this.state().status);
  readonly session = computed(() => {
    const state = this.state();
    return state.status === 'active' ? state.session : null;
  });
  readonly isActive = computed(() => this.session() !== null);
  readonly token = computed(() => this.session()?.token ?? null);

  /**
   * Takes a one-time code out of the address bar and exchanges it, now and whenever the
   * fragment changes (a host recovering a lapsed session sets a URL that differs only in its
   * `#code=`: a same-document navigation, which reloads nothing); without one, resumes the
   * session this tab had before a reload.
   */
  start(): void {
    this.window.addEventListener('hashchange', () => this.takeGrant());
    if (this.takeGrant() || this.resume()) return;
    if (this.state().status === 'starting') this.state.set({ status: 'missing' });
  }

  private takeGrant(): boolean {
    const { location, history } = this.window;
    const grant = readGrantFromHash(location.hash);
    if (grant === null) return false;
    // Replace (not push) so the code is neither visible, bookmarkable nor in the back history.
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${hashWithoutCode(location.hash)}`,
    );
    // The page's application chose who may frame it: a code of another one must not open here.
    const app = new URLSearchParams(location.search).get('app');
    this.pendingGrant = app ? { ...grant, app } : grant;
    this.exchange(this.pendingGrant);
    return true;
  }

  /** The session this tab held before a reload, if its token is still good and the page's. */
  private resume(): boolean {
    let session: ActiveSession;
    try {
      session = JSON.parse(
        this.window.sessionStorage.getItem(STORED_SESSION) ?? 'null',
      ) as ActiveSession;
    } catch {
      return false;
    }
    const app = new URLSearchParams(this.window.location.search).get('app');
    const usable =
      session !== null &&
      typeof session.token === 'string' &&
      Date.parse(session.tokenExpiresAt ?? '') > Date.now() + RESUME_MARGIN_MS &&
      (app === null || session.app.id === app);
    if (!usable) {
      this.forget();
      return false;
    }
    this.activate(session);
    return true;
  }

  private activate(session: ActiveSession): void {
    this.state.set({ status: 'active', session });
    this.window.sessionStorage.setItem(STORED_SESSION, JSON.stringify(session));
    this.scheduleRenewal(session.tokenExpiresAt);
  }

  private forget(): void {
    this.window.sessionStorage.removeItem(STORED_SESSION);
  }

  /** Retries an exchange that failed for a reason other than a refused code. */
  retry(): void {
    if (this.state().status === 'failed' && this.pendingGrant !== null) {
      this.exchange(this.pendingGrant);
    }
  }

  /** The API stopped accepting the token (expired or revoked). */
  lapse(): void {
    if (this.state().status === 'active') {
      this.state.set({ status: 'lapsed' });
    }
    this.forget();
    if (this.renewal !== null) clearTimeout(this.renewal);
  }

  private exchange(grant: SessionGrant): void {
    this.state.set({ status: 'exchanging' });
    this.api.exchangeSession(grant).subscribe({
      next: (session) => {
        this.pendingGrant = null;
        this.activate(session);
      },
      error: (error: unknown) => {
        if (failureStatus(toApiFailure(error)) === 401) {
          // The code is spent or expired; retrying it can only fail again.
          this.pendingGrant = null;
          this.state.set({ status: 'invalid-link' });
        } else {
          this.state.set({ status: 'failed' });
        }
      },
    });
  }

  /**
   * Session tokens are short-lived; the session is not. Renew the token a minute before it
   * expires (or at four fifths of a shorter life); the session's own end stops renewals.
   */
  private scheduleRenewal(tokenExpiresAt: string | undefined): void {
    if (this.renewal !== null) clearTimeout(this.renewal);
    if (!tokenExpiresAt) return;
    const remaining = Date.parse(tokenExpiresAt) - Date.now();
    const delay = Math.min(
      2 ** 31 - 1,
      Math.max(1000, remaining - Math.min(60_000, remaining / 5)),
    );
    this.renewal = setTimeout(() => this.renew(), delay);
  }

  private renew(): void {
    this.renewal = null;
    this.api.refreshSession().subscribe({
      next: (renewed) => {
        const state = this.state();
        if (state.status !== 'active') return;
        this.activate({ ...state.session, ...renewed });
      },
      // A 401 lapses the session (the interceptor); otherwise try again shortly.
      error: (error: unknown) => {
        if (failureStatus(toApiFailure(error)) !== 401) {
          this.renewal = setTimeout(() => this.renew(), 10_000);
        }
      },
    });
  }
}
