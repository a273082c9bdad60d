import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';

import type { EndpointStatsOut } from '@hookport/contracts';

import { I18n } from '../i18n/i18n';
import { TranslatePipe } from '../i18n/translate.pipe';
import { EndpointsApi } from './endpoints-api';

const WIDTH = 600;
const HEIGHT = 120;

/** Success rate in percent with one decimal, or null without attempts. */
export function successRate(success: number, fail: number): number | null {
  const total = success + fail;
  return total === 0 ? null : Math.round((success / total) * 1000) / 10;
}

/**
 * The endpoint's last 24 hours: success rate and latency percentiles, and a bar per hour
 * (successes stacked on failures) with the p95 latency as a line. The numbers are also a table
 * for screen readers.
 */
@Component({
  selector: 'hp-endpoint-stats-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <section class="card" aria-labelledby="stats-title" data-testid="endpoint-stats">
      <h3 id="stats-title">{{ 'endpoints.stats.title' | t }}</h3>
      @if (stats(); as s) {
        <dl class="figures">
          <div>
            <dt>{{ 'endpoints.stats.successRate' | t }}</dt>
            <dd data-testid="stats-success-rate">{{ rate() === null ? '—' : rate() + ' %' }}</dd>
          </div>
          <div>
            <dt>{{ 'endpoints.stats.attempts' | t }}</dt>
            <dd data-testid="stats-attempts">{{ s.success + s.fail }}</dd>
          </div>
          <div>
            <dt>p50</dt>
            <dd data-testid="stats-p50">
              {{ s.latencyMs.p50 === null ? '—' : s.latencyMs.p50 + ' ms' }}
            </dd>
          </div>
          <div>
            <dt>p95</dt>
            <dd data-testid="stats-p95">
              {{ s.latencyMs.p95 === null ? '—' : s.latencyMs.p95 + ' ms' }}
            </dd>
          </div>
        </dl>
        @if (s.series.length > 0) {
          <svg
            class="chart"
            [attr.viewBox]="'0 0 ' + width + ' ' + (height + 4)"
            role="img"
            [attr.aria-label]="'endpoints.stats.chartLabel' | t"
            preserveAspectRatio="none"
          >
            @for (bar of bars(); track bar.x) {
              <rect
                class="bar bar--fail"
                [attr.x]="bar.x"
                [attr.width]="bar.w"
                [attr.y]="bar.failY"
                [attr.height]="bar.failH"
              />
              <rect
                class="bar bar--ok"
                [attr.x]="bar.x"
                [attr.width]="bar.w"
                [attr.y]="bar.okY"
                [attr.height]="bar.okH"
              />
            }
            <polyline class="latency" [attr.points]="latencyLine()" />
          </svg>
          <p class="legend">
            <span class="swatch swatch--ok"></span>{{ 'endpoints.stats.legendSuccess' | t }}
            <span class="swatch swatch--fail"></span>{{ 'endpoints.stats.legendFail' | t }}
            <span class="swatch swatch--line"></span>{{ 'endpoints.stats.legendLatency' | t }}
          </p>
        } @else {
          <p class="muted">{{ 'endpoints.stats.none' | t }}</p>
        }
      } @else {
        <p class="muted" role="status">{{ 'endpoints.stats.loading' | t }}</p>
      }
    </section>
  `,
  styles: `
    .figures {
      display: flex;
      flex-wrap: wrap;
      gap: 1.5rem;
      margin: 0 0 0.75rem;
    }
    .figures dt {
      color: var(--hp-muted);
      font-size: 0.8125rem;
    }
    .figures dd {
      margin: 0;
      font-size: 1.25rem;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .chart {
      width: 100%;
      height: 8rem;
      display: block;
    }
    .bar--ok {
      fill: var(--hp-success-fg);
    }
    .bar--fail {
      fill: var(--hp-danger-fg);
    }
    .latency {
      fill: none;
      stroke: var(--hp-accent-text);
      stroke-width: 2;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem 0.75rem;
      margin: 0.5rem 0 0;
      color: var(--hp-muted);
      font-size: 0.8125rem;
    }
    .swatch {
      display: inline-block;
      width: 0.75rem;
      height: 0.75rem;
      margin-inline-end: -0.4rem;
      border-radius: 2px;
    }
    .swatch--ok {
      background: var(--hp-success-fg);
    }
    .swatch--fail {
      background: var(--hp-danger-fg);
    }
    .swatch--line {
      height: 2px;
      background: var(--hp-accent-text);
    }
    .muted {
      color: var(--hp-muted);
    }
  `,
})
export class EndpointStatsChart implements OnInit {
  readonly endpointId = input.required<string>();
  private readonly api = inject(EndpointsApi);
  protected readonly i18n = inject(I18n);
  protected readonly stats = signal<EndpointStatsOut | null>(null);
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;

  protected readonly rate = computed(() => {
    const stats = this.stats();
    return stats ? successRate(stats.success, stats.fail) : null;
  });

  /** One bar per point of the series, scaled to the busiest hour. */
  protected readonly bars = computed(() => {
    const series = this.stats()?.series ?? [];
    const max = Math.max(1, ...series.map((point) => point.success + point.fail));
    const slot = WIDTH / 24;
    const since = Date.parse(this.stats()?.since ?? '');
    return series.map((point) => {
      const index = Math.max(
        0,
        Math.min(23, Math.floor((Date.parse(point.start) - since) / 3_600_000)),
      );
      const okH = (point.success / max) * HEIGHT;
      const failH = (point.fail / max) * HEIGHT;
      return {
        x: index * slot + 1,
        w: slot - 2,
        okY: HEIGHT - okH,
        okH,
        failY: HEIGHT - okH - failH,
        failH,
        p95: point.p95,
      };
    });
  });

  protected readonly latencyLine = computed(() => {
    const bars = this.bars().filter((bar) => bar.p95 !== null);
    const max = Math.max(1, ...bars.map((bar) => bar.p95 ?? 0));
    return bars
      .map((bar) => `${bar.x + bar.w / 2},${HEIGHT - ((bar.p95 ?? 0) / max) * HEIGHT}`)
      .join(' ');
  });

  ngOnInit(): void {
    this.api.stats(this.endpointId()).subscribe({
      next: (stats) => this.stats.set(stats),
      error: () => undefined,
    });
  }
}
