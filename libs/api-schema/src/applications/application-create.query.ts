import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ApplicationCreateQuery {
  /** Answer the existing application with the same `uid` (200) instead of a 409. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @IsIn(['true', 'false'])
  get_if_exists?: string;
}
