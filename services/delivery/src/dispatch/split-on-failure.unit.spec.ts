import { describe, expect, it } from 'vitest';
import { writeSplittingOnFailure, type SplitOnFailureOptions } from './split-on-failure';

class Refused extends Error {}

const options = (givenUp: number[][]): SplitOnFailureOptions<number> => ({
  isRefusal: (error) => error instanceof Refused,
  giveUpAfter: 5,
  backoffMs: () => 0,
  onFailure: () => undefined,
  onGiveUp: (items) => givenUp.push(items),
  sleep: async () => undefined,
});

describe('writeSplittingOnFailure', () => {
  it('writes a batch whole when it goes through, after transient failures too', async () => {
    const writes: number[][] = [];
    let failuresLeft = 2;
    await writeSplittingOnFailure(
      [1, 2, 3, 4],
      async (part) => {
        if (failuresLeft-- > 0) throw new Error('connection reset');
        writes.push(part);
      },
      options([]),
    );
    expect(writes).toEqual([[1, 2, 3, 4]]);
  });

  it('isolates the one item the database refuses: the others are written, it alone is given up', async () => {
    const written: number[] = [];
    const firsts: boolean[] = [];
    const givenUp: number[][] = [];
    await writeSplittingOnFailure(
      [1, 2, 3, 4, 5, 6, 7, 8],
      async (part, first) => {
        if (part.includes(6)) throw new Refused('violates a constraint');
        written.push(...part);
        firsts.push(first);
      },
      options(givenUp),
    );
    expect(written.sort()).toEqual([1, 2, 3, 4, 5, 7, 8]);
    expect(givenUp).toEqual([[6]]);
    // The caller's once-per-batch work went with exactly one part: the one holding item 1.
    expect(firsts.filter(Boolean)).toHaveLength(1);
  });

  it('retries an outage whole, never split, and gives the batch up after the limit', async () => {
    const givenUp: number[][] = [];
    const sizes: number[] = [];
    await writeSplittingOnFailure(
      [1, 2, 3],
      async (part) => {
        sizes.push(part.length);
        throw new Error('the database is down');
      },
      options(givenUp),
    );
    expect(sizes).toEqual([3, 3, 3, 3, 3]);
    expect(givenUp).toEqual([[1, 2, 3]]);
  });
});
