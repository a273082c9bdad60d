import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApplicationIn } from '../applications/application-in.dto';
import { NullAsAbsent, Optional } from '../common/optional';
import { IsChannels } from '../common/string-map';

/** Svix's `MessageIn`. */
export class MessageIn {
  /** The event type, e.g. `invoice.paid`. */
  @NullAsAbsent()
  @IsString()
  @Length(1, 256)
  @Matches(/^[a-zA-Z0-9\-_.]+$/, {
    message: 'eventType may contain letters, digits, "-", "_" and "."',
  })
  eventType!: string;

  /** The JSON payload delivered to endpoints. */
  @NullAsAbsent()
  @IsObject()
  payload!: Record<string, unknown>;

  /** The operator's id for this event: a second message with the same id is refused. */
  @IsOptional()
  @IsString()
  @Length(1, 256)
  @Matches(/^[a-zA-Z0-9\-_.]+$/)
  eventId?: string | null;

  /** The message's channels: an endpoint that lists channels receives it when one matches. */
  @IsChannels()
  channels?: string[] | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @Length(1, 128, { each: true })
  tags?: string[] | null;

  /**
   * Creates the application alongside the message when the id or uid in the path names none
   * (its uid is the path's, unless the path is an `app_` id); ignored when it exists, as Svix does.
   * Needs `applications:write` besides `messages:write`.
   */
  @Optional()
  @ValidateNested()
  @Type(() => ApplicationIn)
  application?: ApplicationIn | null;

  /**
   * When to deliver the message: nothing is sent before this time (up to 24 hours ahead; a
   * time already past delivers at once). Svix asks for at least a minute ahead; Hookport takes
   * any time.
   */
  @Optional()
  @Type(() => Date)
  @IsDate()
  deliverAt?: Date | null;

  /**
   * Days to keep the payload (1 to 90): after that it is expunged, as by `DELETE
   * .../msg/{id}/content`, and reads `{"expired": true}`. Not with `payloadRetentionHours`.
   * Without either, the payload is kept as long as the message (`HOOKPORT_RETENTION_DAYS`).
   */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(90)
  payloadRetentionPeriod?: number | null;

  /** Hours to keep the payload (1 to 2160), as `payloadRetentionPeriod` in hours. */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(2160)
  payloadRetentionHours?: number | null;
}
