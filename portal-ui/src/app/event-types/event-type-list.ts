import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';

import { EndpointsApi, type PortalEventType } from '../endpoints/endpoints-api';
import { TranslatePipe } from '../i18n/translate.pipe';

/** The operator's event catalogue: what an endpoint can subscribe to, with schemas. */
@Component({
  selector: 'hp-event-type-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <section aria-labelledby="event-types-title">
      <div class="page-bar">
        <h2 id="event-types-title" class="page-title">{{ 'eventTypes.title' | t }}</h2>
      </div>
      @if (hasFailed()) {
        <p class="alert" role="alert">{{ 'eventTypes.loadFailed' | t }}</p>
      }
      @let types = eventTypes();
      @if (types === null) {
        @if (!hasFailed()) {
          <p class="hint" role="status">{{ 'eventTypes.loading' | t }}</p>
        }
      } @else if (types.length === 0) {
        <p class="card hint" role="status">{{ 'eventTypes.empty' | t }}</p>
      } @else {
        @for (type of types; track type.name) {
          <article class="card" data-testid="event-type" [attr.data-event-type]="type.name">
            <h3 class="mono">
              {{ type.name }}
              @if (type.deprecated) {
                <span class="tag">{{ 'eventTypes.deprecated' | t }}</span>
              }
            </h3>
            @if (type.description) {
              <p>{{ type.description }}</p>
            }
            @if (type.schemas && hasKeys(type.schemas)) {
              <details>
                <summary>{{ 'eventTypes.schema' | t }}</summary>
                <pre class="code-block" tabindex="0">{{ pretty(type.schemas) }}</pre>
              </details>
            }
          </article>
        }
      }
    </section>
  `,
  styles: `
    .tag {
      margin-inline-start: 0.5rem;
      padding: 0.05em 0.5em;
      border: 1px solid var(--hp-warning-border);
      border-radius: 999px;
      color: var(--hp-warning-fg);
      background: var(--hp-warning-bg);
      font-family: var(--hp-font);
      font-size: 0.75rem;
    }
  `,
})
export class EventTypeList {
  protected readonly eventTypes = signal<readonly PortalEventType[] | null>(null);
  protected readonly hasFailed = signal(false);

  constructor() {
    inject(EndpointsApi)
      .eventTypes()
      .subscribe({
        next: (page) => this.eventTypes.set(page.data.filter((type) => !type.archived)),
        error: () => this.hasFailed.set(true),
      });
  }

  protected hasKeys(value: object): boolean {
    return Object.keys(value).length > 0;
  }

  protected pretty(value: unknown): string {
    return JSON.stringify(value, null, 2);
  }
}
