import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterRenderEffect,
  computed,
  inject,
  input,
  signal,
  viewChild,
  type OnInit,
} from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  type TooltipModel,
  Tooltip,
} from 'chart.js';

import { I18n } from '../i18n/i18n';
import { TranslatePipe } from '../i18n/translate.pipe';
import { EndpointsApi } from './endpoints-api';
import { statsBuckets, successRate } from './stats-buckets';
import type { EndpointStatsOut } from '@hookport/client/types';

// Only what these two charts draw: Chart.js leaves the rest out of the bundle.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

/** The chart's tooltip, drawn as HTML (readable, themed, testable) where Chart.js says. */
interface ChartTip {
  chart: 'deliveries' | 'latency';
  left: number;
  top: number;
  title: string;
  lines: string[];
}

/**
 * The endpoint's last 24 hours: success rate and latency percentiles as figures, then two
 * charts per hour (Chart.js): deliveries that succeeded and failed, and the p50/p95 latency.
 * Every hour of the range is a bucket, empty ones too. The same numbers are a table for
 * whoever cannot see the charts.
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
          <div class="charts" #charts>
            <figure class="chart">
              <figcaption>{{ 'endpoints.stats.deliveriesChart' | t }}</figcaption>
              <div class="chart__area">
                <canvas
                  #deliveries
                  role="img"
                  data-testid="chart-deliveries"
                  [attr.aria-label]="'endpoints.stats.deliveriesLabel' | t"
                ></canvas>
              </div>
            </figure>
            <figure class="chart">
              <figcaption>{{ 'endpoints.stats.latencyChart' | t }}</figcaption>
              <div class="chart__area">
                <canvas
                  #latency
                  role="img"
                  data-testid="chart-latency"
                  [attr.aria-label]="'endpoints.stats.latencyLabel' | t"
                ></canvas>
              </div>
            </figure>
            @if (tip(); as shown) {
              <div
                class="tip"
                data-testid="chart-tooltip"
                [style.left.px]="shown.left"
                [style.top.px]="shown.top"
              >
                <strong>{{ shown.title }}</strong>
                @for (line of shown.lines; track $index) {
                  <span>{{ line }}</span>
                }
              </div>
            }
          </div>
          <details class="numbers">
            <summary>{{ 'endpoints.stats.showNumbers' | t }}</summary>
            <div class="table-frame">
              <table class="data-table" data-testid="stats-table">
                <thead>
                  <tr>
                    <th scope="col">{{ 'endpoints.stats.hour' | t }}</th>
                    <th scope="col">{{ 'endpoints.stats.legendSuccess' | t }}</th>
                    <th scope="col">{{ 'endpoints.stats.legendFail' | t }}</th>
                    <th scope="col">p50</th>
                    <th scope="col">p95</th>
                  </tr>
                </thead>
                <tbody>
                  @for (bucket of activeBuckets(); track bucket.start.getTime()) {
                    <tr>
                      <th scope="row">{{ hourLabel(bucket.start) }}</th>
                      <td>{{ bucket.success }}</td>
                      <td>{{ bucket.fail }}</td>
                      <td>{{ bucket.p50 === null ? '—' : bucket.p50 + ' ms' }}</td>
                      <td>{{ bucket.p95 === null ? '—' : bucket.p95 + ' ms' }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          </details>
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
      gap: var(--hp-space-6);
      margin: 0 0 var(--hp-space-4);
    }
    .figures dt {
      color: var(--hp-muted);
      font-size: var(--hp-text-sm);
    }
    .figures dd {
      margin: 0;
      font-size: var(--hp-text-xl);
      font-weight: var(--hp-weight-strong);
      font-variant-numeric: tabular-nums;
    }
    .charts {
      position: relative;
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      gap: var(--hp-space-5);
    }
    .chart {
      min-width: 0;
      margin: 0;
    }
    .chart figcaption {
      margin-bottom: var(--hp-space-2);
      font-size: var(--hp-text-sm);
      font-weight: var(--hp-weight-strong);
    }
    .chart__area {
      position: relative;
      height: 13rem;
    }
    .tip {
      position: absolute;
      z-index: 2;
      display: grid;
      gap: 0.1rem;
      min-width: 9rem;
      padding: var(--hp-space-2) var(--hp-space-3);
      border: 1px solid var(--hp-border);
      border-radius: var(--hp-radius-md);
      color: var(--hp-fg);
      background: var(--hp-bg);
      box-shadow: var(--hp-shadow);
      font-size: var(--hp-text-sm);
      pointer-events: none;
      transform: translate(-50%, calc(-100% - 0.5rem));
      white-space: nowrap;
    }
    .numbers {
      margin-top: var(--hp-space-4);
    }
    .numbers summary {
      cursor: pointer;
      margin-bottom: var(--hp-space-2);
      color: var(--hp-accent-text);
      font-weight: var(--hp-weight-strong);
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
  protected readonly tip = signal<ChartTip | null>(null);
  private readonly deliveriesCanvas = viewChild<ElementRef<HTMLCanvasElement>>('deliveries');
  private readonly latencyCanvas = viewChild<ElementRef<HTMLCanvasElement>>('latency');
  private readonly chartsArea = viewChild<ElementRef<HTMLElement>>('charts');

  protected readonly rate = computed(() => {
    const stats = this.stats();
    return stats ? successRate(stats.success, stats.fail) : null;
  });
  private readonly buckets = computed(() => {
    const stats = this.stats();
    return stats ? statsBuckets(stats) : [];
  });
  /** The table lists the hours that had attempts: 24 rows of zeros would hide them. */
  protected readonly activeBuckets = computed(() =>
    this.buckets().filter((bucket) => bucket.success + bucket.fail > 0),
  );
  private readonly hourFormat = computed(
    () => new Intl.DateTimeFormat(this.i18n.language(), { hour: '2-digit', minute: '2-digit' }),
  );

  constructor() {
    afterRenderEffect((onCleanup) => {
      const deliveries = this.deliveriesCanvas()?.nativeElement;
      const latency = this.latencyCanvas()?.nativeElement;
      const buckets = this.buckets();
      if (!deliveries || !latency || buckets.length === 0) return;
      const charts = [
        new Chart(deliveries, this.deliveriesChart(deliveries, buckets)),
        new Chart(latency, this.latencyChart(latency, buckets)),
      ];
      onCleanup(() => charts.forEach((chart) => chart.destroy()));
    });
  }

  ngOnInit(): void {
    this.api.stats(this.endpointId()).subscribe({
      next: (stats) => this.stats.set(stats),
      error: () => undefined,
    });
  }

  protected hourLabel(start: Date): string {
    return this.hourFormat().format(start);
  }

  private deliveriesChart(
    canvas: HTMLCanvasElement,
    buckets: ReturnType<typeof statsBuckets>,
  ): ChartConfiguration<'bar'> {
    const colours = themeColours(canvas);
    const t = (key: Parameters<I18n['t']>[0], params?: Record<string, string | number>) =>
      this.i18n.t(key, params);
    return {
      type: 'bar',
      data: {
        labels: buckets.map((bucket) => this.hourLabel(bucket.start)),
        datasets: [
          {
            label: t('endpoints.stats.legendSuccess'),
            data: buckets.map((bucket) => bucket.success),
            backgroundColor: colours.success,
            stack: 'attempts',
          },
          {
            label: t('endpoints.stats.legendFail'),
            data: buckets.map((bucket) => bucket.fail),
            backgroundColor: colours.danger,
            stack: 'attempts',
          },
        ],
      },
      options: {
        ...this.commonOptions(colours, 'deliveries'),
        scales: {
          x: {
            stacked: true,
            ...axis(colours),
            ticks: { ...axis(colours).ticks, maxTicksLimit: 8 },
          },
          y: {
            stacked: true,
            beginAtZero: true,
            ...axis(colours),
            ticks: { ...axis(colours).ticks, precision: 0 },
            title: { display: true, text: t('endpoints.stats.attempts'), color: colours.muted },
          },
        },
      },
    };
  }

  private latencyChart(
    canvas: HTMLCanvasElement,
    buckets: ReturnType<typeof statsBuckets>,
  ): ChartConfiguration<'line'> {
    const colours = themeColours(canvas);
    return {
      type: 'line',
      data: {
        labels: buckets.map((bucket) => this.hourLabel(bucket.start)),
        datasets: [
          {
            label: 'p50',
            data: buckets.map((bucket) => bucket.p50),
            borderColor: colours.accent,
            backgroundColor: colours.accent,
          },
          {
            label: 'p95',
            data: buckets.map((bucket) => bucket.p95),
            borderColor: colours.warning,
            backgroundColor: colours.warning,
            borderDash: [6, 3],
          },
        ],
      },
      options: {
        ...this.commonOptions(colours, 'latency'),
        scales: {
          x: { ...axis(colours), ticks: { ...axis(colours).ticks, maxTicksLimit: 8 } },
          y: {
            beginAtZero: true,
            ...axis(colours),
            title: { display: true, text: 'ms', color: colours.muted },
          },
        },
      },
    };
  }

  private commonOptions(colours: ThemeColours, chart: ChartTip['chart']) {
    return {
      responsive: true,
      maintainAspectRatio: false,
      // Drawn at once: nothing moves for readers who asked for less motion, or in screenshots.
      animation: false as const,
      interaction: { mode: 'index' as const, intersect: false },
      plugins: {
        legend: {
          position: 'bottom' as const,
          labels: { color: colours.muted, boxWidth: 12, boxHeight: 12 },
        },
        tooltip: {
          enabled: false,
          external: (context: { chart: Chart; tooltip: TooltipModel<'bar' | 'line'> }) =>
            this.showTip(chart, context.chart.canvas, context.tooltip),
        },
      },
    };
  }

  private showTip(
    chart: ChartTip['chart'],
    canvas: HTMLCanvasElement,
    tooltip: TooltipModel<'bar' | 'line'>,
  ): void {
    if (tooltip.opacity === 0) {
      if (this.tip()?.chart === chart) this.tip.set(null);
      return;
    }
    const lines = tooltip.dataPoints.map((point) => {
      const value = point.raw as number | null;
      const shown = value === null ? '—' : chart === 'latency' ? `${value} ms` : String(value);
      return `${point.dataset.label ?? ''}: ${shown}`;
    });
    if (chart === 'deliveries') {
      const [success, fail] = tooltip.dataPoints.map((point) => Number(point.raw ?? 0));
      const rate = successRate(success ?? 0, fail ?? 0);
      if (rate !== null) lines.push(this.i18n.t('endpoints.stats.rateAt', { rate }));
    }
    // Chart.js gives the point within the canvas; the tip is placed within both charts' area.
    const area = this.chartsArea()?.nativeElement.getBoundingClientRect();
    const box = canvas.getBoundingClientRect();
    this.tip.set({
      chart,
      left: box.left - (area?.left ?? box.left) + tooltip.caretX,
      top: box.top - (area?.top ?? box.top) + tooltip.caretY,
      title: tooltip.title.join(' '),
      lines,
    });
  }
}

interface ThemeColours {
  success: string;
  danger: string;
  warning: string;
  accent: string;
  muted: string;
  grid: string;
}

/** The theme's tokens as colours a canvas can use (light-dark() resolved for this element). */
function themeColours(element: HTMLElement): ThemeColours {
  const probe = element.ownerDocument.createElement('span');
  element.parentElement?.appendChild(probe);
  const resolve = (token: string) => {
    probe.style.color = `var(${token})`;
    return getComputedStyle(probe).color;
  };
  const colours = {
    success: resolve('--hp-success-fg'),
    danger: resolve('--hp-danger-fg'),
    warning: resolve('--hp-warning-fg'),
    accent: resolve('--hp-accent-text'),
    muted: resolve('--hp-muted'),
    grid: resolve('--hp-border'),
  };
  probe.remove();
  return colours;
}

const axis = (colours: ThemeColours) => ({
  grid: { color: colours.grid },
  border: { color: colours.grid },
  ticks: { color: colours.muted },
});
