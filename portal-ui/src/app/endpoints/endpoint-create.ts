import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { I18n } from '../i18n/i18n';
import { TranslatePipe } from '../i18n/translate.pipe';
import { EndpointsApi, type PortalEventType } from './endpoints-api';
import { problemMessage } from './problem-message';

/** Adds an endpoint: its URL, a description and the event types it subscribes to. */
@Component({
  selector: 'hp-endpoint-create',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, RouterLink],
  template: `
    <section aria-labelledby="endpoint-create-title">
      <div class="page-bar">
        <h2 id="endpoint-create-title" class="page-title">{{ 'endpoints.create.title' | t }}</h2>
        <a routerLink="/endpoints">{{ 'common.back' | t }}</a>
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
        <button type="submit" class="button" [disabled]="isSaving()" data-testid="create-endpoint">
          {{ 'endpoints.create.submit' | t }}
        </button>
      </form>
    </section>
  `,
  styles: `
    .choice {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.4rem;
    }
  `,
})
export class EndpointCreate {
  private readonly api = inject(EndpointsApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);

  protected readonly url = signal('');
  protected readonly description = signal('');
  protected readonly selected = signal(new Set<string>());
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

  protected inputValue(event: Event): string {
    return (event.target as HTMLInputElement).value;
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
    this.api
      .create({
        url: this.url().trim(),
        description: this.description().trim(),
        filterTypes: filterTypes.length > 0 ? filterTypes : null,
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
