import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { RouterLink } from '@angular/router';

import { problemMessage } from '../endpoints/problem-message';
import { I18n } from '../i18n/i18n';
import { TranslatePipe } from '../i18n/translate.pipe';
import { SessionScopes } from '../shell/session-scopes';
import { DeliveryStatusBadge } from './delivery-status-badge';
import {
  MessageDetailApi,
  type PortalAttempt,
  type PortalMessageDetail,
} from './message-detail-api';

/** One message: its payload, each endpoint's delivery with every attempt, and retry. */
@Component({
  selector: 'hp-message-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, RouterLink, DeliveryStatusBadge],
  template: `
    <div class="page-bar">
      <a routerLink="/messages">{{ 'common.back' | t }}</a>
    </div>
    @if (error(); as message) {
      <p class="alert" role="alert" data-testid="message-error">{{ message }}</p>
    }
    @if (message(); as msg) {
      <section class="card" aria-labelledby="message-title" data-testid="message-detail">
        <h2 id="message-title" class="page-title">{{ msg.eventType }}</h2>
        <dl class="facts">
          <dt>{{ 'messages.column.id' | t }}</dt>
          <dd class="mono">{{ msg.id }}</dd>
          @if (msg.eventId) {
            <dt>{{ 'message.eventId' | t }}</dt>
            <dd class="mono">{{ msg.eventId }}</dd>
          }
          <dt>{{ 'messages.column.time' | t }}</dt>
          <dd>
            <time [attr.datetime]="msg.timestamp">{{ i18n.formatDateTime(msg.timestamp) }}</time>
          </dd>
        </dl>
        <h3>{{ 'message.payload' | t }}</h3>
        <pre class="code-block" tabindex="0" data-testid="message-payload">{{
          pretty(msg.payload)
        }}</pre>
      </section>

      @for (delivery of msg.deliveries; track delivery.endpointId) {
        <section class="card" data-testid="delivery" [attr.data-endpoint-id]="delivery.endpointId">
          <div class="page-bar">
            <!-- The URL its attempts went to; the id until there is one. -->
            <h3 class="mono" [attr.title]="delivery.endpointId" data-testid="delivery-endpoint">
              {{ attemptsOf(delivery.endpointId)[0]?.url ?? delivery.endpointId }}
            </h3>
            <hp-delivery-status-badge [status]="delivery.status" />
          </div>
          @if (delivery.nextAttemptAt) {
            <p class="hint" data-testid="delivery-next-try">
              {{ 'message.nextTry' | t: { time: i18n.formatDateTime(delivery.nextAttemptAt) } }}
            </p>
          }
          @if (scopes.has('messages:retry')) {
            <button
              type="button"
              class="button button--secondary"
              data-testid="retry-delivery"
              [disabled]="retrying() === delivery.endpointId"
              (click)="retry(msg.id, delivery.endpointId)"
            >
              {{ 'message.retry' | t }}
            </button>
            @if (retried() === delivery.endpointId) {
              <p class="alert alert--success" role="status" data-testid="retry-queued">
                {{ 'message.retryQueued' | t }}
              </p>
            }
          }
          @for (attempt of attemptsOf(delivery.endpointId); track attempt.id) {
            <details class="attempt" data-testid="attempt" [open]="$last">
              <summary>
                <span>#{{ attempt.attemptNumber }}</span>
                <span data-testid="attempt-status">
                  {{ attempt.responseStatus ?? attempt.errorClass ?? '—' }}
                </span>
                <span>{{ attempt.durationMs }} ms</span>
                <time [attr.datetime]="attempt.timestamp">{{
                  i18n.formatDateTime(attempt.timestamp)
                }}</time>
                <span class="hint">{{ attempt.trigger }}</span>
              </summary>
              @if (attempt.errorMessage) {
                <p class="alert">{{ attempt.errorMessage }}</p>
              }
              <h4>{{ 'message.request' | t }}</h4>
              <pre class="code-block" tabindex="0">
POST {{ attempt.url }}
{{ headers(attempt.requestHeaders) }}</pre
              >
              <h4>{{ 'message.response' | t }}</h4>
              <pre class="code-block" tabindex="0" data-testid="attempt-response"
                >{{ attempt.responseStatus ?? '' }}
{{ headers(attempt.responseHeaders) }}

{{ attempt.responseBody }}</pre
              >
            </details>
          } @empty {
            <p class="hint">{{ 'message.noAttempts' | t }}</p>
          }
        </section>
      } @empty {
        <p class="card hint">{{ 'messages.noDeliveries' | t }}</p>
      }
    } @else if (!error()) {
      <p class="hint" role="status">{{ 'messages.loading' | t }}</p>
    }
  `,
  styles: `
    .attempt {
      margin-top: var(--hp-space-3);
      border-top: 1px solid var(--hp-border);
      padding-top: var(--hp-space-2);
    }
    .attempt summary {
      display: flex;
      flex-wrap: wrap;
      gap: var(--hp-space-4);
      cursor: pointer;
      font-variant-numeric: tabular-nums;
    }
    h4 {
      margin: var(--hp-space-3) 0 var(--hp-space-1);
      font-size: var(--hp-text-sm);
    }
  `,
})
export class MessageDetail implements OnInit {
  /** The message id, from the route. */
  readonly id = input.required<string>();

  private readonly api = inject(MessageDetailApi);
  protected readonly i18n = inject(I18n);
  protected readonly scopes = inject(SessionScopes);

  protected readonly message = signal<PortalMessageDetail | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly retrying = signal<string | null>(null);
  protected readonly retried = signal<string | null>(null);
  private readonly attemptsByEndpoint = computed(() => {
    const grouped = new Map<string, PortalAttempt[]>();
    for (const attempt of this.message()?.attempts ?? []) {
      grouped.set(attempt.endpointId, [...(grouped.get(attempt.endpointId) ?? []), attempt]);
    }
    return grouped;
  });

  ngOnInit(): void {
    this.load();
  }

  protected attemptsOf(endpointId: string): PortalAttempt[] {
    return this.attemptsByEndpoint().get(endpointId) ?? [];
  }

  protected pretty(value: unknown): string {
    return JSON.stringify(value, null, 2);
  }

  protected headers(headers: Record<string, string>): string {
    return Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
  }

  protected retry(messageId: string, endpointId: string): void {
    this.retrying.set(endpointId);
    this.api.retry(messageId, endpointId).subscribe({
      next: () => {
        this.retrying.set(null);
        this.retried.set(endpointId);
        // The new attempt shows once delivered; a reload a moment later picks it up.
        setTimeout(() => this.load(), 1_500);
      },
      error: (failure: unknown) => {
        this.retrying.set(null);
        this.error.set(this.i18n.t(problemMessage(failure, 'endpoints.actionFailed')));
      },
    });
  }

  private load(): void {
    this.api.get(this.id()).subscribe({
      next: (message) => this.message.set(message),
      error: (failure: unknown) =>
        this.error.set(this.i18n.t(problemMessage(failure, 'messages.loadFailed'))),
    });
  }
}
