import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';

/** Every list's page size: 1 to 250, 50 by default. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'Page size (default 50).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(250)
  limit: number = 50;
}

/** A page within a time window: what the delivery history lists take. */
export class WindowedPageQuery extends PageQuery {
  /** Only what happened before this time. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  before?: Date;

  /** Only what happened after this time. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  after?: Date;
}
