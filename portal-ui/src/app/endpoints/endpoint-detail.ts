import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import {
  catchError,
  debounceTime,
  filter,
  map,
  of,
  switchMap,
  take,
  takeWhile,
  tap,
  timer,
  type Observable,
} from 'rxjs';

import { I18n } from '../i18n/i18n';
import { TranslatePipe } from '../i18n/translate.pipe';
import { Confirmation } from '../shell/confirmation';
import { Notices } from '../shell/notices';
import { SessionScopes } from '../shell/session-scopes';
import { LiveStream } from '../messages/live-stream';
import { MessageDetailApi, type PortalAttempt } from '../messages/message-detail-api';
import { toApiFailure } from '../api/api-failure';
import type { MessageKey } from '../i18n/messages.en';
import type { MessageParams } from '../i18n/translate';
import { endpointStateText } from './endpoint-state';
import { EndpointsApi, type PortalEndpointHealth, type PortalEventType } from './endpoints-api';
import { problemMessage } from './problem-message';
import { headerLines } from './endpoint-fields';
import { EndpointRecent } from './endpoint-recent';
import { EndpointRecover } from './endpoint-recover';
import { EndpointStatsChart } from './endpoint-stats-chart';
import { SignatureChecker } from './signature-checker';
import {
  SNIPPET_LABELS,
  SNIPPET_LANGUAGES,
  verificationSnippet,
  type SnippetLanguage,
} from './verification-snippets';
import type { EndpointOut } from '@hookport/client/types';

const SECRET_PLACEHOLDER = 'whsec_…';

/** Grace periods offered when rotating a secret: the old one keeps verifying meanwhile. */
const GRACE_PERIODS = [
  { seconds: 0, key: 'endpoints.secret.grace.none' },
  { seconds: 3600, key: 'endpoints.secret.grace.hour' },
  { seconds: 86_400, key: 'endpoints.secret.grace.day' },
  { seconds: 604_800, key: 'endpoints.secret.grace.week' },
] as const;

/** The endpoint page's tabs, in order; each is reached at `?tab=<id>` (overview: no tab). */
const TABS = [
  { id: 'overview', label: 'endpoints.tabs.overview' },
  { id: 'attempts', label: 'endpoints.tabs.attempts' },
  { id: 'testing', label: 'endpoints.tabs.testing' },
  { id: 'security', label: 'endpoints.tabs.security' },
  { id: 'advanced', label: 'endpoints.tabs.advanced' },
] as const satisfies readonly { id: string; label: MessageKey }[];

export type EndpointTab = (typeof TABS)[number]['id'];

/**
 * One endpoint, in tabs as Svix's portal has them: overview (state, statistics), delivery
 * attempts (latest, recover), testing, signing & security (secret, verification), advanced.
 */
@Component({
  selector: 'hp-endpoint-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslatePipe,
    RouterLink,
    SignatureChecker,
    EndpointStatsChart,
    EndpointRecent,
    EndpointRecover,
  ],
  providers: [LiveStream],
  template: `
    <div class="page-bar">
      <a routerLink="/endpoints">{{ 'common.back' | t }}</a>
    </div>
    @if (error(); as message) {
      <p class="alert" role="alert" data-testid="endpoint-error">{{ message }}</p>
    }
    @if (endpoint(); as ep) {
      <section class="card headline" aria-labelledby="endpoint-title" data-testid="endpoint-detail">
        <div class="headline__text">
          <h2 id="endpoint-title" class="page-title mono" data-testid="endpoint-url">
            {{ ep.url }}
          </h2>
          @if (ep.description) {
            <p class="hint">{{ ep.description }}</p>
          }
          <p class="status-line">
            @let current = state();
            <span
              class="badge"
              [class.badge--success]="!current.isPaused && !current.isDisabled"
              [class.badge--warning]="current.isPaused"
              [class.badge--danger]="current.isDisabled"
              data-testid="endpoint-status"
              >{{ current.label | t }}</span
            >
            @if (current.detail; as detail) {
              <span class="state-detail" data-testid="endpoint-status-detail">{{
                detail.key | t: detail.params
              }}</span>
            }
            @if (current.pausedUntil) {
              <span class="state-detail" data-testid="endpoint-paused-until">{{
                'endpoints.circuit.nextProbe'
                  | t: { time: i18n.formatDateTime(current.pausedUntil) }
              }}</span>
            }
          </p>
        </div>
        @if (scopes.has('endpoints:write') || scopes.has('endpoints:delete')) {
          <div class="actions">
            @if (scopes.has('endpoints:write')) {
              <a
                class="button button--secondary"
                [routerLink]="['/endpoints', ep.id, 'edit']"
                data-testid="edit-endpoint"
                >{{ 'endpoints.edit.open' | t }}</a
              >
              <button
                type="button"
                class="button button--secondary"
                data-testid="toggle-endpoint"
                [disabled]="isBusy()"
                (click)="setDisabled(!ep.disabled)"
              >
                {{ (ep.disabled ? 'endpoints.enable' : 'endpoints.disable') | t }}
              </button>
            }
            @if (scopes.has('endpoints:delete')) {
              <button
                type="button"
                class="button button--danger"
                data-testid="delete-endpoint"
                [disabled]="isBusy()"
                (click)="remove()"
              >
                {{ 'endpoints.delete' | t }}
              </button>
            }
          </div>
        }
      </section>

      <!-- Links, not buttons: each tab has its own address (?tab=), so it can be shared and reloaded. -->
      <nav class="tabs" [attr.aria-label]="'endpoints.tabs.label' | t" data-testid="endpoint-tabs">
        @for (tab of tabs(); track tab.id) {
          <a
            class="tabs__tab"
            [routerLink]="[]"
            [queryParams]="{ tab: tab.id === 'overview' ? null : tab.id }"
            queryParamsHandling="merge"
            [attr.aria-current]="tab.id === activeTab() ? 'page' : null"
            [attr.data-testid]="'tab-' + tab.id"
            >{{ tab.label | t }}</a
          >
        }
      </nav>

      <div class="panel" [attr.data-testid]="'panel-' + activeTab()">
        @switch (activeTab()) {
          @case ('overview') {
            <section class="card" aria-labelledby="overview-title">
              <h3 id="overview-title">{{ 'endpoints.tabs.overview' | t }}</h3>
              <dl class="facts">
                <dt>{{ 'endpoints.column.eventTypes' | t }}</dt>
                <dd>
                  {{
                    ep.filterTypes?.length
                      ? ep.filterTypes!.join(', ')
                      : ('endpoints.allEventTypes' | t)
                  }}
                </dd>
                <dt>{{ 'endpoints.field.createdAt' | t }}</dt>
                <dd>{{ i18n.formatDateTime(ep.createdAt) }}</dd>
                <dt>ID</dt>
                <dd class="mono">{{ ep.id }}</dd>
              </dl>
            </section>
            <hp-endpoint-stats-chart [endpointId]="ep.id" />
          }
          @case ('attempts') {
            @if (scopes.has('messages:read')) {
              <hp-endpoint-recent [endpointId]="ep.id" [pausedUntil]="state().pausedUntil" />
            }
            @if (scopes.has('messages:retry')) {
              <hp-endpoint-recover [endpointId]="ep.id" />
            }
          }
          @case ('testing') {
            <section class="card" aria-labelledby="test-title">
              <h3 id="test-title">{{ 'endpoints.test.title' | t }}</h3>
              <p class="hint">{{ 'endpoints.test.hint' | t }}</p>
              <div class="rotate">
                <div class="field">
                  <label for="test-event-type">{{ 'endpoints.field.eventType' | t }}</label>
                  <select
                    id="test-event-type"
                    data-testid="test-event-type"
                    (change)="testType.set(selectValue($event))"
                  >
                    @for (type of eventTypes(); track type.name) {
                      <option [value]="type.name" [selected]="type.name === testType()">
                        {{ type.name }}
                      </option>
                    }
                  </select>
                </div>
                <button
                  type="button"
                  class="button"
                  data-testid="send-test"
                  [disabled]="isBusy() || !testType()"
                  (click)="sendTest()"
                >
                  {{ 'endpoints.test.send' | t }}
                </button>
              </div>
              @if (testRefusal(); as refusal) {
                <p class="alert" role="alert" data-testid="test-refused">
                  {{ refusal.key | t: refusal.params }}
                </p>
              }
              @if (testResult(); as sent) {
                <p class="alert alert--success" role="status" data-testid="test-sent">
                  {{ 'endpoints.test.sent' | t: { id: sent } }}
                  <a routerLink="/messages">{{ 'endpoints.test.seeLog' | t }}</a>
                </p>
                @if (scopes.has('messages:read')) {
                  @if (testAttempt(); as attempt) {
                    <div class="exchange" data-testid="test-exchange">
                      <h4>{{ 'endpoints.test.request' | t }}</h4>
                      <pre class="mono" tabindex="0">
POST {{ attempt.url }}
{{ headerLines(attempt.requestHeaders) }}</pre
                      >
                      <h4>{{ 'endpoints.test.response' | t }}</h4>
                      <p data-testid="test-response-status">
                        @if (attempt.responseStatus !== null) {
                          HTTP {{ attempt.responseStatus }}
                        } @else {
                          {{ 'endpoints.test.noAnswer' | t: { error: attempt.errorClass ?? '' } }}
                        }
                        · {{ attempt.durationMs }} ms
                      </p>
                      @if (attempt.responseBody) {
                        <pre class="mono" tabindex="0">{{ attempt.responseBody }}</pre>
                      }
                    </div>
                  } @else {
                    <p class="hint" role="status">{{ 'endpoints.test.waiting' | t }}</p>
                  }
                }
              }
            </section>
          }
          @case ('security') {
            <section class="card" aria-labelledby="secret-title">
              <h3 id="secret-title">{{ 'endpoints.secret.title' | t }}</h3>
              <p class="hint">{{ 'endpoints.secret.hint' | t }}</p>
              @if (scopes.has('secrets:read')) {
                <div class="secret">
                  <code class="mono" data-testid="endpoint-secret">{{
                    secret() ?? placeholder
                  }}</code>
                  @if (secret() === null) {
                    <button
                      type="button"
                      class="button button--secondary"
                      data-testid="reveal-secret"
                      (click)="reveal()"
                    >
                      {{ 'endpoints.secret.reveal' | t }}
                    </button>
                  } @else {
                    <button type="button" class="button button--secondary" (click)="copySecret()">
                      {{ (copied() ? 'endpoints.secret.copied' : 'endpoints.secret.copy') | t }}
                    </button>
                  }
                </div>
              }
              @if (scopes.has('secrets:rotate')) {
                <div class="rotate">
                  <div class="field">
                    <label for="grace-period">{{ 'endpoints.secret.gracePeriod' | t }}</label>
                    <select
                      id="grace-period"
                      (change)="grace.set(+selectValue($event))"
                      data-testid="grace-period"
                    >
                      @for (option of gracePeriods; track option.seconds) {
                        <option [value]="option.seconds" [selected]="option.seconds === grace()">
                          {{ option.key | t }}
                        </option>
                      }
                    </select>
                  </div>
                  <button
                    type="button"
                    class="button button--secondary"
                    data-testid="rotate-secret"
                    [disabled]="isBusy()"
                    (click)="rotate()"
                  >
                    {{ 'endpoints.secret.rotate' | t }}
                  </button>
                </div>
                @if (rotatedWithGrace() !== null) {
                  <p class="alert alert--success" role="status" data-testid="secret-rotated">
                    {{
                      (rotatedWithGrace() === 0
                        ? 'endpoints.secret.rotatedNow'
                        : 'endpoints.secret.rotated'
                      ) | t
                    }}
                  </p>
                }
              }
            </section>

            <section class="card" aria-labelledby="verify-title">
              <h3 id="verify-title">{{ 'endpoints.verify.title' | t }}</h3>
              <p class="hint">{{ 'endpoints.verify.hint' | t }}</p>
              <div
                class="segmented"
                role="tablist"
                [attr.aria-label]="'endpoints.verify.title' | t"
              >
                @for (language of languages; track language) {
                  <button
                    type="button"
                    role="tab"
                    class="segmented__option"
                    [attr.aria-selected]="language === snippetLanguage()"
                    [attr.data-testid]="'snippet-tab-' + language"
                    (click)="snippetLanguage.set(language)"
                  >
                    {{ labels[language] }}
                  </button>
                }
              </div>
              <pre
                class="code-block"
                tabindex="0"
                role="tabpanel"
                data-testid="snippet"
              ><code>{{ snippet() }}</code></pre>
            </section>

            <hp-signature-checker [secret]="secret()" />
          }
          @case ('advanced') {
            <section class="card" aria-labelledby="advanced-title">
              <h3 id="advanced-title">{{ 'endpoints.tabs.advanced' | t }}</h3>
              <dl class="facts" data-testid="endpoint-advanced">
                <dt>{{ 'endpoints.field.channels' | t }}</dt>
                <dd data-testid="advanced-channels">
                  {{
                    ep.channels?.length ? ep.channels!.join(', ') : ('endpoints.allChannels' | t)
                  }}
                </dd>
                <dt>{{ 'endpoints.field.rateLimit' | t }}</dt>
                <dd data-testid="advanced-rate-limit">
                  {{ ep.rateLimit === null ? ('endpoints.noRateLimit' | t) : ep.rateLimit }}
                </dd>
                @if (headerNames(); as names) {
                  <dt>{{ 'endpoints.field.headers' | t }}</dt>
                  <dd class="mono" data-testid="advanced-headers">
                    {{ names.length ? names.join(', ') : ('endpoints.noHeaders' | t) }}
                  </dd>
                }
                <dt>{{ 'endpoints.field.updatedAt' | t }}</dt>
                <dd>{{ i18n.formatDateTime(ep.updatedAt) }}</dd>
              </dl>
              @if (scopes.has('endpoints:write')) {
                <a class="button button--secondary" [routerLink]="['/endpoints', ep.id, 'edit']">{{
                  'endpoints.edit.open' | t
                }}</a>
              }
            </section>
          }
        }
      </div>
    } @else if (!error()) {
      <p class="hint" role="status">{{ 'endpoints.loading' | t }}</p>
    }
  `,
  styles: `
    .headline {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      justify-content: space-between;
      gap: var(--hp-space-4);
    }
    .headline__text {
      min-width: 0;
      flex: 1 1 20rem;
    }
    .status-line {
      margin: var(--hp-space-3) 0 0;
    }
    .state-detail {
      display: block;
      margin-top: var(--hp-space-1);
      color: var(--hp-muted);
      font-size: var(--hp-text-sm);
    }
    .exchange pre {
      overflow-x: auto;
      white-space: pre-wrap;
      word-break: break-all;
    }
    .actions,
    .secret,
    .rotate {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--hp-space-3);
    }
    .secret code {
      padding: var(--hp-space-2) var(--hp-space-3);
      border-radius: var(--hp-radius);
      background: var(--hp-surface);
    }
    .rotate {
      margin-top: var(--hp-space-4);
    }
    .rotate .field {
      margin: 0;
      min-width: 14rem;
    }
    .segmented {
      display: flex;
      flex-wrap: wrap;
      gap: var(--hp-space-1);
      margin-bottom: var(--hp-space-2);
    }
    .segmented__option {
      padding: var(--hp-space-1) var(--hp-space-3);
      border: 1px solid var(--hp-border);
      border-radius: var(--hp-radius-sm);
      color: var(--hp-fg);
      background: var(--hp-bg);
      font: inherit;
      cursor: pointer;
    }
    .segmented__option[aria-selected='true'] {
      border-color: var(--hp-accent);
      color: var(--hp-accent-fg);
      background: var(--hp-accent);
    }
  `,
})
export class EndpointDetail implements OnInit {
  /** The endpoint id, from the route. */
  readonly id = input.required<string>();
  /** The open tab, from `?tab=`; unknown or not offered to this session: the overview. */
  readonly tab = input<string>();

  private readonly api = inject(EndpointsApi);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);
  protected readonly scopes = inject(SessionScopes);
  private readonly confirmation = inject(Confirmation);
  private readonly notices = inject(Notices);

  /** The tabs this session has something in: testing needs write, attempts the log. */
  protected readonly tabs = computed(() =>
    TABS.filter(
      (tab) =>
        (tab.id !== 'testing' || this.scopes.has('endpoints:write')) &&
        (tab.id !== 'attempts' ||
          this.scopes.has('messages:read') ||
          this.scopes.has('messages:retry')),
    ),
  );
  protected readonly activeTab = computed<EndpointTab>(
    () => this.tabs().find((tab) => tab.id === this.tab())?.id ?? 'overview',
  );
  /** The custom headers' names (values may be credentials); null without secrets:read. */
  protected readonly headerNames = signal<string[] | null>(null);

  protected readonly endpoint = signal<EndpointOut | null>(null);
  /** Its circuit and health as the delivery log has them; undefined: closed and healthy. */
  private readonly health = signal<PortalEndpointHealth | undefined>(undefined);
  protected readonly state = computed(() =>
    endpointStateText(this.endpoint() ?? {}, this.health()),
  );
  /** Why the API refused the last test send (the endpoint would not be tried now). */
  protected readonly testRefusal = signal<{ key: MessageKey; params?: MessageParams } | null>(null);
  protected readonly secret = signal<string | null>(null);
  protected readonly eventTypes = signal<readonly PortalEventType[]>([]);
  protected readonly testType = signal('');
  protected readonly testResult = signal<string | null>(null);
  /** The test message's attempt at this endpoint, once the delivery log has it. */
  protected readonly testAttempt = signal<PortalAttempt | null>(null);
  protected readonly headerLines = headerLines;
  private readonly messages = inject(MessageDetailApi);
  private readonly live = inject(LiveStream);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly grace = signal(86_400);
  /** The grace period of the last rotation: its message says which secrets now sign. */
  protected readonly rotatedWithGrace = signal<number | null>(null);
  protected readonly copied = signal(false);
  protected readonly isBusy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly snippetLanguage = signal<SnippetLanguage>('node');

  protected readonly placeholder = SECRET_PLACEHOLDER;
  protected readonly gracePeriods = GRACE_PERIODS;
  protected readonly languages = SNIPPET_LANGUAGES;
  protected readonly labels = SNIPPET_LABELS;
  protected readonly snippet = computed(() =>
    verificationSnippet(this.snippetLanguage(), this.secret() ?? SECRET_PLACEHOLDER),
  );

  constructor() {
    // The circuit and health change while the page is open (that is when they matter): each
    // change for this endpoint reloads them, and the endpoint, which an automatic disable
    // changes a moment after its health event.
    this.live.events
      .pipe(
        filter((event) => event.type === 'endpoint-health' && event.data.endpointId === this.id()),
        debounceTime(250),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.loadHealth();
        this.reloadEndpoint();
      });
    this.live.start();
  }

  ngOnInit(): void {
    this.api.get(this.id()).subscribe({
      next: (endpoint) => {
        this.endpoint.set(endpoint);
        this.loadEventTypes(endpoint);
        this.loadHealth();
        this.loadHeaderNames();
      },
      error: (failure: unknown) =>
        this.error.set(this.i18n.t(problemMessage(failure, 'endpoints.loadFailed'))),
    });
  }

  protected selectValue(event: Event): string {
    return (event.target as HTMLSelectElement).value;
  }

  protected reveal(): void {
    this.api.secret(this.id()).subscribe({
      next: ({ key }) => this.secret.set(key),
      error: (failure: unknown) =>
        this.error.set(this.i18n.t(problemMessage(failure, 'endpoints.actionFailed'))),
    });
  }

  protected copySecret(): void {
    const value = this.secret();
    if (value === null) return;
    void navigator.clipboard?.writeText(value).then(() => this.copied.set(true));
  }

  protected async rotate(): Promise<void> {
    const grace = this.grace();
    const isConfirmed = await this.confirmation.ask({
      title: 'endpoints.secret.confirmTitle',
      message: grace === 0 ? 'endpoints.secret.confirmNow' : 'endpoints.secret.confirmGrace',
      confirm: 'endpoints.secret.confirm',
    });
    if (!isConfirmed) return;
    this.run(this.api.rotateSecret(this.id(), grace), () => {
      this.rotatedWithGrace.set(grace);
      // A revealed secret is now the previous one: reveal again to see the new key.
      if (this.secret() !== null) this.reveal();
    });
  }

  protected async setDisabled(disabled: boolean): Promise<void> {
    // Disabling stops deliveries: asked first. Enabling harms nothing.
    if (
      disabled &&
      !(await this.confirmation.ask({
        title: 'endpoints.disable.confirmTitle',
        message: 'endpoints.disable.confirmMessage',
        confirm: 'endpoints.disable.confirm',
      }))
    ) {
      return;
    }
    this.run(this.api.update(this.id(), { disabled }), (endpoint) => {
      this.endpoint.set(endpoint as EndpointOut);
      this.testRefusal.set(null);
      this.notices.show(disabled ? 'notice.endpointDisabled' : 'notice.endpointEnabled');
      this.loadHealth();
    });
  }

  protected async remove(): Promise<void> {
    const isConfirmed = await this.confirmation.ask({
      title: 'endpoints.delete.confirmTitle',
      message: 'endpoints.deleteConfirm',
      params: { url: this.endpoint()?.url ?? '' },
      confirm: 'endpoints.delete.confirm',
    });
    if (!isConfirmed) return;
    this.run(this.api.remove(this.id()), () => {
      this.notices.show('notice.endpointDeleted');
      void this.router.navigate(['/endpoints']);
    });
  }

  protected sendTest(): void {
    this.testResult.set(null);
    this.testAttempt.set(null);
    this.testRefusal.set(null);
    this.run(
      this.api.sendTest(this.id(), this.testType()),
      (sent) => {
        const messageId = (sent as { id: string }).id;
        this.testResult.set(messageId);
        if (this.scopes.has('messages:read')) this.watchTestAttempt(messageId);
      },
      (failure) => {
        const refusal = testRefusalOf(failure);
        if (refusal === null) return false;
        this.testRefusal.set(
          refusal === 'endpoint-disabled'
            ? { key: 'endpoints.test.refused.disabled' }
            : { key: 'endpoints.test.refused.paused' },
        );
        // What the page said may be stale: the API just told otherwise.
        this.loadHealth();
        if (refusal === 'endpoint-disabled') this.reloadEndpoint();
        return true;
      },
    );
  }

  private loadHeaderNames(): void {
    if (!this.scopes.has('secrets:read')) return;
    this.api.headers(this.id()).subscribe({
      next: ({ headers }) => this.headerNames.set(Object.keys(headers)),
      error: () => this.headerNames.set(null),
    });
  }

  private loadHealth(): void {
    this.api.health().subscribe({
      next: ({ data }) => this.health.set(data.find((entry) => entry.endpointId === this.id())),
      // Without it the page shows the endpoint's own state, as before.
      error: () => undefined,
    });
  }

  /** Reloads the endpoint, a few times until its disable shows when its health says disabled. */
  private reloadEndpoint(): void {
    timer(0, 500)
      .pipe(
        take(10),
        switchMap(() => this.api.get(this.id()).pipe(catchError(() => of(null)))),
        filter((endpoint): endpoint is EndpointOut => endpoint !== null),
        tap((endpoint) => this.endpoint.set(endpoint)),
        takeWhile((endpoint) => this.health()?.health === 'disabled' && !endpoint.disabled, false),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  /** Polls the delivery log (for up to a minute) until the test's attempt shows. */
  private watchTestAttempt(messageId: string): void {
    timer(0, 500)
      .pipe(
        take(120),
        // Until the delivery log has projected the message, it answers 404: keep asking.
        switchMap(() => this.messages.get(messageId).pipe(catchError(() => of(null)))),
        map((detail) => detail?.attempts.find((attempt) => attempt.endpointId === this.id())),
        filter((attempt): attempt is PortalAttempt => attempt !== undefined),
        take(1),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((attempt) => this.testAttempt.set(attempt));
  }

  private loadEventTypes(endpoint: EndpointOut): void {
    this.api.eventTypes().subscribe({
      next: (page) => {
        const subscribed = endpoint.filterTypes;
        const usable = page.data.filter(
          (type) => !type.archived && (!subscribed?.length || subscribed.includes(type.name)),
        );
        this.eventTypes.set(usable);
        this.testType.set(usable[0]?.name ?? '');
      },
      error: () => this.eventTypes.set([]),
    });
  }

  /** Runs an action; `handled` may show a failure its own way (true), else the page's alert does. */
  private run<T>(
    call: Observable<T>,
    done: (value: T) => void,
    handled: (failure: unknown) => boolean = () => false,
  ): void {
    this.isBusy.set(true);
    this.error.set(null);
    call.subscribe({
      next: (value) => {
        this.isBusy.set(false);
        done(value);
      },
      error: (failure: unknown) => {
        this.isBusy.set(false);
        if (handled(failure)) return;
        this.error.set(this.i18n.t(problemMessage(failure, 'endpoints.actionFailed')));
      },
    });
  }
}

/** The refusal code of a 409 to a test send (see the portal API's `portalSendTestEvent`). */
function testRefusalOf(failure: unknown): 'endpoint-disabled' | 'endpoint-paused' | null {
  const result = toApiFailure(failure);
  if (result.kind !== 'problem' || result.status !== 409) return null;
  const codes = (result.problem.errors ?? []).map((error) => error.message);
  if (codes.includes('endpoint-disabled')) return 'endpoint-disabled';
  if (codes.includes('endpoint-paused')) return 'endpoint-paused';
  return null;
}
