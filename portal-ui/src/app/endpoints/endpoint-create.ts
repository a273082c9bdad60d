import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { I18n } from '../i18n/i18n';
import { TranslatePipe } from '../i18n/translate.pipe';
import { SessionScopes } from '../shell/session-scopes';
import { endpointEdits, endpointExtras, headerLines } from './endpoint-fields';
import { EndpointsApi, type PortalEventType } from './endpoints-api';
import { problemMessage } from './problem-message';

/**
 * Adds an endpoint, or edits one (`/endpoints/:id/edit`): its URL, a description, the event
 * types it subscribes to, channels, a rate limit and custom headers.
 */
@Component({
  selector: 'hp-endpoint-create',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, RouterLink],
  template: `
    <section aria-labelledby="endpoint-create-title">
      <div class="page-bar">
        <h2 id="endpoint-create-title" class="page-title">
          {{ (id() ? 'endpoints.edit.title' : 'endpoints.create.title') | t }}
        </h2>
        <a [routerLink]="id() ? ['/endpoints', id()] : ['/endpoints']">{{ 'common.back' | t }}</a>
      </div>
      <form class="card" (submit)="submit($event)" data-testid="endpoint-form">
        @if (error(); as message) {
          <p class="alert" role="alert" data-testid="endpoint-form-error">{{ message }}</p>
        }
        <div class="field">
          <label for="endpoint-url">{{ 'endpoints.field.url' | t }}</label>
          <input
            id="endpoint-url"
            name="url"
            type="url"
            required
            placeholder="https://example.com/webhooks"
            data-testid="endpoint-url"
            [value]="url()"
            (input)="url.set(inputValue($event))"
          />
        </div>
        <div class="field">
          <label for="endpoint-description">{{ 'endpoints.field.description' | t }}</label>
          <input
            id="endpoint-description"
            name="description"
            type="text"
            [value]="description()"
            (input)="description.set(inputValue($event))"
          />
        </div>
        <fieldset class="field">
          <legend>{{ 'endpoints.field.eventTypes' | t }}</legend>
          <p class="hint">{{ 'endpoints.field.eventTypesHint' | t }}</p>
          @for (type of eventTypes(); track type.name) {
            <label class="choice">
              <input
                type="checkbox"
                [checked]="selected().has(type.name)"
                (change)="toggle(type.name)"
                [attr.data-testid]="'event-type-' + type.name"
              />
              <span class="mono">{{ type.name }}</span>
              @if (type.description) {
                <span class="hint">— {{ type.description }}</span>
              }
            </label>
          }
        </fieldset>
        <details class="field more">
          <summary>{{ 'endpoints.field.more' | t }}</summary>
          <div class="field">
            <label for="endpoint-channels">{{ 'endpoints.field.channels' | t }}</label>
            <input
              id="endpoint-channels"
              name="channels"
              type="text"
              data-testid="endpoint-channels"
              [value]="channels()"
              [attr.aria-describedby]="'endpoint-channels-hint'"
              (input)="channels.set(inputValue($event))"
            />
            <p class="hint" id="endpoint-channels-hint">{{ 'endpoints.field.channelsHint' | t }}</p>
          </div>
          <div class="field">
            <label for="endpoint-rate-limit">{{ 'endpoints.field.rateLimit' | t }}</label>
            <input
              id="endpoint-rate-limit"
              name="rateLimit"
              type="number"
              min="1"
              inputmode="numeric"
              data-testid="endpoint-rate-limit"
              [value]="rateLimit()"
              (input)="rateLimit.set(inputValue($event))"
            />
          </div>
          @if (headers() !== null) {
            <div class="field">
              <label for="endpoint-headers">{{ 'endpoints.field.headers' | t }}</label>
              <textarea
                id="endpoint-headers"
                name="headers"
                rows="3"
                class="mono"
                placeholder="X-Team: billing"
                data-testid="endpoint-headers"
                [value]="headers()"
                [attr.aria-describedby]="'endpoint-headers-hint'"
                (input)="headers.set(inputValue($event))"
              ></textarea>
              <p class="hint" id="endpoint-headers-hint">{{ 'endpoints.field.headersHint' | t }}</p>
            </div>
          }
        </details>
        <button type="submit" class="button" [disabled]="isSaving()" data-testid="save-endpoint">
          {{ (id() ? 'endpoints.edit.submit' : 'endpoints.create.submit') | t }}
        </button>
      </form>
    </section>
  `,
  styles: `
    .more > summary {
      cursor: pointer;
      font-weight: 600;
      margin-bottom: 0.5rem;
    }
    textarea {
      width: 100%;
      font: inherit;
    }
    .choice {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.4rem;
    }
  `,
})
export class EndpointCreate implements OnInit {
  private readonly api = inject(EndpointsApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly scopes = inject(SessionScopes);

  /** The endpoint being edited (from the route); none when adding one. */
  readonly id = input<string>();

  protected readonly url = signal('');
  protected readonly description = signal('');
  protected readonly selected = signal(new Set<string>());
  protected readonly channels = signal('');
  protected readonly rateLimit = signal('');
  /** Null when editing without secrets:read: the headers are then neither shown nor changed. */
  protected readonly headers = signal<string | null>('');
  protected readonly eventTypes = signal<readonly PortalEventType[]>([]);
  protected readonly isSaving = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.api.eventTypes().subscribe({
      next: (page) => this.eventTypes.set(page.data.filter((type) => !type.archived)),
      // Without the catalogue the endpoint simply receives every event type.
      error: () => this.eventTypes.set([]),
    });
  }

  ngOnInit(): void {
    const id = this.id();
    if (!id) return;
    this.isSaving.set(true);
    this.api.get(id).subscribe({
      next: (endpoint) => {
        this.url.set(endpoint.url);
        this.description.set(endpoint.description);
        this.selected.set(new Set(endpoint.filterTypes ?? []));
        this.channels.set((endpoint.channels ?? []).join(', '));
        this.rateLimit.set(endpoint.rateLimit === null ? '' : String(endpoint.rateLimit));
        this.isSaving.set(false);
      },
      error: (failure: unknown) =>
        this.error.set(problemMessage(failure, this.i18n.t('endpoints.loadFailed'))),
    });
    if (!this.scopes.has('secrets:read')) {
      this.headers.set(null);
      return;
    }
    this.api.headers(id).subscribe({
      next: ({ headers }) => this.headers.set(headerLines(headers)),
      error: () => this.headers.set(null),
    });
  }

  protected inputValue(event: Event): string {
    return (event.target as HTMLInputElement | HTMLTextAreaElement).value;
  }

  protected toggle(name: string): void {
    const next = new Set(this.selected());
    if (next.has(name)) next.delete(name);
    else next.add(name);
    this.selected.set(next);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.isSaving.set(true);
    this.error.set(null);
    const filterTypes = [...this.selected()];
    const id = this.id();
    if (id) {
      this.api
        .update(id, {
          url: this.url().trim(),
          description: this.description().trim(),
          filterTypes: filterTypes.length > 0 ? filterTypes : null,
          ...endpointEdits(this.channels(), this.rateLimit(), this.headers()),
        })
        .subscribe({
          next: () => void this.router.navigate(['/endpoints', id]),
          error: (failure: unknown) => {
            this.isSaving.set(false);
            this.error.set(problemMessage(failure, this.i18n.t('endpoints.edit.failed')));
          },
        });
      return;
    }
    this.api
      .create({
        url: this.url().trim(),
        description: this.description().trim(),
        filterTypes: filterTypes.length > 0 ? filterTypes : null,
        ...endpointExtras(this.channels(), this.rateLimit(), this.headers() ?? ''),
      })
      .subscribe({
        next: (endpoint) => void this.router.navigate(['/endpoints', endpoint.id]),
        error: (failure: unknown) => {
          this.isSaving.set(false);
          this.error.set(problemMessage(failure, this.i18n.t('endpoints.create.failed')));
        },
      });
  }
}
