import { describe, expect, it } from 'vitest';
import { SEVERITIES, SEVERITY_LEVELS, isSeverity, severityLevel, severityRank, type Severity } from '../../../src/shared/ics/severity';

describe('severities', () => {
  it('run from SEV-1 (worst) to SEV-5', () => {
    expect(SEVERITIES).toEqual(['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'SEV-5']);
    expect(SEVERITIES.map(severityRank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('each have a meaning and examples for the declare dialog, in order', () => {
    expect(SEVERITY_LEVELS.map((l) => l.id)).toEqual(SEVERITIES);
    for (const level of SEVERITY_LEVELS) {
      expect(level.meaning.length).toBeGreaterThan(10);
      expect(level.examples.length).toBeGreaterThan(10);
      expect(severityLevel(level.id)).toBe(level);
    }
  });

  it('make SEV-1 and SEV-2 major incidents, and only those', () => {
    expect(SEVERITY_LEVELS.filter((l) => l.major).map((l) => l.id)).toEqual(['SEV-1', 'SEV-2']);
  });

  it('are recognised exactly', () => {
    for (const s of SEVERITIES) expect(isSeverity(s)).toBe(true);
    for (const v of ['sev-1', 'SEV-0', 'SEV-6', 'SEV1', ' SEV-1', '', 1, null, undefined, {}, ['SEV-1']]) {
      expect(isSeverity(v)).toBe(false);
    }
  });

  it('refuse an unknown id loudly', () => {
    expect(() => severityLevel('SEV-9' as Severity)).toThrow('Unknown severity SEV-9');
  });
});
