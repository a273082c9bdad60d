import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  type ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Subject, debounceTime } from 'rxjs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import type { ProblemDetails } from '@hookport/contracts';

import type { MessageFilters } from '../api/portal-api';
import { EndpointsApi } from '../endpoints/endpoints-api';
import { I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { TranslatePipe } from '../i18n/translate.pipe';
import { SessionScopes } from '../shell/session-scopes';
import { DeliveryStatusBadge } from './delivery-status-badge';
import { deliveryStatusLabel, type DeliveryStatus } from './delivery-status';
import { LiveStream } from './live-stream';
import { MessageLog } from './message-log';
import {
  FILTER_NAMES,
  hasFilters,
  instantOfLocalInput,
  localInputValue,
  paramsOfQuery,
  queryFromParams,
  sameQuery,
  type FilterName,
  type MessageQuery,
} from './message-query';
import type { EndpointOut } from '@hookport/client/types';

/** The delivery log: every message with the state of its delivery to each endpoint. */
@Component({
  selector: 'hp-message-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, DeliveryStatusBadge, RouterLink],
  providers: [MessageLog, LiveStream],
  template: `
    <section class="log" aria-labelledby="message-list-title">
      <div class="log__bar">
        <h2 id="message-list-title" class="log__title">{{ 'messages.title' | t }}</h2>
        <span
          class="log__live"
          data-testid="live-indicator"
          [class.log__live--on]="live.connected()"
        >
          <span class="log__dot" aria-hidden="true"></span>
          {{ (live.connected() ? 'messages.live.on' : 'messages.live.off') | t }}
        </span>
        <button
          type="button"
          class="button"
          data-testid="refresh-messages"
          [attr.aria-busy]="log.isLoading()"
          (click)="log.refresh()"
        >
          {{ 'messages.refresh' | t }}
        </button>
      </div>

      <form class="filters" role="search" (submit)="$event.preventDefault(); applyFilters()" #form>
        <label class="filters__field filters__field--wide">
          <span>{{ 'messages.filter.search' | t }}</span>
          <input
            type="search"
            name="search"
            data-testid="filter-search"
            [placeholder]="'messages.filter.searchHint' | t"
            [attr.aria-invalid]="fieldErrors()['search'] ? true : null"
            [attr.aria-describedby]="fieldErrors()['search'] ? 'filter-error-search' : null"
            (input)="typing.next()"
            (change)="applyFilters()"
          />
          @if (fieldErrors()['search']; as key) {
            <span
              class="filters__error"
              id="filter-error-search"
              data-testid="filter-error-search"
              >{{ key | t }}</span
            >
          }
        </label>
        <label class="filters__field">
          <span>{{ 'messages.filter.status' | t }}</span>
          <select
            name="status"
            data-testid="filter-status"
            [attr.aria-invalid]="fieldErrors()['status'] ? true : null"
            [attr.aria-describedby]="fieldErrors()['status'] ? 'filter-error-status' : null"
            (change)="applyFilters()"
          >
            <option value="">{{ 'messages.filter.any' | t }}</option>
            @for (status of statuses; track status) {
              <option [value]="status" [selected]="status === filters().status">
                {{ statusLabel(status) | t }}
              </option>
            }
          </select>
          @if (fieldErrors()['status']; as key) {
            <span
              class="filters__error"
              id="filter-error-status"
              data-testid="filter-error-status"
              >{{ key | t }}</span
            >
          }
        </label>
        <label class="filters__field">
          <span>{{ 'messages.filter.eventType' | t }}</span>
          <input
            type="text"
            name="eventType"
            data-testid="filter-event-type"
            [attr.aria-invalid]="fieldErrors()['eventType'] ? true : null"
            [attr.aria-describedby]="fieldErrors()['eventType'] ? 'filter-error-eventType' : null"
            (input)="typing.next()"
            (change)="applyFilters()"
          />
          @if (fieldErrors()['eventType']; as key) {
            <span
              class="filters__error"
              id="filter-error-eventType"
              data-testid="filter-error-eventType"
              >{{ key | t }}</span
            >
          }
        </label>
        @if (scopes.has('endpoints:read')) {
          <label class="filters__field">
            <span>{{ 'messages.filter.endpoint' | t }}</span>
            <select
              name="endpointId"
              data-testid="filter-endpoint"
              [attr.aria-invalid]="fieldErrors()['endpointId'] ? true : null"
              [attr.aria-describedby]="
                fieldErrors()['endpointId'] ? 'filter-error-endpointId' : null
              "
              (change)="applyFilters()"
            >
              <option value="">{{ 'messages.filter.anyEndpoint' | t }}</option>
              @for (endpoint of endpoints(); track endpoint.id) {
                <option [value]="endpoint.id" [selected]="endpoint.id === filters().endpointId">
                  {{ endpoint.url }}
                </option>
              }
              <!-- An endpoint the list does not hold (deleted since): still the filter in use. -->
              @if (filters().endpointId; as id) {
                @if (!endpointUrls().has(id)) {
                  <option [value]="id" selected>{{ id }}</option>
                }
              }
            </select>
            @if (fieldErrors()['endpointId']; as key) {
              <span
                class="filters__error"
                id="filter-error-endpointId"
                data-testid="filter-error-endpointId"
                >{{ key | t }}</span
              >
            }
          </label>
        }
        <label class="filters__field">
          <span>{{ 'messages.filter.after' | t }}</span>
          <input
            type="datetime-local"
            name="after"
            data-testid="filter-after"
            [attr.aria-invalid]="fieldErrors()['after'] ? true : null"
            [attr.aria-describedby]="fieldErrors()['after'] ? 'filter-error-after' : null"
            (change)="applyFilters()"
          />
          @if (fieldErrors()['after']; as key) {
            <span class="filters__error" id="filter-error-after" data-testid="filter-error-after">{{
              key | t
            }}</span>
          }
        </label>
        <label class="filters__field">
          <span>{{ 'messages.filter.before' | t }}</span>
          <input
            type="datetime-local"
            name="before"
            data-testid="filter-before"
            [attr.aria-invalid]="fieldErrors()['before'] ? true : null"
            [attr.aria-describedby]="fieldErrors()['before'] ? 'filter-error-before' : null"
            (change)="applyFilters()"
          />
          @if (fieldErrors()['before']; as key) {
            <span
              class="filters__error"
              id="filter-error-before"
              data-testid="filter-error-before"
              >{{ key | t }}</span
            >
          }
        </label>
      </form>

      <div aria-live="polite">
        @if (log.hasFailed()) {
          <p class="log__error" data-testid="messages-error">{{ 'messages.loadFailed' | t }}</p>
        }
      </div>
      @if (log.rejection()) {
        <div class="log__error" role="alert" data-testid="messages-rejected">
          <p>{{ 'messages.rejected' | t }}</p>
          <button type="button" class="button" data-testid="clear-filters" (click)="clearFilters()">
            {{ 'messages.clearFilters' | t }}
          </button>
        </div>
      }

      @let rows = log.rows();
      @if (rows === null) {
        @if (!log.hasFailed() && !log.rejection()) {
          <p class="log__status" role="status">{{ 'messages.loading' | t }}</p>
        }
      } @else if (rows.length === 0 && isFiltered()) {
        <div class="log__empty" role="status" data-testid="messages-no-match">
          <p class="log__empty-title">{{ 'messages.noMatch' | t }}</p>
          <p class="log__empty-detail">{{ 'messages.noMatchDetail' | t }}</p>
          <button type="button" class="button" data-testid="clear-filters" (click)="clearFilters()">
            {{ 'messages.clearFilters' | t }}
          </button>
        </div>
      } @else if (rows.length === 0) {
        <div class="log__empty" role="status" data-testid="messages-empty">
          <p class="log__empty-title">{{ 'messages.empty' | t }}</p>
          <p class="log__empty-detail">{{ 'messages.emptyDetail' | t }}</p>
        </div>
      } @else {
        <!-- Focusable so that keyboard users can scroll a table wider than the frame. -->
        <div class="log__scroll" tabindex="0" role="region" aria-labelledby="message-list-title">
          <table class="table" data-testid="message-table">
            <caption>
              {{
                'messages.caption' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'messages.column.id' | t }}</th>
                <th scope="col">{{ 'messages.column.eventType' | t }}</th>
                <th scope="col">{{ 'messages.column.time' | t }}</th>
                <th scope="col">{{ 'messages.column.status' | t }}</th>
                <th scope="col" class="table__numeric">{{ 'messages.column.responseCode' | t }}</th>
                <th scope="col">{{ 'messages.column.endpoint' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows; track row.id) {
                <tr data-testid="message-row" [attr.data-message-id]="row.id">
                  <th scope="row">
                    <a [routerLink]="['/messages', row.id]" data-testid="message-link">
                      <code class="id">{{ row.id }}</code>
                    </a>
                  </th>
                  <td>{{ row.eventType }}</td>
                  <td>
                    <time [attr.datetime]="row.timestamp">{{
                      i18n.formatDateTime(row.timestamp)
                    }}</time>
                  </td>
                  <!-- One line per delivery in each of the last three cells, aligned by equal heights. -->
                  @if (row.deliveries.length === 0) {
                    <td colspan="3" class="muted">{{ 'messages.noDeliveries' | t }}</td>
                  } @else {
                    <td>
                      <ul class="stack">
                        @for (delivery of row.deliveries; track delivery.endpointId) {
                          <li><hp-delivery-status-badge [status]="delivery.status" /></li>
                        }
                      </ul>
                    </td>
                    <td class="table__numeric">
                      <ul class="stack">
                        @for (delivery of row.deliveries; track delivery.endpointId) {
                          <li>
                            <span data-testid="response-code">
                              @if (delivery.lastResponseStatus === null) {
                                <span aria-hidden="true">—</span>
                                <span class="visually-hidden">{{ 'messages.noResponse' | t }}</span>
                              } @else {
                                {{ delivery.lastResponseStatus }}
                              }
                            </span>
                          </li>
                        }
                      </ul>
                    </td>
                    <td>
                      <ul class="stack">
                        @for (delivery of row.deliveries; track delivery.endpointId) {
                          <li data-testid="delivery-endpoint">
                            @if (endpointUrls().get(delivery.endpointId); as url) {
                              <span class="url" [title]="delivery.endpointId">{{ url }}</span>
                            } @else {
                              <code class="id">{{ delivery.endpointId }}</code>
                            }
                          </li>
                        }
                      </ul>
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
        <nav class="pager" [attr.aria-label]="'messages.page.label' | t">
          <button
            type="button"
            class="button"
            data-testid="page-newer"
            [disabled]="log.cursors().newer === null"
            (click)="goToPage(log.cursors().newer)"
          >
            {{ 'messages.page.newer' | t }}
          </button>
          <button
            type="button"
            class="button"
            data-testid="page-older"
            [disabled]="log.cursors().older === null"
            (click)="goToPage(log.cursors().older)"
          >
            {{ 'messages.page.older' | t }}
          </button>
        </nav>
      }
    </section>
  `,
  styles: `
    .log__bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--hp-space-3);
      margin-bottom: var(--hp-space-4);
    }
    .log__live {
      display: inline-flex;
      align-items: center;
      gap: var(--hp-space-2);
      margin-inline-start: auto;
      color: var(--hp-muted);
      font-size: var(--hp-text-sm);
    }
    .log__dot {
      width: 0.55rem;
      height: 0.55rem;
      border-radius: 50%;
      background: var(--hp-border);
    }
    .log__live--on .log__dot {
      background: var(--hp-success-fg);
    }
    /* Even columns that fill the row at any width; the search box gets a row of its own. */
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
      gap: var(--hp-space-3);
      margin-bottom: var(--hp-space-4);
    }
    .filters__field {
      display: grid;
      gap: var(--hp-space-1);
      min-width: 0;
      font-size: var(--hp-text-sm);
      color: var(--hp-muted);
    }
    .filters__field--wide {
      grid-column: 1 / -1;
    }
    .filters input,
    .filters select {
      font-size: var(--hp-text-sm);
    }
    .filters__error {
      color: var(--hp-danger-fg);
      font-weight: 600;
    }
    .filters [aria-invalid='true'] {
      border-color: var(--hp-danger-fg);
    }
    .pager {
      display: flex;
      justify-content: flex-end;
      gap: var(--hp-space-2);
      margin-top: var(--hp-space-3);
    }
    /* URLs wrap anywhere: a long one makes its row taller, never the table wider. */
    .url {
      font-family: var(--hp-mono);
      font-size: var(--hp-text-xs);
      overflow-wrap: anywhere;
    }
    .log__title {
      margin: 0;
      font-size: var(--hp-text-xl);
    }
    .log__error {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--hp-space-2);
      margin: 0 0 var(--hp-space-4);
      padding: var(--hp-space-3) var(--hp-space-4);
      border: 1px solid var(--hp-danger-border);
      border-radius: var(--hp-radius);
      color: var(--hp-danger-fg);
      background: var(--hp-danger-bg);
    }
    .log__error p {
      margin: 0;
    }
    .log__status {
      color: var(--hp-muted);
    }
    .log__empty {
      padding: var(--hp-space-12) var(--hp-space-4);
      border: 1px dashed var(--hp-border);
      border-radius: var(--hp-radius);
      text-align: center;
    }
    .log__empty-title {
      margin: 0 0 var(--hp-space-1);
      font-size: var(--hp-text-lg);
      font-weight: 600;
    }
    .log__empty-detail {
      margin: 0;
      color: var(--hp-muted);
    }
    .log__scroll {
      /* Contains the visually hidden texts, which would otherwise widen the page. */
      position: relative;
      overflow-x: auto;
      border: 1px solid var(--hp-border);
      border-radius: var(--hp-radius);
    }
    .table {
      width: 100%;
      border-collapse: collapse;
      font-size: var(--hp-text-sm);
    }
    caption {
      padding: var(--hp-space-3) var(--hp-space-4);
      text-align: start;
      color: var(--hp-muted);
      border-bottom: 1px solid var(--hp-border);
    }
    th,
    td {
      padding: var(--hp-space-3) var(--hp-space-3);
      text-align: start;
      vertical-align: top;
      border-bottom: 1px solid var(--hp-border);
    }
    tbody tr:last-child > * {
      border-bottom: 0;
    }
    thead th {
      font-weight: 600;
      background: var(--hp-surface);
    }
    tbody th {
      font-weight: 400;
    }
    tbody tr:hover {
      background: var(--hp-row-hover);
    }
    .table__numeric {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .id {
      font-family: var(--hp-mono);
      font-size: var(--hp-text-xs);
      white-space: nowrap;
    }
    .stack {
      display: grid;
      gap: var(--hp-space-1);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .stack > li {
      min-height: 1.5rem;
      display: flex;
      align-items: center;
    }
    .table__numeric .stack > li {
      justify-content: flex-end;
    }
    .muted {
      color: var(--hp-muted);
    }
    /* Date and time may take two lines: the endpoint's URL needs the width more. */
    time {
      display: inline-block;
      min-width: 7rem;
    }
  `,
})
export class MessageList {
  protected readonly log = inject(MessageLog);
  protected readonly i18n = inject(I18n);
  protected readonly live = inject(LiveStream);
  protected readonly scopes = inject(SessionScopes);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly form = viewChild.required<ElementRef<HTMLFormElement>>('form');

  // In the order a reader looks for them: the outcome first.
  protected readonly statuses = [
    'succeeded',
    'failed',
    'retrying',
    'pending',
  ] as const satisfies readonly DeliveryStatus[];
  protected readonly statusLabel = deliveryStatusLabel;
  /** Keystrokes in a text filter: it applies once the reader pauses. */
  protected readonly typing = new Subject<void>();
  /** The application's endpoints: the endpoint filter's choices, and URLs to show for ids. */
  protected readonly endpoints = signal<readonly EndpointOut[]>([]);
  protected readonly endpointUrls = computed(
    () => new Map(this.endpoints().map((endpoint) => [endpoint.id, endpoint.url])),
  );
  protected readonly filters = computed(() => this.log.query().filters);
  /** An empty page then means "nothing matches", not "nothing sent yet". */
  protected readonly isFiltered = computed(
    () => hasFilters(this.filters()) || this.log.query().iterator !== null,
  );
  /** The refused filters, each with the message to show beside it. */
  protected readonly fieldErrors = computed(() =>
    filterErrorsOf(this.log.rejection(), this.filters()),
  );

  constructor() {
    // New messages and attempts reload the page shown (bunched: one reload per burst).
    this.live.events
      .pipe(debounceTime(250), takeUntilDestroyed())
      .subscribe(() => this.log.refresh());
    this.live.start();
    // The address bar holds the query: Back, Forward and reload show what they point at.
    this.route.queryParamMap
      .pipe(takeUntilDestroyed())
      .subscribe((params) => this.log.show(queryFromParams((name) => params.get(name))));
    this.typing
      .pipe(debounceTime(TYPING_PAUSE_MS), takeUntilDestroyed())
      .subscribe(() => this.applyFilters());
    if (this.scopes.has('endpoints:read')) {
      inject(EndpointsApi)
        .list()
        .pipe(takeUntilDestroyed())
        // Without the list the log still works, showing endpoint ids.
        .subscribe({ next: (page) => this.endpoints.set(page.data), error: () => undefined });
    }
    // The text and time fields follow the query when it changes from outside (Back, reload);
    // selects follow through their options' bindings.
    afterRenderEffect(() => syncFields(this.form().nativeElement, this.filters()));
    // Paged forward back to the newest messages: show the newest from now on, new ones too.
    effect(() => {
      const query = this.log.query();
      const isBackward = query.iterator?.startsWith('-') ?? false;
      if (isBackward && this.log.rows() !== null && this.log.cursors().newer === null) {
        untracked(() => this.navigate({ ...query, iterator: null }, true));
      }
    });
  }

  protected applyFilters(): void {
    const data = new FormData(this.form().nativeElement);
    const value = (name: FilterName) => String(data.get(name) ?? '').trim();
    const filters: MessageFilters = {};
    for (const name of FILTER_NAMES) {
      // The time inputs hold the reader's local time; the API takes instants.
      const given =
        name === 'after' || name === 'before' ? instantOfLocalInput(value(name)) : value(name);
      if (given) filters[name] = given;
    }
    // The endpoint filter is left out of the form without the scope to list endpoints.
    if (!this.scopes.has('endpoints:read') && this.filters().endpointId) {
      filters.endpointId = this.filters().endpointId;
    }
    // Other filters, other pages: start from the newest again.
    this.navigate({ filters, iterator: null });
  }

  protected clearFilters(): void {
    this.navigate({ filters: {}, iterator: null });
  }

  protected goToPage(iterator: string | null): void {
    if (iterator !== null) this.navigate({ filters: this.filters(), iterator });
  }

  private navigate(query: MessageQuery, replaceUrl = false): void {
    // Re-applying the query shown (blur after Enter) adds no step to Back.
    if (sameQuery(query, this.log.query())) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: paramsOfQuery(query),
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}

/** How long a text filter waits after the last keystroke before it applies. */
const TYPING_PAUSE_MS = 400;

/** Sets the text and time fields to the query, leaving alone those that already say the same. */
function syncFields(form: HTMLFormElement, filters: MessageFilters): void {
  for (const name of ['search', 'eventType'] as const) {
    const input = form.elements.namedItem(name) as HTMLInputElement | null;
    if (input && input.value.trim() !== (filters[name] ?? '')) input.value = filters[name] ?? '';
  }
  for (const name of ['after', 'before'] as const) {
    const input = form.elements.namedItem(name) as HTMLInputElement | null;
    if (input && instantOfLocalInput(input.value) !== (filters[name] ?? '')) {
      input.value = localInputValue(filters[name]);
    }
  }
}

/** Each refused filter of a 4xx answer with the message key to show beside it. */
function filterErrorsOf(
  rejection: ProblemDetails | null,
  filters: MessageFilters,
): Partial<Record<FilterName, MessageKey>> {
  const errors: Partial<Record<FilterName, MessageKey>> = {};
  for (const { field } of rejection?.errors ?? []) {
    if (!(FILTER_NAMES as readonly string[]).includes(field)) continue;
    const name = field as FilterName;
    const isReversedRange =
      (name === 'after' || name === 'before') &&
      Boolean(filters.after && filters.before && filters.after >= filters.before);
    errors[name] = isReversedRange
      ? 'messages.filter.invalid.range'
      : name === 'search'
        ? 'messages.filter.invalid.search'
        : 'messages.filter.invalid.value';
  }
  return errors;
}
