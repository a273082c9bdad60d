import { ApiProperty } from '@nestjs/swagger';
import type { ListResponse } from '@hookport/contracts';

type Constructor<T> = new () => T;

const lists = new Map<Constructor<unknown>, Constructor<ListResponse<unknown>>>();

/**
 * Svix's `ListResponse<Item>` as a named schema (`ListResponseEndpointOut`, ...): OpenAPI has
 * no generics, so each item type gets its own list class, made once.
 */
export const ListResponseOf = <T>(item: Constructor<T>): Constructor<ListResponse<T>> => {
  const known = lists.get(item);
  if (known) return known as Constructor<ListResponse<T>>;
  class List implements ListResponse<T> {
    @ApiProperty({ type: [item] })
    data!: T[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `iterator` for the next (older) page.',
    })
    iterator!: string | null;

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `iterator` for the previous (newer) page.',
    })
    prevIterator!: string | null;

    @ApiProperty({ description: 'No further page.' })
    done!: boolean;
  }
  Object.defineProperty(List, 'name', { value: `ListResponse${item.name}` });
  lists.set(item, List as Constructor<ListResponse<unknown>>);
  return List;
};
