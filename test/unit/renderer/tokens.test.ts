/**
 * The colour tokens meet WCAG AA in both themes: every text colour on every
 * surface it is drawn on (4.5:1), and the text on each solid fill. Read from
 * tokens.css itself, so a changed token that breaks a pair fails here before
 * axe meets it on some screen.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../../src/renderer/app/tokens.css', import.meta.url), 'utf8');

/** A token's colour in a theme: light-dark(light, dark) pairs, or one colour for both. */
function colour(name: string, theme: 'light' | 'dark'): string {
  const value = new RegExp(`--${name}:\\s*([^;]+);`).exec(css)?.[1]?.trim();
  if (!value) throw new Error(`no token --${name}`);
  const pair = /^light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)$/i.exec(value);
  if (pair) return theme === 'light' ? pair[1]! : pair[2]!;
  if (/^#[0-9a-f]{6}$/i.test(value)) return value;
  throw new Error(`--${name} is not a colour: ${value}`);
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const SURFACES = ['bg', 'panel', 'panel-2', 'row-hover', 'row-marked', 'accent-soft', 'danger-soft', 'warn-soft'];
const TEXTS = ['text', 'muted', 'accent', 'danger', 'warn', 'ok', 'violet', 'teal', 'orange', 'star', 'derived'];
const FILLS: [text: string, fill: string][] = [
  ['on-solid', 'accent-solid'],
  ['on-solid', 'accent-solid-hover'],
  ['on-solid', 'danger-solid'],
  ['on-sev', 'sev1'],
  ['on-sev', 'sev2'],
  ['on-sev', 'sev3'],
  ['on-sev', 'sev4'],
  ['on-sev', 'sev5'],
  ['text', 'mark'],
];

describe.each(['light', 'dark'] as const)('the %s theme', (theme) => {
  it('has every text colour at 4.5:1 or more on every surface', () => {
    const failing = SURFACES.flatMap((surface) =>
      TEXTS.map((text) => ({ text, surface, ratio: contrast(colour(text, theme), colour(surface, theme)) })).filter((p) => p.ratio < 4.5),
    );
    expect(failing).toEqual([]);
  });
  it('has readable text on each solid fill', () => {
    const failing = FILLS.map(([text, fill]) => ({ text, fill, ratio: contrast(colour(text, theme), colour(fill, theme)) })).filter((p) => p.ratio < 4.5);
    expect(failing).toEqual([]);
  });
});

describe('the contrast measure', () => {
  it('finds the old WARTIME pill (white on #e5484d) short of AA, and black on white at 21:1', () => {
    expect(contrast('#ffffff', '#e5484d')).toBeLessThan(4.5);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
