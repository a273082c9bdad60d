import { ApiProperty } from '@nestjs/swagger';

/** Svix's `MessageOut`. */
export class MessageOut {
  /** The message id, also each delivery's `webhook-id`. @example "msg_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  id!: string;

  /** The operator's id for the event. @example "evt_1042" */
  eventId!: string | null;

  /** @example "invoice.paid" */
  eventType!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { invoiceId: 'in_1042', amount: 4200 },
  })
  payload!: unknown;

  channels!: string[] | null;

  tags!: string[] | null;

  /** @example "2026-11-23T09:00:00.000Z" */
  timestamp!: string;
}

/** Svix's `EndpointMessageOut`: a message sent to one endpoint, with that delivery's state. */
export class EndpointMessageOut extends MessageOut {
  /** 0 succeeded, 1 pending (or retrying), 2 failed, 4 canceled (content expunged). */
  @ApiProperty({ type: 'integer', enum: [0, 1, 2, 4] })
  status!: 0 | 1 | 2 | 4;

  @ApiProperty({ type: String, enum: ['success', 'pending', 'fail', 'canceled'] })
  statusText!: 'success' | 'pending' | 'fail' | 'canceled';

  /** When the next attempt is due, for a delivery being retried. */
  nextAttempt!: string | null;
}

/** Svix's `MessageEndpointOut`: an endpoint a message went to, with that delivery's state. */
export class MessageEndpointOut {
  /** @example "ep_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  id!: string;

  uid!: string | null;

  /** @example "https://api.customer.example/webhooks" */
  url!: string;

  description!: string;

  eventTypes!: string[] | null;

  channels!: string[] | null;

  throttleRate!: number | null;

  disabled!: boolean;

  createdAt!: string;

  updatedAt!: string;

  /** 0 succeeded, 1 pending (or retrying), 2 failed, 4 canceled (content expunged). */
  @ApiProperty({ type: 'integer', enum: [0, 1, 2, 4] })
  status!: 0 | 1 | 2 | 4;

  @ApiProperty({ type: String, enum: ['success', 'pending', 'fail', 'canceled'] })
  statusText!: 'success' | 'pending' | 'fail' | 'canceled';

  /** When the next attempt is due, for a delivery being retried. */
  nextAttempt!: string | null;
}

/** Svix's `RecoverOut`, with a dry run's count. */
export class RecoverOut {
  /** @example "qtask_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  id!: string;

  @ApiProperty({ type: String, enum: ['finished'] })
  status!: 'finished';

  @ApiProperty({ type: String, enum: ['endpoint.recover'] })
  task!: 'endpoint.recover';

  /** When the task last changed: it is finished when answered. */
  updatedAt!: string;

  dryRun!: boolean;

  /** Failed deliveries re-queued (or that a dry run would re-queue). @example 12 */
  count!: number;

  /** More remain beyond one call's limit (50,000): call again. */
  more!: boolean;

  /**
   * Deliveries in the same window whose attempts failed but that are still being retried on
   * their schedule: not failed yet, so not re-sent, but what a reader of "0 failed" needs to
   * know. Hookport's addition. @example 3
   */
  stillRetrying!: number;

  /** When the first of those is next due; null when none is retrying. */
  nextRetryAt!: string | null;
}
