import { IsIn, IsOptional } from 'class-validator';
import { ListQuery } from './list.query';

/** Svix's list parameters with `order`, on the lists where Svix's API has it. */
export class OrderedListQuery extends ListQuery {
  /** The order of the items (by creation; event types by name): `ascending` unless given. */
  @IsOptional()
  @IsIn(['ascending', 'descending'])
  order?: 'ascending' | 'descending';
}
