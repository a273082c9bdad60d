import { describe, expect, it } from 'vitest';
import { idFloorAt, isIdOf, newId } from './ids';

describe('ids', () => {
  it('are prefixed ULIDs, unique, with every base-32 digit in their random part', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('message'));
    expect(ids.every((id) => isIdOf('message', id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const digits = new Set(ids.flatMap((id) => [...id.slice(-16)]));
    expect(digits.size).toBe(32);
  });

  it('sort by creation time, and a floor at a time sorts below the ids made after it', async () => {
    const floor = idFloorAt('attempt', new Date());
    await new Promise((resolve) => setTimeout(resolve, 2));
    const later = newId('attempt');
    expect(floor < later).toBe(true);
    expect(idFloorAt('attempt', new Date(Date.now() + 60_000)) > later).toBe(true);
  });
});
