import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OrderedListQuery } from '../common/ordered-list.query';

export class EventTypeListQuery extends OrderedListQuery {
  /** Include archived event types. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @IsIn(['true', 'false'])
  include_archived?: string;
}
