import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsOptional } from 'class-validator';

/** Svix's `RecoverIn`, plus a dry run that only counts. */
export class RecoverIn {
  @Type(() => Date)
  @IsDate()
  since!: Date;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  until?: Date;

  /** Count what would be re-sent, and re-send nothing. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
