import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  newId,
  type AttemptTrigger,
  type MessageAcceptedV1,
  type DeliveryEvents,
  type EventOf,
} from '@hookport/contracts';
import {
  actorOf,
  Database,
  EventStore,
  mayAccessEndpoint,
  isUniqueViolation,
  RequestIdempotency,
  type Principal,
} from '@hookport/platform';
import { DeliveryConfig } from '../config';
import { EndpointDirectory } from '../endpoint-directory/endpoint-directory';
import type { MessageIn } from '@hookport/api-schema';
import { IngestBatcher } from './ingest-batcher';
import { MessageError } from './message.errors';
import {
  deleteExpiredIdempotencyKey,
  findIdempotencyKey,
  findMessage,
  toMessageOut,
} from './message.repository';
import type { MessageOut } from '@hookport/api-schema';

// Svix's limit for `deliverAt`.
const MAX_DELIVER_AHEAD_MS = 24 * 3_600_000;

export interface AcceptMessageCommand {
  appId: string;
  input: MessageIn;
  principal: Principal;
  idempotencyKey: string | undefined;
  /** The endpoints service's position for the app when the gateway resolved it. */
  appPosition: string | undefined;
  /** A test send: only this endpoint, whatever its subscriptions. */
  onlyEndpointId?: string;
  trigger?: AttemptTrigger;
}

/**
 * Accepts a message durably before answering: the message event, the message row and one
 * queued delivery per matching endpoint commit in one transaction (shared with the messages
 * accepted at the same moment: see IngestBatcher).
 */
/** Svix's per-message payload retention, in hours, or null when the message has none. */
const payloadRetentionHoursOf = (input: MessageIn): number | null => {
  const days = input.payloadRetentionPeriod ?? null;
  const hours = input.payloadRetentionHours ?? null;
  if (days !== null && hours !== null) throw MessageError.payloadRetentionTwice();
  return hours ?? (days === null ? null : days * 24);
};

@Injectable()
export class AcceptMessageHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<DeliveryEvents>>,
    @Inject(EndpointDirectory) private readonly directory: EndpointDirectory,
    @Inject(DeliveryConfig) private readonly config: DeliveryConfig,
    @Inject(IngestBatcher) private readonly batcher: IngestBatcher,
    // The key window is the platform's, shared with every other POST.
    @Inject(RequestIdempotency) private readonly keys: RequestIdempotency,
  ) {}

  async execute(
    command: AcceptMessageCommand,
    isRetry = false,
  ): Promise<{ message: MessageOut; created: boolean }> {
    const { appId, input } = command;
    const payload = JSON.stringify(input.payload);
    const size = Buffer.byteLength(payload);
    if (size > this.config.HOOKPORT_MAX_PAYLOAD_BYTES) {
      throw MessageError.payloadTooLarge(size, this.config.HOOKPORT_MAX_PAYLOAD_BYTES);
    }
    const deliverAt = input.deliverAt ?? null;
    if (deliverAt && deliverAt.getTime() > Date.now() + MAX_DELIVER_AHEAD_MS)
      throw MessageError.deliverAtTooLate();
    const payloadRetentionHours = payloadRetentionHoursOf(input);
    // A scheduled time and a payload retention are part of the request only when given: keys
    // stored before they existed keep matching their repeats.
    const hashed = [input.eventType, payload, input.eventId, input.channels, input.tags];
    if (deliverAt) hashed.push(deliverAt.toISOString());
    if (payloadRetentionHours !== null) hashed.push(`payload-retention:${payloadRetentionHours}h`);
    const requestHash = createHash('sha256').update(JSON.stringify(hashed)).digest('base64url');
    if (command.idempotencyKey) {
      const replay = await this.replayIdempotent(appId, command.idempotencyKey, requestHash);
      if (replay) return { message: replay, created: false };
    }
    await this.directory.catchUpWith(appId, command.appPosition);
    const messageId = newId('message');
    const targets = command.onlyEndpointId
      ? this.directory.ofApplication(appId, command.onlyEndpointId)
      : this.directory.targets(appId, input.eventType, input.channels ?? null);
    if (
      command.onlyEndpointId &&
      (targets.length === 0 || !mayAccessEndpoint(command.principal, command.onlyEndpointId))
    ) {
      throw MessageError.endpointNotFound(command.onlyEndpointId);
    }
    const data: MessageAcceptedV1 = {
      messageId,
      appId,
      eventType: input.eventType,
      eventId: input.eventId ?? null,
      payload,
      channels: input.channels ?? null,
      tags: input.tags ?? null,
      endpointIds: targets.map((endpoint) => endpoint.id),
    };
    let occurredAt: string;
    try {
      occurredAt = await this.batcher.write({
        data,
        trigger: command.trigger ?? 'scheduled',
        idempotency: command.idempotencyKey ? { key: command.idempotencyKey, requestHash } : null,
        deliverAt,
        payloadRetentionHours,
        actor: actorOf(command.principal),
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        // A racing request with the same key won: answer as it did.
        if (command.idempotencyKey) {
          const replay = await this.replayIdempotent(appId, command.idempotencyKey, requestHash);
          if (replay) return { message: replay, created: false };
          // The key's last use is past its window but not swept yet: it may be used anew.
          if (!isRetry && (await this.forgetExpiredKey(appId, command.idempotencyKey))) {
            return this.execute(command, true);
          }
        }
        if (input.eventId) throw MessageError.duplicateEventId(input.eventId);
      }
      throw error;
    }
    // Answered from what was just written: no read back.
    const message = toMessageOut({
      id: messageId,
      event_type: data.eventType,
      event_id: data.eventId,
      payload,
      channels: data.channels,
      tags: data.tags,
      created_at: new Date(occurredAt),
    });
    return { message, created: true };
  }

  private async forgetExpiredKey(appId: string, key: string): Promise<boolean> {
    return deleteExpiredIdempotencyKey(this.db, appId, key, this.keys.windowHours * 3600);
  }

  private async replayIdempotent(
    appId: string,
    key: string,
    requestHash: string,
  ): Promise<MessageOut | null> {
    const kept = await findIdempotencyKey(this.db, appId, key, this.keys.windowHours * 3600);
    if (!kept) return null;
    if (kept.requestHash !== requestHash) throw MessageError.idempotencyKeyReused();
    return findMessage(this.db, appId, kept.messageId);
  }
}
