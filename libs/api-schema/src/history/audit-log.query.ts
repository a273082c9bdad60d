import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQuery } from '../common/page.query';

/** A page of the audit log, newest first. */
export class AuditLogQuery extends PageQuery {
  /** The position of the last entry of the previous page. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  iterator?: number;
}
