import { describe, expect, it } from 'vitest';
import { keysetPage, keysetWindow } from './keyset-page';

// A list of keys read as SQL would through a window: the keyset rule applied to an array.
const KEYS = ['a', 'b', 'c', 'd', 'e'];
const read = (order: 'ascending' | 'descending' | undefined, iterator?: string, limit = 2) => {
  const window = keysetWindow(order, iterator);
  const matching = KEYS.filter(
    (key) =>
      window.cursor === null ||
      (window.comparison === '>' ? key > window.cursor : key < window.cursor),
  );
  const sorted = window.direction === 'ASC' ? matching : [...matching].reverse();
  return keysetPage(
    sorted.slice(0, limit + 1),
    limit,
    window,
    (key) => key,
    (key) => key,
  );
};

describe('keyset pages', () => {
  it('walks ascending by default, each iterator continuing after the last item', () => {
    const first = read(undefined);
    expect(first).toMatchObject({
      data: ['a', 'b'],
      iterator: 'b',
      prevIterator: null,
      done: false,
    });
    const second = read(undefined, first.iterator!);
    expect(second.data).toEqual(['c', 'd']);
    expect(read(undefined, second.iterator!)).toMatchObject({
      data: ['e'],
      iterator: null,
      prevIterator: '-e',
      done: true,
    });
  });

  it('walks descending newest first', () => {
    const first = read('descending');
    expect(first.data).toEqual(['e', 'd']);
    expect(read('descending', first.iterator!).data).toEqual(['c', 'b']);
  });

  it('goes back a page with prevIterator, in either order, keeping the order of items', () => {
    const second = read('ascending', 'b');
    expect(second.data).toEqual(['c', 'd']);
    expect(read('ascending', second.prevIterator!)).toMatchObject({
      data: ['a', 'b'],
      iterator: 'b',
      prevIterator: null,
    });
    const descendingSecond = read('descending', 'd');
    expect(descendingSecond.data).toEqual(['c', 'b']);
    expect(read('descending', descendingSecond.prevIterator!).data).toEqual(['e', 'd']);
  });

  it('answers an empty page with no cursors', () => {
    expect(read('ascending', 'e')).toEqual({
      data: [],
      iterator: null,
      prevIterator: null,
      done: true,
    });
  });
});
