import { Injectable, InjectionToken, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  EMPTY,
  Subject,
  catchError,
  exhaustMap,
  finalize,
  startWith,
  switchMap,
  tap,
  timer,
} from 'rxjs';
import type { Observable } from 'rxjs';

import type { ProblemDetails } from '@hookport/contracts';

import { toApiFailure } from '../api/api-failure';
import { PortalApi } from '../api/portal-api';
import { sameQuery, type MessageQuery } from './message-query';
import type { MessageLogRowOut } from '@hookport/client/types';

/** How often the delivery log is reloaded besides what the live stream triggers. */
export const MESSAGE_POLL_INTERVAL_MS = new InjectionToken<number>('MESSAGE_POLL_INTERVAL_MS', {
  providedIn: 'root',
  factory: () => 2_000,
});

/** `iterator` and `prevIterator` of the page shown. */
export interface PageCursors {
  older: string | null;
  newer: string | null;
}

const NO_CURSORS: PageCursors = { older: null, newer: null };

/**
 * The delivery log's rows, kept fresh by polling. Provided by the view that shows it, so
 * polling stops when that view goes away.
 */
@Injectable()
export class MessageLog {
  private readonly api = inject(PortalApi);
  private readonly pollIntervalMs = inject(MESSAGE_POLL_INTERVAL_MS);
  private readonly refreshRequests = new Subject<void>();

  private readonly rowsState = signal<readonly MessageLogRowOut[] | null>(null);
  private readonly cursorsState = signal<PageCursors>(NO_CURSORS);
  private readonly queryState = signal<MessageQuery>({ filters: {}, iterator: null });
  private readonly isLoadingState = signal(false);
  private readonly hasFailedState = signal(false);
  private readonly rejectionState = signal<ProblemDetails | null>(null);

  /** The page of messages the query asks for; null until its first answer. */
  readonly rows = this.rowsState.asReadonly();
  /** Where the pages beside this one start (null: there is none that way). */
  readonly cursors = this.cursorsState.asReadonly();
  readonly isLoading = this.isLoadingState.asReadonly();
  /** The last load failed; the rows shown (if any) are from an earlier one. */
  readonly hasFailed = this.hasFailedState.asReadonly();
  /**
   * The API refused the query (4xx: a filter out of range, a stale iterator). Asking again
   * cannot help, so polling pauses until the query changes; no rows are shown meanwhile.
   */
  readonly rejection = this.rejectionState.asReadonly();
  readonly query = this.queryState.asReadonly();

  constructor() {
    this.refreshRequests
      .pipe(
        startWith(undefined),
        // A manual refresh loads at once and restarts the cadence, so loads never bunch up.
        switchMap(() => timer(0, this.pollIntervalMs)),
        // A slow answer is never overtaken: ticks during a load are dropped.
        exhaustMap(() => this.load()),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  refresh(): void {
    this.refreshRequests.next();
  }

  /** Shows the page and filters asked for, from now on (and loads it at once). */
  show(query: MessageQuery): void {
    if (sameQuery(query, this.queryState())) return;
    this.queryState.set(query);
    // Rows of another query would pass for answers to this one.
    this.rowsState.set(null);
    this.cursorsState.set(NO_CURSORS);
    this.rejectionState.set(null);
    this.hasFailedState.set(false);
    this.refresh();
  }

  private load(): Observable<unknown> {
    if (this.rejectionState()) return EMPTY;
    const query = this.queryState();
    this.isLoadingState.set(true);
    return this.api.listMessages({ ...query.filters, iterator: query.iterator ?? '' }).pipe(
      tap((page) => {
        this.rowsState.set(page.data);
        this.cursorsState.set({ older: page.iterator ?? null, newer: page.prevIterator ?? null });
        this.hasFailedState.set(false);
      }),
      catchError((error: unknown) => {
        const failure = toApiFailure(error);
        // 401 and 403 are the session's business (it lapses); 429 and 5xx pass.
        const isRefused =
          failure.kind === 'problem' && (failure.status === 400 || failure.status === 422);
        if (isRefused) {
          this.rejectionState.set(failure.problem);
          this.rowsState.set(null);
          this.cursorsState.set(NO_CURSORS);
        } else {
          this.hasFailedState.set(true);
        }
        return EMPTY;
      }),
      finalize(() => this.isLoadingState.set(false)),
    );
  }
}
