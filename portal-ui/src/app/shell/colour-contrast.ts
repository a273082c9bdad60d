/** WCAG 2 colour arithmetic for the operator's accent colour (`#rrggbb`). */

type Rgb = readonly [number, number, number];

const parse = (hex: string): Rgb => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
];

const format = (rgb: Rgb): string =>
  `#${rgb.map((value) => Math.round(value).toString(16).padStart(2, '0')).join('')}`;

const luminance = (rgb: Rgb): number => {
  const [r, g, b] = rgb.map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** The WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [luminance(parse(first)), luminance(parse(second))].sort(
    (a, b) => b - a,
  ) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** Black or white text on `hex`, whichever contrasts more (one of them always reaches 4.5:1). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  return contrastRatio(hex, '#ffffff') >= contrastRatio(hex, '#000000') ? '#ffffff' : '#000000';
}

/**
 * `hex` itself when it reads on `background` with at least `minimum` contrast (4.5:1, text),
 * else the nearest shade of it that does: mixed towards black on a light background, towards
 * white on a dark one. Links and focus rings keep the brand's hue and stay legible.
 */
export function readableOn(hex: string, background: string, minimum = 4.5): string {
  const colour = parse(hex);
  const target: Rgb = luminance(parse(background)) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  for (let step = 0; step <= 20; step++) {
    const mix = step / 20;
    const candidate = format(
      colour.map(
        (value, index) => value + ((target[index] ?? value) - value) * mix,
      ) as unknown as Rgb,
    );
    if (contrastRatio(candidate, background) >= minimum) return candidate;
  }
  return format(target);
}
