import { describe, expect, it } from 'vitest';

import { hashWithoutCode, readCodeFromHash } from './session-code';

describe('readCodeFromHash', () => {
  it('reads the one-time code from the fragment', () => {
    expect(readCodeFromHash('#code=otc_01HZX3')).toBe('otc_01HZX3');
  });

  it('accepts a fragment without its leading #', () => {
    expect(readCodeFromHash('code=abc')).toBe('abc');
  });

  it('decodes a percent-encoded code', () => {
    expect(readCodeFromHash('#code=a%2Bb%3D')).toBe('a+b=');
  });

  it('finds the code among other fragment parameters', () => {
    expect(readCodeFromHash('#view=logs&code=abc')).toBe('abc');
  });

  it('returns null when the fragment is empty or carries no code', () => {
    expect(readCodeFromHash('')).toBeNull();
    expect(readCodeFromHash('#')).toBeNull();
    expect(readCodeFromHash('#view=logs')).toBeNull();
    expect(readCodeFromHash('#code=')).toBeNull();
    expect(readCodeFromHash('#code=%20%20')).toBeNull();
  });
});

describe('hashWithoutCode', () => {
  it('leaves no fragment when the code was all there was', () => {
    expect(hashWithoutCode('#code=abc')).toBe('');
  });

  it('keeps the other fragment parameters', () => {
    expect(hashWithoutCode('#view=logs&code=abc')).toBe('#view=logs');
  });

  it('changes nothing when there is no code', () => {
    expect(hashWithoutCode('#view=logs')).toBe('#view=logs');
    expect(hashWithoutCode('')).toBe('');
  });
});
