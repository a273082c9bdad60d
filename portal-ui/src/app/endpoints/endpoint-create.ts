import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { NO_PROBLEMS, formProblems, type FormProblems } from '../api/form-problems';
import { I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { TranslatePipe } from '../i18n/translate.pipe';
import { Notices } from '../shell/notices';
import { SessionScopes } from '../shell/session-scopes';
import { endpointEdits, endpointExtras, headerLines } from './endpoint-fields';
import { EndpointsApi, type PortalEventType } from './endpoints-api';
import { problemMessage } from './problem-message';

/** The form's fields, in their order on the page, each with what to say when the API refuses it. */
const FIELD_MESSAGES: Readonly<Record<string, MessageKey>> = {
  url: 'errors.field.url',
  description: 'errors.field.description',
  filterTypes: 'errors.field.eventTypes',
  channels: 'errors.field.channels',
  rateLimit: 'errors.field.rateLimit',
  headers: 'errors.field.headers',
};
/** Where each field is on the page, to bring the first refused one into view. */
const FIELD_ELEMENTS: Readonly<Record<string, string>> = {
  url: 'endpoint-url',
  description: 'endpoint-description',
  filterTypes: 'endpoint-event-types',
  channels: 'endpoint-channels',
  rateLimit: 'endpoint-rate-limit',
  headers: 'endpoint-headers',
};
/** Fields folded under "More options": a problem there opens the fold. */
const FOLDED_FIELDS = ['channels', 'rateLimit', 'headers'];

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
        @if (loadError(); as message) {
          <p class="alert" role="alert" data-testid="endpoint-form-error">{{ message }}</p>
        }
        @if (problems().summary; as summary) {
          <p class="alert" role="alert" data-testid="endpoint-form-error">{{ summary | t }}</p>
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
            [attr.aria-invalid]="problemOf('url') ? 'true' : null"
            [attr.aria-describedby]="describedBy('url', null)"
            [value]="url()"
            (input)="url.set(inputValue($event))"
          />
          @if (problemOf('url'); as problem) {
            <p class="field-error" id="endpoint-url-error" data-testid="field-error-url">
              {{ problem | t }}
            </p>
          }
        </div>
        <div class="field">
          <label for="endpoint-description">{{ 'endpoints.field.description' | t }}</label>
          <input
            id="endpoint-description"
            name="description"
            type="text"
            [attr.aria-invalid]="problemOf('description') ? 'true' : null"
            [attr.aria-describedby]="describedBy('description', null)"
            [value]="description()"
            (input)="description.set(inputValue($event))"
          />
          @if (problemOf('description'); as problem) {
            <p
              class="field-error"
              id="endpoint-description-error"
              data-testid="field-error-description"
            >
              {{ problem | t }}
            </p>
          }
        </div>
        <fieldset
          class="field"
          id="endpoint-event-types"
          tabindex="-1"
          [attr.aria-describedby]="describedBy('filterTypes', 'endpoint-event-types-hint')"
        >
          <legend>{{ 'endpoints.field.eventTypes' | t }}</legend>
          <p class="hint" id="endpoint-event-types-hint">
            {{ 'endpoints.field.eventTypesHint' | t }}
          </p>
          @for (type of eventTypes(); track type.name) {
            <label class="choice">
              <input
                type="checkbox"
                [checked]="selected().has(type.name)"
                (change)="toggle(type.name)"
                [attr.data-testid]="'event-type-' + type.name"
              />
              <span class="mono choice__name">{{ type.name }}</span>
              @if (type.description) {
                <span class="hint choice__hint">{{ type.description }}</span>
              }
            </label>
          }
          @if (problemOf('filterTypes'); as problem) {
            <p
              class="field-error"
              id="endpoint-filterTypes-error"
              data-testid="field-error-filterTypes"
            >
              {{ problem | t }}
            </p>
          }
        </fieldset>
        <details
          class="field more"
          [open]="isMoreOpen()"
          (toggle)="isMoreOpen.set($any($event.target).open)"
        >
          <summary>{{ 'endpoints.field.more' | t }}</summary>
          <div class="field">
            <label for="endpoint-channels">{{ 'endpoints.field.channels' | t }}</label>
            <input
              id="endpoint-channels"
              name="channels"
              type="text"
              data-testid="endpoint-channels"
              [value]="channels()"
              [attr.aria-invalid]="problemOf('channels') ? 'true' : null"
              [attr.aria-describedby]="describedBy('channels', 'endpoint-channels-hint')"
              (input)="channels.set(inputValue($event))"
            />
            <p class="hint" id="endpoint-channels-hint">{{ 'endpoints.field.channelsHint' | t }}</p>
            @if (problemOf('channels'); as problem) {
              <p
                class="field-error"
                id="endpoint-channels-error"
                data-testid="field-error-channels"
              >
                {{ problem | t }}
              </p>
            }
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
              [attr.aria-invalid]="problemOf('rateLimit') ? 'true' : null"
              [attr.aria-describedby]="describedBy('rateLimit', null)"
              [value]="rateLimit()"
              (input)="rateLimit.set(inputValue($event))"
            />
            @if (problemOf('rateLimit'); as problem) {
              <p
                class="field-error"
                id="endpoint-rateLimit-error"
                data-testid="field-error-rateLimit"
              >
                {{ problem | t }}
              </p>
            }
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
                [attr.aria-invalid]="problemOf('headers') ? 'true' : null"
                [attr.aria-describedby]="describedBy('headers', 'endpoint-headers-hint')"
                (input)="headers.set(inputValue($event))"
              ></textarea>
              <p class="hint" id="endpoint-headers-hint">{{ 'endpoints.field.headersHint' | t }}</p>
              @if (problemOf('headers'); as problem) {
                <p
                  class="field-error"
                  id="endpoint-headers-error"
                  data-testid="field-error-headers"
                >
                  {{ problem | t }}
                </p>
              }
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
      margin-bottom: var(--hp-space-2);
    }
    textarea {
      width: 100%;
      font: inherit;
    }
    /* The box, then the name with its description under it: aligned at any width. */
    .choice {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      align-items: center;
      column-gap: var(--hp-space-2);
      padding: var(--hp-space-1) 0;
      cursor: pointer;
    }
    .choice__hint {
      grid-column: 2;
    }
  `,
})
export class EndpointCreate implements OnInit {
  private readonly api = inject(EndpointsApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly scopes = inject(SessionScopes);
  private readonly notices = inject(Notices);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

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
  /** Why the endpoint could not be loaded for editing. */
  protected readonly loadError = signal<string | null>(null);
  /** Why the last submission was refused; cleared when the next one starts. */
  protected readonly problems = signal<FormProblems>(NO_PROBLEMS);
  protected readonly isMoreOpen = signal(false);
  private readonly fieldProblems = computed(() => this.problems().fields);

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
        this.loadError.set(this.i18n.t(problemMessage(failure, 'endpoints.loadFailed'))),
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

  protected problemOf(field: string): MessageKey | null {
    return this.fieldProblems()[field] ?? null;
  }

  /** The field's hint and, while it is refused, its error: read out with the field. */
  protected describedBy(field: string, hint: string | null): string | null {
    const ids = [hint, this.problemOf(field) ? `endpoint-${field}-error` : null].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : null;
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
    // A new attempt starts clean: an error beside a field is about the attempt it follows.
    this.problems.set(NO_PROBLEMS);
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
          next: () => {
            this.notices.show('notice.endpointSaved');
            void this.router.navigate(['/endpoints', id]);
          },
          error: (failure: unknown) => this.refused(failure, 'endpoints.edit.failed'),
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
        next: (endpoint) => {
          this.notices.show('notice.endpointCreated');
          void this.router.navigate(['/endpoints', endpoint.id]);
        },
        error: (failure: unknown) => this.refused(failure, 'endpoints.create.failed'),
      });
  }

  /**
   * Shows why the API refused the form, beside the fields concerned, and moves focus to the
   * first of them: on a phone the message is then on screen, not somewhere above it.
   */
  private refused(failure: unknown, fallback: MessageKey): void {
    this.isSaving.set(false);
    const problems = formProblems(failure, FIELD_MESSAGES, fallback);
    this.problems.set(problems);
    const first = Object.keys(FIELD_MESSAGES).find((field) => problems.fields[field]);
    if (!first) return;
    if (FOLDED_FIELDS.includes(first)) this.isMoreOpen.set(true);
    afterNextRender(
      () => {
        const element = this.document.getElementById(FIELD_ELEMENTS[first] ?? '');
        element?.focus();
        element?.scrollIntoView({ block: 'center' });
      },
      { injector: this.injector },
    );
  }
}
