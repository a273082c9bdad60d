import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Svix's list parameters: a page size and the iterator the previous page returned. */
export class ListQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(250)
  limit = 50;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  iterator?: string;
}
