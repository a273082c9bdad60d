import { envelopeFor, type BusRecord, type EventBus, type Subscription } from './event-bus';

interface Group {
  subscription: Subscription;
  // Serialises deliveries to one group, as a single partition would.
  tail: Promise<void>;
}

/**
 * The embedded mode's transport: topics in memory with Kafka's semantics for one partition.
 * `publish` resolves only after every subscribed group handled the records, so the outbox relay
 * advances its checkpoint only once the events are durably consumed: nothing is lost on a crash.
 */
export class InProcessEventBus implements EventBus {
  private readonly log = new Map<string, BusRecord[]>();
  private readonly groups: Group[] = [];
  private deadLetterCount = 0;

  async publish(topic: string, records: BusRecord[]): Promise<void> {
    const retained = this.log.get(topic) ?? [];
    retained.push(...records);
    // Bounded memory: the embedded mode keeps the most recent records for late subscribers.
    if (retained.length > 10_000) retained.splice(0, retained.length - 10_000);
    this.log.set(topic, retained);
    const targets = this.groups.filter((group) => group.subscription.topics.includes(topic));
    await Promise.all(targets.map((group) => this.deliver(group, topic, records)));
  }

  async subscribe(subscription: Subscription): Promise<void> {
    const group: Group = { subscription, tail: Promise.resolve() };
    this.groups.push(group);
    if (subscription.fromBeginning) {
      for (const topic of subscription.topics) {
        const retained = this.log.get(topic) ?? [];
        if (retained.length > 0) await this.deliver(group, topic, [...retained]);
      }
    }
  }

  private deliver(group: Group, topic: string, records: BusRecord[]): Promise<void> {
    const run = group.tail.then(async () => {
      const events = [];
      for (const record of records) {
        const { accepts } = group.subscription;
        if (accepts && !accepts({ key: record.key, eventType: record.headers?.['event-type'] }))
          continue;
        const parsed = envelopeFor(group.subscription, topic, record.value);
        if (parsed.ok) events.push(parsed.envelope);
        else this.deadLetterCount += 1;
      }
      if (events.length > 0) await group.subscription.handle({ topic, partition: 0, events });
    });
    // A failed delivery must not poison the group's queue for the next publish.
    group.tail = run.catch(() => undefined);
    return run;
  }

  isReady(): boolean {
    return true;
  }

  deadLettered(): number {
    return this.deadLetterCount;
  }

  /** Always 0: `publish` returns only once every group has handled the records. */
  async consumerLag(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    this.groups.length = 0;
  }
}
