import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';

import { STATS_GRANULARITIES, StatsGranularityEnum, type StatsGranularity } from './history.enums';

/** `since`/`until` (default the last 24 h) and the size of each point of the series. */
export class StatsQuery {
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  since?: Date;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  until?: Date;

  @ApiPropertyOptional(StatsGranularityEnum)
  @IsOptional()
  @IsIn(STATS_GRANULARITIES)
  granularity?: StatsGranularity;
}

export class SuccessRatesQuery {
  /** Count attempts since this time (default: 24 hours ago). */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  since?: Date;
}
