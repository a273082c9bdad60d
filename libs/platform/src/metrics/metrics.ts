import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Where metrics are served instead of the service's own port (HOOKPORT_METRICS_PORT). */
export interface MetricsAddress {
  port: number;
  host: string;
}

/**
 * One Prometheus registry per service (several services share a process in the all-in-one
 * mode, so no global default registry). Served at `GET /metrics` by `createHttpApp`: on the
 * service's own port, or on `address` alone when one is given.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Histogram<'method' | 'route' | 'status'>;
  readonly address: MetricsAddress | undefined;

  constructor(
    service: string,
    options: { processMetrics?: boolean; address?: MetricsAddress } = {},
  ) {
    this.address = options.address;
    this.registry.setDefaultLabels({ service });
    if (options.processMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'hookport_' });
    this.httpRequests = this.histogram(
      'hookport_http_request_duration_seconds',
      'HTTP requests served, by route template and status',
      ['method', 'route', 'status'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    );
  }

  counter<L extends string>(name: string, help: string, labelNames: L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    buckets: number[],
  ): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** A gauge read when scraped, e.g. outbox lag from the database. */
  gauge(name: string, help: string, read: () => Promise<number> | number): Gauge {
    return new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
