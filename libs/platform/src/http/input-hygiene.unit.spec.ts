import { describe, expect, it } from 'vitest';
import { isStorableString, isStorableUrl, jsonInputProblem, MAX_JSON_DEPTH } from './input-hygiene';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
};

describe('input hygiene', () => {
  it('accepts ordinary text, emoji (a surrogate pair) and every other control character', () => {
    expect(isStorableString('Grüße 👋 \t\n\u0001')).toBe(true);
  });

  it('refuses a NUL and unpaired surrogates of either half', () => {
    expect(isStorableString('a\u0000b')).toBe(false);
    expect(isStorableString('\uD83D')).toBe(false);
    expect(isStorableString('x\uDC4Bx')).toBe(false);
  });

  it('names the field of the first unstorable string, in arrays and in keys', () => {
    const found = jsonInputProblem({ payload: { items: [{ ok: 'x' }, { name: 'a\u0000' }] } });
    expect(found).toMatchObject({ kind: 'bad-string', field: 'payload.items[1].name' });
    expect(jsonInputProblem({ metadata: { 'k\uD800': 'v' } })).toMatchObject({
      field: 'metadata.k\uD800',
    });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more, without recursing`, () => {
    expect(jsonInputProblem(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonInputProblem(nested(MAX_JSON_DEPTH + 1))).toEqual({ kind: 'too-deep' });
    expect(jsonInputProblem(nested(100_000))).toEqual({ kind: 'too-deep' });
  });

  it('refuses %00 and escapes that are not UTF-8 in a URL, and accepts encoded text', () => {
    expect(isStorableUrl('/api/v1/app/acme%C3%A9?search=a+b')).toBe(true);
    expect(isStorableUrl('/api/v1/app/%00')).toBe(false);
    expect(isStorableUrl('/api/v1/app/x?iterator=a%00')).toBe(false);
    expect(isStorableUrl('/api/v1/app/%ED%A0%80')).toBe(false);
    expect(isStorableUrl('/api/v1/app/%zz')).toBe(false);
  });
});
