import type { EventBus, Logger } from '@hookport/platform';

/**
 * How far the projection is behind the delivery topic, polled every few seconds (a Kafka admin
 * round trip, too slow for every scrape or readiness probe).
 */
export class ConsumerLag {
  private lag: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly groupId: string,
    private readonly topics: string[],
  ) {}

  get events(): number | null {
    return this.lag;
  }

  start(everyMs = 5_000): void {
    const poll = () =>
      this.bus.consumerLag(this.groupId, this.topics).then(
        (lag) => (this.lag = lag),
        (error: unknown) => this.logger.debug({ err: error }, 'consumer lag unavailable'),
      );
    void poll();
    this.timer = setInterval(() => void poll(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
