import { Type } from 'class-transformer';
import { IsBoolean, IsDate } from 'class-validator';
import { NullAsAbsent, Optional } from '../common/optional';

/** Svix's `RecoverIn`, plus a dry run that only counts. */
export class RecoverIn {
  @NullAsAbsent()
  @Type(() => Date)
  @IsDate()
  since!: Date;

  @Optional()
  @Type(() => Date)
  @IsDate()
  until?: Date;

  /** Count what would be re-sent, and re-send nothing. */
  @Optional()
  @IsBoolean()
  dryRun?: boolean;
}
