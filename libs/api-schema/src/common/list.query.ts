import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Svix's list parameters: a page size and the iterator the previous page returned. */
export class ListQuery {
  @ApiPropertyOptional({ description: 'Page size (default 50).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(250)
  limit: number = 50;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  iterator?: string;
}
