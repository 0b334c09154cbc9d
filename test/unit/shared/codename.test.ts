import { describe, expect, it } from 'vitest';
import { PHONETIC_ALPHABET, codenameKey, incidentNamed, suggestCodename, suggestRename } from '../../../src/shared/ics/codename';

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

describe('codenameKey: names people cannot tell apart are one name', () => {
  const same: Array<[string, string]> = [
    ['case', '26-ALFA'],
    ['surrounding space', '  26-Alfa \t'],
    ['a trailing no-break space', '26-Alfa\u00a0'],
    ['a zero-width space pasted from chat', '26-\u200bAlfa'],
    ['a right-to-left mark', '\u200f26-Alfa'],
    ['full-width digits', '２６-Alfa'],
    ['an en dash', '26–Alfa'],
    ['a Unicode hyphen', '26\u2010alfa'],
  ];
  it.each(same)('ignores %s', (_what, name) => {
    expect(codenameKey(name)).toBe(codenameKey('26-Alfa'));
  });

  it('keeps names that read differently apart', () => {
    expect(codenameKey('26-Alfa-2')).not.toBe(codenameKey('26-Alfa'));
    expect(codenameKey('26 Alfa')).not.toBe(codenameKey('26-Alfa'));
    expect(codenameKey('26-Alpha')).not.toBe(codenameKey('26-Alfa'));
  });

  it('treats runs of inner white space as one space', () => {
    expect(codenameKey('Checkout   down')).toBe(codenameKey('checkout down'));
  });
});

describe('incidentNamed: is a proposed name taken?', () => {
  const known = [
    { id: 'a', name: '26-Alfa' },
    { id: 'b', name: 'Checkout  Storm' },
  ];

  it('finds the incident that holds the name, whatever its case and spacing', () => {
    expect(incidentNamed('26-alfa ', known)?.id).toBe('a');
    expect(incidentNamed('checkout storm', known)?.id).toBe('b');
    expect(incidentNamed('26-Bravo', known)).toBeNull();
  });

  it('does not count the incident itself (a rename that only fixes the case)', () => {
    expect(incidentNamed('26-ALFA', known, 'a')).toBeNull();
    expect(incidentNamed('26-ALFA', known, 'b')?.id).toBe('a');
  });

  it('never matches a blank or invisible name against anything', () => {
    const blank = [{ id: 'x', name: '\u200b' }];
    expect(incidentNamed('   ', known)).toBeNull();
    expect(incidentNamed('\u200b', blank)).toBeNull();
  });

  it('holds against hostile names: markup, control characters, very long ones', () => {
    const hostile = [
      { id: 'h1', name: '<img src=x onerror=alert(1)>' },
      { id: 'h2', name: '26-Alfa\u0000' },
      { id: 'h3', name: 'x'.repeat(10_000) },
    ];
    expect(incidentNamed('<IMG SRC=x onerror=alert(1)>', hostile)?.id).toBe('h1');
    expect(incidentNamed('26-Alfa', hostile)).toBeNull();
    expect(incidentNamed('X'.repeat(10_000), hostile)?.id).toBe('h3');
  });
});

describe('suggestCodename skips every taken form of a name', () => {
  it('skips names taken in another case or with invisible characters', () => {
    expect(suggestCodename(['26-ALFA', '26-\u200bBravo', '２６-Charlie'], IN_2026)).toBe('26-Delta');
  });
});

describe('suggestRename: the name with the next free number', () => {
  it('adds -2 to a name that has no number', () => {
    expect(suggestRename('26-Alfa', ['26-Alfa'], 60)).toBe('26-Alfa-2');
  });

  it('counts on from a name that has one, and skips taken numbers in any case', () => {
    expect(suggestRename('26-Alfa-2', ['26-alfa-3'], 60)).toBe('26-Alfa-4');
    expect(suggestRename('26-Alfa', ['26-ALFA-2', ' 26-alfa-3 '], 60)).toBe('26-Alfa-4');
  });

  it('treats a long number as part of the name rather than counting past it', () => {
    expect(suggestRename('Build-20261207', [], 60)).toBe('Build-20261207-2');
    expect(suggestRename('26-Alfa-1', [], 60)).toBe('26-Alfa-1-2');
  });

  it('stays within the longest name allowed, never splitting a character', () => {
    const long = `${'x'.repeat(58)}😀`;
    const renamed = suggestRename(long, [], 60);
    expect(renamed.length).toBeLessThanOrEqual(60);
    expect(renamed).toBe(`${'x'.repeat(58)}-2`);
    expect(suggestRename('y'.repeat(60), ['y'.repeat(58) + '-2'], 60)).toBe(`${'y'.repeat(58)}-3`);
  });

  it('tidies the white space of the name it starts from', () => {
    expect(suggestRename('  26-Alfa  ', [], 60)).toBe('26-Alfa-2');
  });
});
