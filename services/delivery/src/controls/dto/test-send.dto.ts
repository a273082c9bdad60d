import { IsObject, IsString, Length, Matches } from 'class-validator';

/** A test send, as the gateway forwards it: the event type and its example payload. */
export class TestSendDto {
  @IsString()
  @Length(1, 256)
  @Matches(/^[a-zA-Z0-9\-_.]+$/)
  eventType!: string;

  @IsObject()
  payload!: Record<string, unknown>;
}
