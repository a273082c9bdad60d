import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { debounceTime } from 'rxjs';
import { RouterLink } from '@angular/router';

import { I18n } from '../i18n/i18n';
import { TranslatePipe } from '../i18n/translate.pipe';
import { DeliveryStatusBadge } from './delivery-status-badge';
import { LiveStream } from './live-stream';
import { MessageLog } from './message-log';

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

      <form
        class="filters"
        role="search"
        (submit)="$event.preventDefault(); applyFilters(form)"
        #form
      >
        <label class="filters__field filters__field--wide">
          <span>{{ 'messages.filter.search' | t }}</span>
          <input
            type="search"
            name="search"
            data-testid="filter-search"
            [placeholder]="'messages.filter.searchHint' | t"
            (change)="applyFilters(form)"
          />
        </label>
        <label class="filters__field">
          <span>{{ 'messages.filter.status' | t }}</span>
          <select name="status" data-testid="filter-status" (change)="applyFilters(form)">
            <option value="">{{ 'messages.filter.any' | t }}</option>
            <option value="succeeded">{{ 'delivery.status.succeeded' | t }}</option>
            <option value="failed">{{ 'delivery.status.failed' | t }}</option>
            <option value="retrying">{{ 'delivery.status.retrying' | t }}</option>
            <option value="pending">{{ 'delivery.status.pending' | t }}</option>
          </select>
        </label>
        <label class="filters__field">
          <span>{{ 'messages.filter.eventType' | t }}</span>
          <input
            type="text"
            name="eventType"
            data-testid="filter-event-type"
            (change)="applyFilters(form)"
          />
        </label>
        <label class="filters__field">
          <span>{{ 'messages.filter.endpoint' | t }}</span>
          <input
            type="text"
            name="endpointId"
            data-testid="filter-endpoint"
            placeholder="ep_…"
            (change)="applyFilters(form)"
          />
        </label>
        <label class="filters__field">
          <span>{{ 'messages.filter.after' | t }}</span>
          <input
            type="datetime-local"
            name="after"
            data-testid="filter-after"
            (change)="applyFilters(form)"
          />
        </label>
        <label class="filters__field">
          <span>{{ 'messages.filter.before' | t }}</span>
          <input
            type="datetime-local"
            name="before"
            data-testid="filter-before"
            (change)="applyFilters(form)"
          />
        </label>
      </form>

      <div aria-live="polite">
        @if (log.hasFailed()) {
          <p class="log__error" data-testid="messages-error">{{ 'messages.loadFailed' | t }}</p>
        }
      </div>

      @let rows = log.rows();
      @if (rows === null) {
        @if (!log.hasFailed()) {
          <p class="log__status" role="status">{{ 'messages.loading' | t }}</p>
        }
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
                          <li>
                            <code class="id">{{ delivery.endpointId }}</code>
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
      }
    </section>
  `,
  styles: `
    .log__bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem;
      margin-bottom: 1rem;
    }
    .log__live {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      margin-inline-start: auto;
      color: var(--hp-muted);
      font-size: 0.8125rem;
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
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-bottom: 1rem;
    }
    .filters__field {
      display: grid;
      gap: 0.25rem;
      flex: 1 1 9rem;
      font-size: 0.8125rem;
      color: var(--hp-muted);
    }
    .filters__field--wide {
      flex: 2 1 14rem;
    }
    .filters input,
    .filters select {
      min-height: 2.25rem;
      padding: 0.35rem 0.5rem;
      border: 1px solid var(--hp-border);
      border-radius: var(--hp-radius);
      color: var(--hp-fg);
      background: var(--hp-bg);
      font: inherit;
      font-size: 0.875rem;
    }
    .log__title {
      margin: 0;
      font-size: 1.25rem;
    }
    .log__error {
      margin: 0 0 1rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--hp-danger-border);
      border-radius: var(--hp-radius);
      color: var(--hp-danger-fg);
      background: var(--hp-danger-bg);
    }
    .log__status {
      color: var(--hp-muted);
    }
    .log__empty {
      padding: 3rem 1rem;
      border: 1px dashed var(--hp-border);
      border-radius: var(--hp-radius);
      text-align: center;
    }
    .log__empty-title {
      margin: 0 0 0.25rem;
      font-size: 1.125rem;
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
      font-size: 0.875rem;
    }
    caption {
      padding: 0.75rem 1rem;
      text-align: start;
      color: var(--hp-muted);
      border-bottom: 1px solid var(--hp-border);
    }
    th,
    td {
      padding: 0.6rem 0.75rem;
      text-align: start;
      vertical-align: top;
      border-bottom: 1px solid var(--hp-border);
    }
    tbody tr:last-child > * {
      border-bottom: 0;
    }
    thead th {
      font-weight: 600;
      white-space: nowrap;
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
      font-size: 0.75rem;
      white-space: nowrap;
    }
    .stack {
      display: grid;
      gap: 0.35rem;
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
    time {
      white-space: nowrap;
    }
  `,
})
export class MessageList {
  protected readonly log = inject(MessageLog);
  protected readonly i18n = inject(I18n);
  protected readonly live = inject(LiveStream);

  constructor() {
    // New messages and attempts reload the page shown (bunched: one reload per burst).
    this.live.events
      .pipe(debounceTime(250), takeUntilDestroyed())
      .subscribe(() => this.log.refresh());
    this.live.start();
  }

  protected applyFilters(form: HTMLFormElement): void {
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const search = value('search');
    // The inputs hold the reader's local time; the API takes instants.
    const instant = (name: string) => {
      const local = value(name);
      const at = local ? new Date(local) : null;
      return at && !Number.isNaN(at.getTime()) ? at.toISOString() : '';
    };
    this.log.filter({
      status: value('status'),
      eventType: value('eventType'),
      endpointId: value('endpointId'),
      // The API searches from 1 character (ids); payload text needs 3.
      search,
      after: instant('after'),
      before: instant('before'),
    });
  }
}
