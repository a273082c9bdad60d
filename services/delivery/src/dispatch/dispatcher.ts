import type { DeliveryEvents, EventOf } from '@hookport/contracts';
import { Inject, Injectable } from '@nestjs/common';
import {
  AddressPolicy,
  Database,
  EventStore,
  ServiceMetrics,
  type Logger,
} from '@hookport/platform';
import { DeliveryConfig, retryScheduleSeconds } from '../config';
import { EndpointDirectory } from '../endpoint-directory/endpoint-directory';
import { AttemptRecorder } from './attempt-recorder';
import { AttemptRunner } from './attempt-runner';
import { ClaimLoop } from './claim-loop';
import { DispatchRepository, type ClaimedDelivery } from './dispatch.repository';
import { EndpointAdmission } from './endpoint-admission';
import { EndpointHealthTracker } from './endpoint-health';
import { HttpSender } from './http-sender';

export type { ClaimedDelivery } from './dispatch.repository';

export const DISPATCH_LOGGER = Symbol('DISPATCH_LOGGER');

/**
 * Claims due deliveries from the durable queue, sends them concurrently and records every
 * attempt in batches. A claim is a lease: if this process dies mid-send, the lease lapses and
 * another (or the restarted) process sends again, with the same `webhook-id`.
 */
@Injectable()
export class Dispatcher {
  private readonly sender: HttpSender;
  private readonly repository: DispatchRepository;
  private readonly health: EndpointHealthTracker;
  private readonly recorder: AttemptRecorder;
  private readonly claimLoop: ClaimLoop;

  constructor(
    @Inject(Database) db: Database,
    @Inject(EventStore) store: EventStore<EventOf<DeliveryEvents>>,
    @Inject(EndpointDirectory) directory: EndpointDirectory,
    @Inject(DeliveryConfig) private readonly config: DeliveryConfig,
    @Inject(DISPATCH_LOGGER) private readonly logger: Logger,
    @Inject(ServiceMetrics) metrics: ServiceMetrics,
  ) {
    this.sender = new HttpSender(
      config.HOOKPORT_DELIVERY_TIMEOUT_MS,
      AddressPolicy.fromSetting(config.HOOKPORT_SSRF_ALLOW),
    );
    this.repository = new DispatchRepository(db, store);
    this.health = new EndpointHealthTracker(config.HOOKPORT_DISABLE_AFTER_HOURS * 3_600_000);
    const admission = new EndpointAdmission(config.HOOKPORT_ENDPOINT_CONCURRENCY, {
      failureThreshold: config.HOOKPORT_CIRCUIT_FAILURE_THRESHOLD,
      cooldownMs: config.HOOKPORT_CIRCUIT_COOLDOWN_SECONDS * 1000,
      maxCooldownMs: 600_000,
    });
    this.recorder = new AttemptRecorder(this.repository, logger, () => this.wake());
    const runner = new AttemptRunner({
      directory,
      admission,
      health: this.health,
      recorder: this.recorder,
      sender: this.sender,
      scheduleSeconds: retryScheduleSeconds(config),
      signatureHeaders: config.HOOKPORT_SIGNATURE_HEADERS,
      onHeldBack: () => this.claimLoop.noteBacklog(),
      metrics,
    });
    this.claimLoop = new ClaimLoop({
      concurrency: config.HOOKPORT_DELIVERY_CONCURRENCY,
      admission,
      claim: (limit, held) => this.repository.claim(limit, this.leaseSeconds, held),
      deliver: (claim) => runner.run(claim),
      prepare: () => this.loadHealth(),
      logger,
      metrics,
    });
  }

  start(): void {
    this.claimLoop.start();
  }

  /** Deliveries were queued (not leased at ingest): claim now. */
  wake(): void {
    this.claimLoop.wake();
  }

  /** Stops claiming, lets in-flight sends finish and records them. */
  async stop(): Promise<void> {
    await this.claimLoop.stop();
    await this.recorder.flush();
    await this.sender.close();
  }

  get leaseSeconds(): number {
    return Math.ceil(this.config.HOOKPORT_DELIVERY_TIMEOUT_MS / 1000) + 5;
  }

  /**
   * For ingest: which of a new message's deliveries this process may lease and send at once,
   * skipping the trip through the queue and the claim (the claim loop sends the rest). None
   * while stopped or full; none to an endpoint that is throttled, open-circuited or at its cap.
   */
  sendableNow(): { room: number; allows: (endpointId: string) => boolean } {
    return this.claimLoop.sendableNow(Date.now());
  }

  /** Sends deliveries leased at ingest (`sendableNow`), once their transaction committed. */
  sendLeased(claims: ClaimedDelivery[]): void {
    this.claimLoop.send(claims);
  }

  private async loadHealth(): Promise<void> {
    try {
      this.health.load(await this.repository.loadHealth());
    } catch (error) {
      this.logger.warn({ err: error }, 'could not load endpoint health; starting from healthy');
    }
  }
}
