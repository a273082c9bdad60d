import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';

import { TranslatePipe } from '../i18n/translate.pipe';
import { SessionScopes } from '../shell/session-scopes';
import { I18n } from '../i18n/i18n';
import { EndpointsApi, type PortalEndpointHealth } from './endpoints-api';
import { successRate } from './stats-buckets';
import type { EndpointOut } from '@hookport/client/types';

/** The application's endpoints, with their state and what they subscribe to. */
@Component({
  selector: 'hp-endpoint-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, RouterLink],
  styles: `
    .circuit--open {
      color: var(--hp-danger-fg);
      font-weight: 600;
    }
  `,
  template: `
    <section aria-labelledby="endpoint-list-title">
      <div class="page-bar">
        <h2 id="endpoint-list-title" class="page-title">{{ 'endpoints.title' | t }}</h2>
        @if (scopes.has('endpoints:write')) {
          <a class="button" routerLink="/endpoints/new" data-testid="add-endpoint">
            {{ 'endpoints.add' | t }}
          </a>
        }
      </div>

      @if (hasFailed()) {
        <p class="alert" role="alert" data-testid="endpoints-error">
          {{ 'endpoints.loadFailed' | t }}
        </p>
      }

      @let rows = endpoints();
      @if (rows === null) {
        @if (!hasFailed()) {
          <p class="hint" role="status">{{ 'endpoints.loading' | t }}</p>
        }
      } @else if (rows.length === 0) {
        <div class="card" role="status" data-testid="endpoints-empty">
          <p>
            <strong>{{ 'endpoints.empty' | t }}</strong>
          </p>
          <p class="hint">{{ 'endpoints.emptyDetail' | t }}</p>
        </div>
      } @else {
        <div class="table-frame" tabindex="0" role="region" aria-labelledby="endpoint-list-title">
          <table class="data-table data-table--stack" data-testid="endpoint-table">
            <thead>
              <tr>
                <th scope="col">{{ 'endpoints.column.url' | t }}</th>
                <th scope="col">{{ 'endpoints.column.status' | t }}</th>
                <th scope="col">{{ 'endpoints.column.circuit' | t }}</th>
                <th scope="col">{{ 'endpoints.column.successRate' | t }}</th>
                <th scope="col">{{ 'endpoints.column.eventTypes' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (endpoint of rows; track endpoint.id) {
                <tr data-testid="endpoint-row" [attr.data-endpoint-id]="endpoint.id">
                  <th scope="row">
                    <a [routerLink]="['/endpoints', endpoint.id]" class="mono">{{
                      endpoint.url
                    }}</a>
                    @if (endpoint.description) {
                      <div class="hint">{{ endpoint.description }}</div>
                    }
                  </th>
                  <td
                    data-testid="endpoint-status"
                    [attr.data-label]="'endpoints.column.status' | t"
                  >
                    {{ (endpoint.disabled ? 'endpoints.disabled' : 'endpoints.enabled') | t }}
                  </td>
                  <td
                    data-testid="endpoint-circuit"
                    [attr.data-label]="'endpoints.column.circuit' | t"
                  >
                    @let circuit = circuits().get(endpoint.id);
                    @if (circuit && circuit.circuit !== 'closed') {
                      <span class="circuit circuit--open">
                        {{
                          (circuit.circuit === 'open'
                            ? 'endpoints.circuit.open'
                            : 'endpoints.circuit.halfOpen'
                          ) | t
                        }}
                      </span>
                      @if (circuit.nextProbeAt) {
                        <div class="hint">
                          {{
                            'endpoints.circuit.nextProbe'
                              | t: { time: i18n.formatDateTime(circuit.nextProbeAt) }
                          }}
                        </div>
                      }
                    } @else {
                      {{ 'endpoints.circuit.closed' | t }}
                    }
                  </td>
                  <td
                    data-testid="endpoint-success-rate"
                    [attr.data-label]="'endpoints.column.successRate' | t"
                  >
                    @let rate = rates().get(endpoint.id);
                    @if (rate && rate.success + rate.fail > 0) {
                      {{ successRate(rate.success, rate.fail) }} %
                      <div class="hint">
                        {{
                          'endpoints.successRate.attempts' | t: { count: rate.success + rate.fail }
                        }}
                      </div>
                    } @else {
                      <span class="hint">{{ 'endpoints.successRate.none' | t }}</span>
                    }
                  </td>
                  <td [attr.data-label]="'endpoints.column.eventTypes' | t">
                    @if (endpoint.filterTypes?.length) {
                      {{ endpoint.filterTypes!.join(', ') }}
                    } @else {
                      <span class="hint">{{ 'endpoints.allEventTypes' | t }}</span>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
})
export class EndpointList {
  protected readonly scopes = inject(SessionScopes);
  protected readonly i18n = inject(I18n);
  protected readonly successRate = successRate;
  protected readonly circuits = signal(new Map<string, PortalEndpointHealth>());
  protected readonly endpoints = signal<readonly EndpointOut[] | null>(null);
  protected readonly rates = signal(new Map<string, { success: number; fail: number }>());
  protected readonly hasFailed = signal(false);

  constructor() {
    const api = inject(EndpointsApi);
    // Circuit states and success rates are a bonus: the list shows without them on failure.
    api.health().subscribe({
      next: ({ data }) =>
        this.circuits.set(new Map(data.map((entry) => [entry.endpointId, entry]))),
      error: () => undefined,
    });
    api.successRates().subscribe({
      next: ({ data }) => this.rates.set(new Map(data.map((entry) => [entry.endpointId, entry]))),
      error: () => undefined,
    });
    api.list().subscribe({
      next: (page) => this.endpoints.set(page.data),
      error: () => this.hasFailed.set(true),
    });
  }
}
