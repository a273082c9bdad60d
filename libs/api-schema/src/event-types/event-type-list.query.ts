import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListQuery } from '../common/list.query';

export class EventTypeListQuery extends ListQuery {
  /** Include archived event types. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @IsIn(['true', 'false'])
  include_archived?: string;
}
