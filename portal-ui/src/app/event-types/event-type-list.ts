import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';

import { toApiFailure } from '../api/api-failure';
import { EndpointsApi, type PortalEventType } from '../endpoints/endpoints-api';
import { problemMessage } from '../endpoints/problem-message';
import { I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { TranslatePipe } from '../i18n/translate.pipe';
import { SessionScopes } from '../shell/session-scopes';
import { newestSchema, schemaFields, type SchemaField } from './schema-fields';
import type { EndpointOut } from '@hookport/client/types';

interface CatalogueEntry {
  type: PortalEventType;
  fields: SchemaField[];
  hasExample: boolean;
}

/** What the last test send of an event type from the catalogue did. */
type TestOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'refused'; key: MessageKey }
  | { kind: 'failed'; text: string };

/**
 * The operator's event catalogue, by group: what each event means, its payload's fields, an
 * example payload, and a test send of it to one of the application's endpoints.
 */
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
      @let all = groups();
      @if (all === null) {
        @if (!hasFailed()) {
          <p class="hint" role="status">{{ 'eventTypes.loading' | t }}</p>
        }
      } @else if (all.length === 0) {
        <p class="card hint" role="status">{{ 'eventTypes.empty' | t }}</p>
      } @else {
        @for (group of all; track group.name; let g = $index) {
          <section
            class="group"
            data-testid="event-group"
            [attr.aria-labelledby]="'event-group-' + g"
          >
            <h3 class="group__name" [id]="'event-group-' + g" data-testid="event-group-name">
              {{ group.name ?? ('eventTypes.ungrouped' | t) }}
            </h3>
            @for (entry of group.entries; track entry.type.name; let i = $index) {
              @let type = entry.type;
              @let headingId = 'event-type-' + g + '-' + i;
              <article
                class="card"
                data-testid="event-type"
                [attr.data-event-type]="type.name"
                [attr.aria-labelledby]="headingId"
              >
                <h4 class="mono" [id]="headingId">
                  {{ type.name }}
                  @if (type.deprecated) {
                    <span class="tag">{{ 'eventTypes.deprecated' | t }}</span>
                  }
                </h4>
                @if (type.description) {
                  <p>{{ type.description }}</p>
                }
                @if (entry.fields.length > 0) {
                  <div
                    class="table-frame"
                    tabindex="0"
                    role="region"
                    [attr.aria-labelledby]="headingId + '-fields'"
                  >
                    <table class="data-table data-table--stack" data-testid="schema-fields">
                      <caption [id]="headingId + '-fields'">
                        {{
                          'eventTypes.fields' | t: { name: type.name }
                        }}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">{{ 'eventTypes.field.name' | t }}</th>
                          <th scope="col">{{ 'eventTypes.field.type' | t }}</th>
                          <th scope="col">{{ 'eventTypes.field.required' | t }}</th>
                          <th scope="col">{{ 'eventTypes.field.description' | t }}</th>
                        </tr>
                      </thead>
                      <tbody>
                        @for (field of entry.fields; track field.path) {
                          <tr data-testid="schema-field">
                            <th scope="row" class="mono">{{ field.path }}</th>
                            <td class="mono" [attr.data-label]="'eventTypes.field.type' | t">
                              {{ field.type }}
                            </td>
                            <td [attr.data-label]="'eventTypes.field.required' | t">
                              {{
                                (field.isRequired ? 'eventTypes.field.yes' : 'eventTypes.field.no')
                                  | t
                              }}
                            </td>
                            <td [attr.data-label]="'eventTypes.field.description' | t">
                              {{ field.description }}
                            </td>
                          </tr>
                        }
                      </tbody>
                    </table>
                  </div>
                }
                @if (entry.hasExample) {
                  <h5 class="example-title">{{ 'eventTypes.example' | t }}</h5>
                  <pre class="code-block" tabindex="0" data-testid="event-type-example">{{
                    pretty(type.example)
                  }}</pre>
                }
                @if (type.schemas && hasKeys(type.schemas)) {
                  <details>
                    <summary>{{ 'eventTypes.schema' | t }}</summary>
                    <pre class="code-block" tabindex="0">{{ pretty(type.schemas) }}</pre>
                  </details>
                }
                @let targets = subscribers(type.name);
                @if (canTest && targets.length > 0) {
                  <div class="send">
                    <label class="field send__target">
                      <span>{{ 'eventTypes.test.endpoint' | t }}</span>
                      <select #target data-testid="catalogue-test-endpoint">
                        @for (endpoint of targets; track endpoint.id) {
                          <option [value]="endpoint.id">{{ endpoint.url }}</option>
                        }
                      </select>
                    </label>
                    <button
                      type="button"
                      class="button"
                      data-testid="catalogue-send-test"
                      [disabled]="sending() === type.name"
                      (click)="sendTest(type.name, target.value)"
                    >
                      {{ 'eventTypes.test.send' | t }}
                    </button>
                  </div>
                  <div aria-live="polite">
                    @if (outcomes()[type.name]; as outcome) {
                      @switch (outcome.kind) {
                        @case ('sent') {
                          <p class="alert alert--success" data-testid="catalogue-test-sent">
                            {{ 'endpoints.test.sent' | t: { id: outcome.messageId } }}
                          </p>
                        }
                        @case ('refused') {
                          <p class="alert" data-testid="catalogue-test-refused">
                            {{ outcome.key | t }}
                          </p>
                        }
                        @case ('failed') {
                          <p class="alert" data-testid="catalogue-test-refused">
                            {{ outcome.text }}
                          </p>
                        }
                      }
                    }
                  </div>
                }
              </article>
            }
          </section>
        }
      }
    </section>
  `,
  styles: `
    .group + .group {
      margin-top: var(--hp-space-6);
    }
    .group__name {
      margin: 0 0 var(--hp-space-3);
      font-size: var(--hp-text-lg);
    }
    h4 {
      margin-top: 0;
    }
    .example-title {
      margin: var(--hp-space-4) 0 var(--hp-space-2);
      font-size: var(--hp-text-sm);
    }
    .tag {
      margin-inline-start: var(--hp-space-2);
      padding: 0.05em 0.5em;
      border: 1px solid var(--hp-warning-border);
      border-radius: 999px;
      color: var(--hp-warning-fg);
      background: var(--hp-warning-bg);
      font-family: var(--hp-font);
      font-size: var(--hp-text-xs);
    }
    .send {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--hp-space-3);
      margin-top: var(--hp-space-4);
    }
    .send__target {
      margin: 0;
      flex: 1 1 14rem;
      min-width: 0;
    }
    .send__target select {
      max-width: 100%;
    }
  `,
})
export class EventTypeList {
  private readonly api = inject(EndpointsApi);
  private readonly i18n = inject(I18n);
  private readonly eventTypes = signal<readonly PortalEventType[] | null>(null);
  private readonly endpoints = signal<readonly EndpointOut[]>([]);
  protected readonly hasFailed = signal(false);
  protected readonly canTest = inject(SessionScopes).has('endpoints:write');
  protected readonly sending = signal<string | null>(null);
  protected readonly outcomes = signal<Readonly<Record<string, TestOutcome>>>({});

  /** The catalogue by group name, named groups first (alphabetically), then the rest. */
  protected readonly groups = computed(() => {
    const types = this.eventTypes();
    if (types === null) return null;
    const byGroup = new Map<string | null, CatalogueEntry[]>();
    for (const type of types) {
      const name = type.groupName || null;
      const entry: CatalogueEntry = {
        type,
        fields: schemaFields(newestSchema(type.schemas as Record<string, unknown> | undefined)),
        hasExample: type.example !== null && type.example !== undefined,
      };
      byGroup.set(name, [...(byGroup.get(name) ?? []), entry]);
    }
    return [...byGroup.entries()]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
      .map(([name, entries]) => ({ name, entries }));
  });

  constructor() {
    this.api.eventTypes().subscribe({
      next: (page) => this.eventTypes.set(page.data.filter((type) => !type.archived)),
      error: () => this.hasFailed.set(true),
    });
    if (this.canTest) {
      // Without the list the catalogue still shows; only its test sends are left out.
      this.api.list().subscribe({
        next: (page) => this.endpoints.set(page.data),
        error: () => undefined,
      });
    }
  }

  /** The enabled endpoints subscribed to this type (no filter: every type). */
  protected subscribers(eventType: string): readonly EndpointOut[] {
    return this.endpoints().filter(
      (endpoint) =>
        !endpoint.disabled &&
        (!endpoint.filterTypes?.length || endpoint.filterTypes.includes(eventType)),
    );
  }

  protected sendTest(eventType: string, endpointId: string): void {
    this.sending.set(eventType);
    const settle = (outcome: TestOutcome) => {
      this.sending.set(null);
      this.outcomes.update((all) => ({ ...all, [eventType]: outcome }));
    };
    this.api.sendTest(endpointId, eventType).subscribe({
      next: (sent) => settle({ kind: 'sent', messageId: sent.id }),
      error: (failure: unknown) => {
        const result = toApiFailure(failure);
        const codes =
          result.kind === 'problem' ? (result.problem.errors ?? []).map((e) => e.message) : [];
        if (codes.includes('endpoint-paused')) {
          settle({ kind: 'refused', key: 'eventTypes.test.paused' });
        } else if (codes.includes('endpoint-disabled')) {
          settle({ kind: 'refused', key: 'endpoints.test.refused.disabled' });
        } else {
          settle({
            kind: 'failed',
            text: this.i18n.t(problemMessage(failure, 'endpoints.actionFailed')),
          });
        }
      },
    });
  }

  protected hasKeys(value: object): boolean {
    return Object.keys(value).length > 0;
  }

  protected pretty(value: unknown): string {
    return JSON.stringify(value, null, 2);
  }
}
