import { IsString, Length, Matches } from 'class-validator';
import { NullAsAbsent } from '../common/optional';

/** Svix's `EventExampleIn`: sends the event type's example payload to one endpoint. */
export class EventExampleIn {
  /** @example "invoice.paid" */
  @NullAsAbsent()
  @IsString()
  @Length(1, 256)
  @Matches(/^[a-zA-Z0-9\-_.]+$/, { message: 'eventType is not an event type name' })
  eventType!: string;
}
