import type { ListResponse } from '@hookport/contracts';

/** Svix's `Ordering` of a list: by the key (ids sort by creation time). */
export type ListOrder = 'ascending' | 'descending';

// A prevIterator is the page's first key behind this mark: reading it walks the other way.
const BACKWARD = '-';

/**
 * How to read one page of a keyset-paginated list: the SQL comparison and direction that take
 * the rows after the iterator in the list's order (or, for a prevIterator, the rows before it,
 * read in reverse and turned back). Both come from closed sets, never from the request.
 */
export interface KeysetWindow {
  cursor: string | null;
  comparison: '>' | '<';
  direction: 'ASC' | 'DESC';
  isBackward: boolean;
}

export const keysetWindow = (
  order: ListOrder | undefined,
  iterator: string | undefined,
): KeysetWindow => {
  const isAscending = (order ?? 'ascending') === 'ascending';
  const isBackward = iterator?.startsWith(BACKWARD) ?? false;
  const cursor = iterator ? (isBackward ? iterator.slice(BACKWARD.length) : iterator) : null;
  // Forward in ascending order reads keys above the cursor; backward, or descending, below.
  const readsUp = isAscending !== isBackward;
  return {
    cursor: cursor || null,
    comparison: readsUp ? '>' : '<',
    direction: readsUp ? 'ASC' : 'DESC',
    isBackward,
  };
};

/**
 * The page out of the `limit + 1` rows read through `window`, in the list's order, with Svix's
 * cursors (as the delivery log's lists have them): `iterator` continues after the page's last
 * item, `prevIterator` goes back before its first, each null where nothing lies that way, and
 * `done` says whether the direction read has no more.
 */
export const keysetPage = <Row, Item>(
  rows: Row[],
  limit: number,
  window: KeysetWindow,
  keyOf: (row: Row) => string,
  toItem: (row: Row) => Item,
): ListResponse<Item> => {
  const hasMore = rows.length > limit;
  const read = rows.slice(0, limit);
  const page = window.isBackward ? read.reverse() : read;
  const first = page[0];
  const last = page[page.length - 1];
  // Going back, the page we came from follows; going forward, `hasMore` says. Before the first
  // page there is nothing: it has no prevIterator.
  const hasNext = window.isBackward || hasMore;
  const hasPrevious = window.isBackward ? hasMore : window.cursor !== null;
  return {
    data: page.map(toItem),
    iterator: last !== undefined && hasNext ? keyOf(last) : null,
    prevIterator: first !== undefined && hasPrevious ? `${BACKWARD}${keyOf(first)}` : null,
    done: !hasMore,
  };
};
