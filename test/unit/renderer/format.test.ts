import { describe, expect, it } from 'vitest';
import { formatAge } from '../../../src/renderer/components/format';

const MIN = 60_000;

describe('how old something is, in words', () => {
  it('counts minutes while the response is minute by minute, then hours, then days for a review weeks later', () => {
    expect(formatAge(0)).toBe('0 minutes');
    expect(formatAge(1 * MIN + 59_000)).toBe('1 minute');
    expect(formatAge(45 * MIN)).toBe('45 minutes');
    expect(formatAge(119 * MIN)).toBe('119 minutes');
    expect(formatAge(120 * MIN)).toBe('2 hours');
    expect(formatAge(185 * MIN)).toBe('3 hours 5 minutes');
    expect(formatAge(47 * 60 * MIN + MIN)).toBe('47 hours 1 minute');
    expect(formatAge(6082 * 60 * MIN + 41 * MIN)).toBe('253 days');
    expect(formatAge(-5 * MIN)).toBe('0 minutes');
  });
});
