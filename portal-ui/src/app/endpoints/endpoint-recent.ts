import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { RouterLink } from '@angular/router';

import { PortalApi } from '../api/portal-api';
import type { MessageLogRowOut } from '@hookport/client';
import { I18n } from '../i18n/i18n';
import { TranslatePipe } from '../i18n/translate.pipe';
import { DeliveryStatusBadge } from '../messages/delivery-status-badge';
import { nextTryAt } from './endpoint-state';

/** How many of the endpoint's latest deliveries its page lists. */
const SHOWN = 10;

/** An endpoint's latest deliveries: what arrived, when, and how it answered. */
@Component({
  selector: 'hp-endpoint-recent',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, RouterLink, DeliveryStatusBadge],
  template: `
    <section class="card" aria-labelledby="recent-title" data-testid="endpoint-recent">
      <h3 id="recent-title">{{ 'endpoints.recent.title' | t }}</h3>
      @if (failed()) {
        <p class="alert" role="alert">{{ 'messages.loadFailed' | t }}</p>
      }
      @let rows = recent();
      @if (rows !== null && rows.length === 0) {
        <p class="hint" role="status">{{ 'endpoints.recent.none' | t }}</p>
      } @else if (rows !== null) {
        <div class="table-frame" tabindex="0" role="region" aria-labelledby="recent-title">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{{ 'messages.column.id' | t }}</th>
                <th scope="col">{{ 'messages.column.eventType' | t }}</th>
                <th scope="col">{{ 'messages.column.time' | t }}</th>
                <th scope="col">{{ 'messages.column.status' | t }}</th>
                <th scope="col">{{ 'messages.column.responseCode' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows; track row.message.id) {
                <tr data-testid="recent-row" [attr.data-message-id]="row.message.id">
                  <th scope="row">
                    <a [routerLink]="['/messages', row.message.id]" class="mono">{{
                      row.message.id
                    }}</a>
                  </th>
                  <td>{{ row.message.eventType }}</td>
                  <td>
                    <time [attr.datetime]="row.message.timestamp">{{
                      i18n.formatDateTime(row.message.timestamp)
                    }}</time>
                  </td>
                  <td>
                    @if (row.delivery) {
                      <hp-delivery-status-badge [status]="row.delivery.status" />
                      @if (nextTry(row.delivery.nextAttemptAt); as due) {
                        <span class="due" data-testid="recent-next-try">{{
                          'endpoints.recent.nextTry' | t: { time: i18n.formatDateTime(due) }
                        }}</span>
                      }
                    }
                  </td>
                  <td data-testid="recent-response-code">
                    {{ row.delivery?.lastResponseStatus ?? '—' }}
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
  styles: `
    .due {
      display: block;
      margin-top: var(--hp-space-1);
      color: var(--hp-muted);
      font-size: var(--hp-text-sm);
      white-space: nowrap;
    }
  `,
})
export class EndpointRecent implements OnInit {
  readonly endpointId = input.required<string>();
  /** Until when the endpoint's open circuit holds its deliveries; null when it does not. */
  readonly pausedUntil = input<string | null>(null);

  private readonly api = inject(PortalApi);
  protected readonly i18n = inject(I18n);
  protected readonly recent = signal<
    | readonly {
        message: MessageLogRowOut;
        delivery: MessageLogRowOut['deliveries'][number] | undefined;
      }[]
    | null
  >(null);
  protected readonly failed = signal(false);

  protected nextTry(nextAttemptAt: string | null): string | null {
    return nextTryAt(nextAttemptAt, this.pausedUntil());
  }

  ngOnInit(): void {
    const endpointId = this.endpointId();
    this.api.listMessages({ endpointId }).subscribe({
      next: (page) =>
        this.recent.set(
          page.data.slice(0, SHOWN).map((message) => ({
            message,
            delivery: message.deliveries.find((delivery) => delivery.endpointId === endpointId),
          })),
        ),
      error: () => this.failed.set(true),
    });
  }
}
