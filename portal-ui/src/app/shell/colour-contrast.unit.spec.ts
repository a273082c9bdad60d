import { describe, expect, it } from 'vitest';

import { contrastRatio, readableOn, textOn } from './colour-contrast';

describe('textOn', () => {
  it('picks white on dark accents and black on light ones', () => {
    expect(textOn('#4338ca')).toBe('#ffffff');
    expect(textOn('#000000')).toBe('#ffffff');
    expect(textOn('#ffd60a')).toBe('#000000');
    expect(textOn('#ffffff')).toBe('#000000');
  });

  it('always reaches 4.5:1 on the accent it is for', () => {
    for (const accent of ['#0f766e', '#ff5a1f', '#777777', '#00ff00', '#1e40af']) {
      expect(contrastRatio(textOn(accent), accent)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('readableOn', () => {
  it('keeps an accent that already reads on the background', () => {
    expect(readableOn('#0f766e', '#ffffff')).toBe('#0f766e');
  });

  it('darkens a pale accent on white and lightens a dark one on a dark background', () => {
    const onWhite = readableOn('#facc15', '#ffffff');
    expect(contrastRatio(onWhite, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(onWhite).not.toBe('#000000');
    const onDark = readableOn('#1e3a8a', '#0d1117');
    expect(contrastRatio(onDark, '#0d1117')).toBeGreaterThanOrEqual(4.5);
    expect(onDark).not.toBe('#ffffff');
  });
});
