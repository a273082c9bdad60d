import type { ApiPropertyOptions } from '@nestjs/swagger';
import type { DeliveryStatus } from '@hookport/contracts';

/*
 * The delivery log's enums, each named once in the OpenAPI document so that generated clients
 * get one type for it. A named enum is also the only way @nestjs/swagger keeps an enum on a
 * query parameter built from a class: an unnamed one is dropped.
 */

export const DELIVERY_STATUSES: DeliveryStatus[] = [
  'pending',
  'succeeded',
  'failed',
  'retrying',
  'canceled',
];
export const DeliveryStatusEnum = {
  enum: DELIVERY_STATUSES,
  enumName: 'DeliveryStatus',
  enumSchema: { description: 'Where a delivery (a message to one endpoint) stands.' },
} satisfies ApiPropertyOptions;

/** Svix's `MessageStatus`: 0 succeeded, 1 pending, 2 failed, 3 sending, 4 canceled. */
export const MESSAGE_STATUSES = [0, 1, 2, 3, 4] as const;
export const MessageStatusEnum = {
  type: 'integer',
  enum: [...MESSAGE_STATUSES],
  enumName: 'MessageStatus',
  enumSchema: {
    description:
      '0 succeeded, 1 pending (or retrying), 2 failed, 3 sending (never reported: an attempt in flight is not logged), 4 canceled (content expunged before it was sent).',
  },
} satisfies ApiPropertyOptions;

/** Svix's `StatusCodeClass`: the answer's hundreds, 0 when no answer came. */
export const STATUS_CODE_CLASSES = [0, 100, 200, 300, 400, 500] as const;
export const StatusCodeClassEnum = {
  type: 'integer',
  enum: [...STATUS_CODE_CLASSES],
  enumName: 'StatusCodeClass',
  enumSchema: { description: "The answer's status code in hundreds; 0 when no answer came." },
} satisfies ApiPropertyOptions;

/** The portal's spelling of a status-code class. */
export const RESPONSE_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
export const ResponseClassEnum = {
  enum: [...RESPONSE_CLASSES],
  enumName: 'ResponseClass',
  enumSchema: { description: "The class of the answer's status code." },
} satisfies ApiPropertyOptions;

/** Svix's `MessageAttemptTriggerType`: 0 scheduled, 1 manual. */
export const MessageAttemptTriggerTypeEnum = {
  type: 'integer',
  enum: [0, 1],
  enumName: 'MessageAttemptTriggerType',
  enumSchema: { description: '0 scheduled, 1 manual (a resend or recover).' },
} satisfies ApiPropertyOptions;

export const STATS_GRANULARITIES = ['minute', 'hour', 'day'] as const;
export type StatsGranularity = (typeof STATS_GRANULARITIES)[number];
export const StatsGranularityEnum = {
  enum: [...STATS_GRANULARITIES],
  enumName: 'StatsGranularity',
  enumSchema: { description: 'The span of each point of a stats series.' },
} satisfies ApiPropertyOptions;

/**
 * Every named enum. The document generator names each after the first property that uses it
 * and takes that property's description; the document then sets each enum's own.
 */
export const NAMED_ENUMS = [
  DeliveryStatusEnum,
  MessageStatusEnum,
  StatusCodeClassEnum,
  ResponseClassEnum,
  MessageAttemptTriggerTypeEnum,
  StatsGranularityEnum,
];
