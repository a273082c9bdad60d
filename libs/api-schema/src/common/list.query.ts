import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from './page.query';

/** Svix's list parameters: a page size and the iterator the previous page returned. */
export class ListQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(256)
  iterator?: string;
}
