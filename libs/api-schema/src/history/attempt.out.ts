import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeliveryStatus } from '@hookport/contracts';
import { MessageOut } from '../messages/message.out';
import {
  DeliveryStatusEnum,
  MessageAttemptTriggerTypeEnum,
  MessageStatusEnum,
  StatsGranularityEnum,
} from './history.enums';

/** Svix's `MessageAttemptOut`, with why an attempt failed without an answer. */
export class MessageAttemptOut {
  /** @example "atmpt_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  id!: string;

  /** @example "msg_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  msgId!: string;

  /** @example "ep_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  endpointId!: string;

  /** @example "https://api.customer.example/webhooks" */
  url!: string;

  /** The response body, up to 64 KiB. @example "ok" */
  response!: string;

  /** 0 when no answer came. @example 200 */
  responseStatusCode!: number;

  /** @example 42 */
  responseDurationMs!: number;

  /** 0 success, 1 pending, 2 failed. */
  @ApiProperty(MessageStatusEnum)
  status!: 0 | 1 | 2;

  /** `status` as Svix's text. */
  @ApiProperty({ type: String, enum: ['success', 'pending', 'fail', 'sending', 'canceled'] })
  statusText!: 'success' | 'pending' | 'fail';

  /** 0 scheduled, 1 manual. */
  @ApiProperty(MessageAttemptTriggerTypeEnum)
  triggerType!: 0 | 1;

  /** @example "2026-11-23T09:00:00.000Z" */
  timestamp!: string;

  /** timeout, dns, refused, tls, ssrf-blocked, ... when no answer came. */
  errorClass!: string | null;

  /** scheduled, manual or test. @example "scheduled" */
  trigger!: string;
}

export class LatencyPercentilesOut {
  p50!: number | null;
  p95!: number | null;
  p99!: number | null;
}

export class EndpointStatsPointOut {
  /** Start of the bucket. */
  start!: string;
  success!: number;
  fail!: number;
  p50!: number | null;
  p95!: number | null;
}

/** Svix's `EndpointStats` counts, with latency percentiles and a series for charts. */
export class EndpointStatsOut {
  success!: number;

  /** Capped at 10,000. */
  pending!: number;

  /** Not tracked: always 0. */
  sending!: number;

  fail!: number;

  /** Deliveries of the range's messages canceled by a content expunge; capped at 10,000. */
  canceled!: number;

  since!: string;

  until!: string;

  @ApiProperty(StatsGranularityEnum)
  granularity!: 'minute' | 'hour' | 'day';

  latencyMs!: LatencyPercentilesOut;

  @ApiProperty({ type: [EndpointStatsPointOut] })
  series!: EndpointStatsPointOut[];
}

export class EndpointSuccessRateOut {
  endpointId!: string;
  success!: number;
  fail!: number;
}

/** Each endpoint's attempts by outcome since a time; an endpoint not listed had none. */
export class EndpointSuccessRatesOut {
  since!: string;

  @ApiProperty({ type: [EndpointSuccessRateOut] })
  data!: EndpointSuccessRateOut[];
}

export class ActorOut {
  @ApiProperty({ type: String, enum: ['api-key', 'portal-session', 'system'] })
  kind!: 'api-key' | 'portal-session' | 'system';

  id!: string;

  /** A portal session's metadata (who was behind it). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  metadata?: Record<string, string>;
}

/** One change to an application or its endpoints. */
export class AuditLogEntryOut {
  id!: string;

  /** @example "endpoint.created" */
  type!: string;

  /** The changed application or endpoint. */
  resource!: string;

  actor!: ActorOut;

  /** The event's data, signing secrets left out. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;

  occurredAt!: string;
}

/** One delivery (message × endpoint) as the portal's log shows it. */
export class DeliveryStateOut {
  endpointId!: string;

  @ApiProperty(DeliveryStatusEnum)
  status!: DeliveryStatus;

  attempts!: number;

  lastResponseStatus!: number | null;

  lastAttemptAt!: string | null;

  /**
   * When a retrying or queued delivery is next due (an open circuit may hold it longer: see the
   * endpoint's health); null once it succeeded or failed for good.
   */
  nextAttemptAt!: string | null;
}

/** A row of the portal's delivery log: a message and the state of each delivery. */
export class MessageLogRowOut {
  id!: string;

  eventType!: string;

  eventId!: string | null;

  timestamp!: string;

  @ApiProperty({ type: [DeliveryStateOut] })
  deliveries!: DeliveryStateOut[];
}

/** One attempt in full, as the portal's message detail shows it. */
export class AttemptDetailOut {
  id!: string;
  endpointId!: string;
  attemptNumber!: number;
  /** scheduled, manual or test. */
  trigger!: string;
  url!: string;

  /** Request headers (signatures included; secrets never are). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  requestHeaders!: Record<string, string>;

  responseStatus!: number | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  responseHeaders!: Record<string, string>;

  /** Up to 64 KiB. */
  responseBody!: string;
  durationMs!: number;
  errorClass!: string | null;
  errorMessage!: string | null;
  succeeded!: boolean;
  timestamp!: string;
}

/** A message with its payload, the state of each delivery and every attempt. */
export class MessageDetailOut extends MessageOut {
  @ApiProperty({ type: [DeliveryStateOut] })
  deliveries!: DeliveryStateOut[];

  @ApiProperty({ type: [AttemptDetailOut] })
  attempts!: AttemptDetailOut[];
}
