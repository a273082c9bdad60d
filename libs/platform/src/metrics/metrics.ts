import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

/** The process-wide Prometheus registry served on `GET /metrics`. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const existing = <T>(name: string): T | undefined =>
  metricsRegistry.getSingleMetric(name) as T | undefined;

/**
 * Registry helpers other modules use to add their own series. Asking twice for the same name
 * returns the metric already registered, so modules may call these at import time safely.
 */
export const metrics = {
  counter: <L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> =>
    existing<Counter<L>>(config.name) ??
    new Counter<L>({ ...config, registers: [metricsRegistry] }),
  gauge: <L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> =>
    existing<Gauge<L>>(config.name) ?? new Gauge<L>({ ...config, registers: [metricsRegistry] }),
  histogram: <L extends string>(
    config: Omit<HistogramConfiguration<L>, 'registers'>,
  ): Histogram<L> =>
    existing<Histogram<L>>(config.name) ??
    new Histogram<L>({ ...config, registers: [metricsRegistry] }),
  /** Prometheus text exposition of every registered series. */
  render: (): Promise<string> => metricsRegistry.metrics(),
  contentType: metricsRegistry.contentType,
};

/** Request duration per route template and status code, recorded for every service. */
export const httpRequestDuration = metrics.histogram<'method' | 'route' | 'status'>({
  name: 'hookport_http_request_duration_seconds',
  help: 'HTTP request duration in seconds, by method, route template and status code.',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});
