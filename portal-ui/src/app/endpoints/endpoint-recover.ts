import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';

import { I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { TranslatePipe } from '../i18n/translate.pipe';
import { EndpointsApi } from './endpoints-api';
import { problemMessage } from './problem-message';

/** `datetime-local` value for `hours` ago, in the reader's time zone. */
export function localInputValue(hoursAgo: number, now = new Date()): string {
  const at = new Date(now.getTime() - hoursAgo * 3_600_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** Re-send an endpoint's failed deliveries since a time: count first, then confirm. */
@Component({
  selector: 'hp-endpoint-recover',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <section class="card" aria-labelledby="recover-title" data-testid="endpoint-recover">
      <h3 id="recover-title">{{ 'endpoints.recover.title' | t }}</h3>
      <p class="muted">{{ 'endpoints.recover.detail' | t }}</p>
      <label class="field">
        <span>{{ 'endpoints.recover.since' | t }}</span>
        <input
          type="datetime-local"
          data-testid="recover-since"
          [value]="since()"
          (change)="since.set($any($event.target).value); count.set(null)"
        />
      </label>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="recover-count"
          [disabled]="busy()"
          (click)="run(true)"
        >
          {{ 'endpoints.recover.count' | t }}
        </button>
        @if (count() !== null && count()! > 0) {
          <button
            type="button"
            class="button button--primary"
            data-testid="recover-confirm"
            [disabled]="busy()"
            (click)="run(false)"
          >
            {{ 'endpoints.recover.confirm' | t: { count: count()! } }}
          </button>
        }
      </div>
      <p aria-live="polite" data-testid="recover-result">
        @if (message(); as text) {
          {{ text | t: { count: shown() } }}
        }
        @if (retrying(); as still) {
          <span class="still" data-testid="recover-still-retrying">{{
            (still.nextRetryAt
              ? 'endpoints.recover.stillRetryingUntil'
              : 'endpoints.recover.stillRetrying'
            )
              | t
                : {
                    count: still.count,
                    time: still.nextRetryAt ? i18n.formatDateTime(still.nextRetryAt) : '',
                  }
          }}</span>
        }
        @if (error(); as problem) {
          <span class="error">{{ problem }}</span>
        }
      </p>
    </section>
  `,
  styles: `
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--hp-space-2);
    }
    .muted {
      color: var(--hp-muted);
    }
    .still {
      display: block;
    }
    .error {
      color: var(--hp-danger-fg);
    }
  `,
})
export class EndpointRecover {
  readonly endpointId = input.required<string>();
  private readonly api = inject(EndpointsApi);
  protected readonly since = signal(localInputValue(24));
  protected readonly count = signal<number | null>(null);
  protected readonly message = signal<MessageKey | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  /** The number the last answer reported. */
  protected readonly shown = signal(0);
  /** Deliveries that failed but are still on their retry schedule (not re-sent: not failed yet). */
  protected readonly retrying = signal<{ count: number; nextRetryAt: string | null } | null>(null);
  protected readonly i18n = inject(I18n);

  protected run(dryRun: boolean): void {
    const since = new Date(this.since());
    if (Number.isNaN(since.getTime())) return;
    this.busy.set(true);
    this.error.set(null);
    this.api.recover(this.endpointId(), since.toISOString(), dryRun).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.shown.set(result.count);
        this.retrying.set(
          result.stillRetrying > 0
            ? { count: result.stillRetrying, nextRetryAt: result.nextRetryAt }
            : null,
        );
        // Confirming is offered only right after a count: a second click cannot re-send twice.
        this.count.set(dryRun ? result.count : null);
        this.message.set(
          dryRun
            ? result.count === 0
              ? 'endpoints.recover.nothing'
              : 'endpoints.recover.found'
            : 'endpoints.recover.done',
        );
      },
      error: (failure: unknown) => {
        this.busy.set(false);
        this.error.set(this.i18n.t(problemMessage(failure, 'endpoints.recover.failed')));
      },
    });
  }
}
