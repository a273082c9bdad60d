import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';
import { openHeaderValues, resealHeaderValues, sealHeaderValues } from './sealed-headers';

const box = new SecretBox('a key of at least sixteen characters');

describe('sealed header values', () => {
  it('seals every value, keeps names, and opens them again', () => {
    const sealed = sealHeaderValues(box, { 'X-Api-Key': 'k-123', 'X-Tenant': 'acme' });
    expect(Object.keys(sealed)).toEqual(['X-Api-Key', 'X-Tenant']);
    expect(JSON.stringify(sealed)).not.toMatch(/k-123|acme/);
    expect(openHeaderValues(box, sealed)).toEqual({ 'X-Api-Key': 'k-123', 'X-Tenant': 'acme' });
  });

  it('leaves values kept clear, and never seals a sealed value twice', () => {
    const once = sealHeaderValues(
      box,
      { 'Content-Type': 'application/json', 'X-Key': 'k' },
      new Set(['content-type']),
    );
    expect(once['Content-Type']).toBe('application/json');
    expect(once['X-Key']).not.toBe('k');
    expect(sealHeaderValues(box, once, new Set(['content-type']))).toEqual(once);
  });

  it('reads values stored in clear before sealing as they are', () => {
    expect(openHeaderValues(box, { 'X-Old': 'plain' })).toEqual({ 'X-Old': 'plain' });
  });

  it('takes a value that only looks sealed, or sealed with another key, for clear text', () => {
    const foreign = new SecretBox('another key, sixteen characters').encrypt('k');
    expect(box.tryDecrypt(foreign)).toBeNull();
    expect(openHeaderValues(box, { 'X-Key': foreign })).toEqual({ 'X-Key': foreign });
    const sealed = sealHeaderValues(box, { 'X-Key': foreign });
    expect(sealed['X-Key']).not.toBe(foreign);
    expect(openHeaderValues(box, sealed)).toEqual({ 'X-Key': foreign });
  });

  it('reuses the sealed value of a header that keeps its value, so an unchanged map is identical', () => {
    const current = sealHeaderValues(box, { 'X-Same': 'same', 'X-Changed': 'old' });
    const next = resealHeaderValues(box, current, {
      'X-Same': 'same',
      'X-Changed': 'new',
      'X-Added': 'a',
    });
    expect(next['X-Same']).toBe(current['X-Same']);
    expect(next['X-Changed']).not.toBe(current['X-Changed']);
    expect(openHeaderValues(box, next)).toEqual({
      'X-Same': 'same',
      'X-Changed': 'new',
      'X-Added': 'a',
    });
    expect(resealHeaderValues(box, current, { 'X-Same': 'same', 'X-Changed': 'old' })).toEqual(
      current,
    );
  });
});
