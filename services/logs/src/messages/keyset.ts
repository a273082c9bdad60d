import type { ListResponse } from '@hookport/contracts';

/**
 * Keyset pages over time-sortable ids, newest first, in both directions. An iterator is the
 * last id of the page before (older items follow), or `-<id>`, the first id of the page after
 * (newer items: what `prevIterator` hands out). Never OFFSET.
 */
export interface Keyset {
  /** SQL condition on the id column, e.g. `m.id < $2`. */
  condition: (column: string, param: string) => string;
  order: 'ASC' | 'DESC';
  cursor: string | null;
  backward: boolean;
}

export const keysetOf = (iterator: string | undefined): Keyset => {
  const backward = iterator?.startsWith('-') ?? false;
  const cursor = iterator ? iterator.replace(/^-/, '') : null;
  return {
    condition: (column, param) =>
      `(${param}::text IS NULL OR ${column} ${backward ? '>' : '<'} ${param})`,
    order: backward ? 'ASC' : 'DESC',
    cursor,
    backward,
  };
};

/** Rows fetched with LIMIT limit + 1 in the keyset's order, as a newest-first page. */
export const keysetPage = <T extends { id: string }>(
  rows: T[],
  limit: number,
  keyset: Keyset,
): ListResponse<T> => {
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  if (keyset.backward) data.reverse();
  const first = data[0]?.id;
  const last = data[data.length - 1]?.id;
  return {
    data,
    // Going back, there are older items (the page we came from); going forward, `more` says.
    iterator: last && (keyset.backward || more) ? last : null,
    prevIterator: first && (keyset.backward ? more : keyset.cursor !== null) ? `-${first}` : null,
    done: !more,
  };
};
