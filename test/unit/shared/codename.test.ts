import { describe, expect, it } from 'vitest';
import { PHONETIC_ALPHABET, suggestCodename } from '../../../src/shared/ics/codename';

const IN_2026 = Date.UTC(2026, 5, 1, 12);

describe('suggestCodename', () => {
  it('starts with Alfa and the two-digit year', () => {
    expect(suggestCodename([], IN_2026)).toBe('26-Alfa');
  });

  it('takes the first free word of the alphabet', () => {
    expect(suggestCodename(['26-Alfa', '26-Bravo', '26-Delta'], IN_2026)).toBe('26-Charlie');
  });

  it('treats existing names case- and whitespace-insensitively', () => {
    expect(suggestCodename(['  26-alfa ', '26-BRAVO'], IN_2026)).toBe('26-Charlie');
  });

  it('does not count last year’s names, or names that only contain a codename', () => {
    expect(suggestCodename(['25-Alfa', '26-Alfa follow-up', 'Alfa'], IN_2026)).toBe('26-Alfa');
  });

  it('goes round the alphabet again with a number once every word is taken', () => {
    const year = PHONETIC_ALPHABET.map((w) => `26-${w}`);
    expect(suggestCodename(year, IN_2026)).toBe('26-Alfa-2');
    expect(suggestCodename([...year, '26-Alfa-2', '26-Bravo-2'], IN_2026)).toBe('26-Charlie-2');
    const twoRounds = [...year, ...PHONETIC_ALPHABET.map((w) => `26-${w}-2`)];
    expect(suggestCodename(twoRounds, IN_2026)).toBe('26-Alfa-3');
  });

  it('uses the UTC year and pads single-digit years', () => {
    expect(suggestCodename([], Date.UTC(2025, 11, 31, 23, 59, 59))).toBe('25-Alfa');
    expect(suggestCodename([], Date.UTC(2026, 0, 1, 0, 0, 0))).toBe('26-Alfa');
    expect(suggestCodename([], Date.UTC(2105, 3, 1))).toBe('05-Alfa');
  });

  it('uses 26 distinct phonetic words', () => {
    expect(new Set(PHONETIC_ALPHABET).size).toBe(26);
    expect(PHONETIC_ALPHABET.map((w) => w[0]).join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });

  it('accepts any iterable of names', () => {
    function* names() {
      yield '26-Alfa';
    }
    expect(suggestCodename(names(), IN_2026)).toBe('26-Bravo');
    expect(suggestCodename(new Set(['26-Alfa', '26-Bravo']), IN_2026)).toBe('26-Charlie');
  });
});
