import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** Keyset pagination over the delivery log, newest first. */
export class ListMessagesQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(250)
  limit = 50;

  /** The id of the last message of the previous page. */
  @IsOptional()
  @Matches(/^msg_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'iterator is not a valid message cursor' })
  iterator?: string;
}
