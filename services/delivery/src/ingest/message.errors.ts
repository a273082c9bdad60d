import { HookportError } from '@hookport/platform';

export enum MessageErrorCode {
  PayloadTooLarge = 'message-payload-too-large',
  DuplicateEventId = 'message-duplicate-event-id',
  IdempotencyKeyReused = 'message-idempotency-key-reused',
  ProjectionBehind = 'message-endpoints-not-yet-known',
  AttemptInProgress = 'delivery-attempt-in-progress',
  ContentExpunged = 'message-content-expunged',
}

export class MessageError extends HookportError {
  static payloadTooLarge(size: number, limit: number) {
    return new MessageError('payloadTooLarge', `Payload is ${size} bytes; the limit is ${limit}`);
  }

  static duplicateEventId(eventId: string) {
    return new MessageError('conflict', `A message with eventId "${eventId}" already exists`, [
      { field: 'eventId', message: MessageErrorCode.DuplicateEventId },
    ]);
  }

  static idempotencyKeyReused() {
    return new MessageError(
      'conflict',
      'This Idempotency-Key was already used with a different request body',
      [{ field: 'Idempotency-Key', message: MessageErrorCode.IdempotencyKeyReused }],
    );
  }

  static deliverAtTooLate() {
    return new MessageError('validation', 'Invalid request: deliverAt', [
      { field: 'deliverAt', message: 'deliverAt may be at most 24 hours ahead' },
    ]);
  }

  static payloadRetentionTwice() {
    return new MessageError('validation', 'Invalid request: payloadRetentionHours', [
      {
        field: 'payloadRetentionHours',
        message: 'payloadRetentionPeriod and payloadRetentionHours exclude each other',
      },
    ]);
  }

  static endpointNotFound(endpointId: string) {
    return new MessageError('notFound', `Endpoint ${endpointId} not found`);
  }

  static messageNotFound(messageId: string) {
    return new MessageError('notFound', `Message ${messageId} not found`);
  }

  static attemptInProgress() {
    return new MessageError(
      'conflict',
      'An attempt to deliver this message to this endpoint is in progress; retry when it ends',
      undefined,
      { 'retry-after': '5' },
    );
  }

  /** As Svix: a message whose payload was expunged cannot be sent again. */
  static contentExpunged() {
    return new MessageError(
      'malformedRequest',
      'Unable to resend message: its payload was expunged',
      [{ field: 'msg_id', message: MessageErrorCode.ContentExpunged }],
    );
  }
}
