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

import type { PortalMessageRow } from '@hookport/contracts';

import { PortalApi, type MessageFilters } from '../api/portal-api';

/** How often the delivery log is reloaded besides what the live stream triggers. */
export const MESSAGE_POLL_INTERVAL_MS = new InjectionToken<number>('MESSAGE_POLL_INTERVAL_MS', {
  providedIn: 'root',
  factory: () => 2_000,
});

/**
 * The delivery log's rows, kept fresh by polling. Provided by the view that shows it, so
 * polling stops when that view goes away.
 */
@Injectable()
export class MessageLog {
  private readonly api = inject(PortalApi);
  private readonly pollIntervalMs = inject(MESSAGE_POLL_INTERVAL_MS);
  private readonly refreshRequests = new Subject<void>();

  private readonly rowsState = signal<readonly PortalMessageRow[] | null>(null);
  private readonly filtersState = signal<MessageFilters>({});
  private readonly isLoadingState = signal(false);
  private readonly hasFailedState = signal(false);

  /** The newest page of messages; null until the first answer. */
  readonly rows = this.rowsState.asReadonly();
  readonly isLoading = this.isLoadingState.asReadonly();
  /** The last load failed; the rows shown (if any) are from an earlier one. */
  readonly hasFailed = this.hasFailedState.asReadonly();
  readonly filters = this.filtersState.asReadonly();

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

  /** Shows only the matching messages, from now on (and reloads at once). */
  filter(filters: MessageFilters): void {
    this.filtersState.set(filters);
    this.refresh();
  }

  private load(): Observable<unknown> {
    this.isLoadingState.set(true);
    return this.api.listMessages(this.filtersState()).pipe(
      tap((page) => {
        this.rowsState.set(page.data);
        this.hasFailedState.set(false);
      }),
      catchError(() => {
        this.hasFailedState.set(true);
        return EMPTY;
      }),
      finalize(() => this.isLoadingState.set(false)),
    );
  }
}
