import { describe, expect, it } from 'vitest';

import { textOn } from './branding';

describe('textOn', () => {
  it('puts white text on dark accents and black text on light ones', () => {
    expect(textOn('#4338ca')).toBe('#ffffff');
    expect(textOn('#000000')).toBe('#ffffff');
    expect(textOn('#ffd60a')).toBe('#000000');
    expect(textOn('#ffffff')).toBe('#000000');
  });
});
