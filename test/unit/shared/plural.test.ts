import { describe, expect, it } from 'vitest';
import { count, every } from '../../../src/shared/plural';

describe('counts in words', () => {
  it('says one in the singular and any other number in the plural', () => {
    expect(count(1, 'minute')).toBe('1 minute');
    expect(count(5, 'minute')).toBe('5 minutes');
    expect(count(0, 'minute')).toBe('0 minutes');
    expect(count(1, 'entry', 'entries')).toBe('1 entry');
    expect(count(1200, 'entry', 'entries')).toBe('1,200 entries');
    expect(count(2, 'hour')).toBe('2 hours');
  });

  it('leaves abbreviations as they are: "1 min", "5 min"', () => {
    expect(count(1, 'min')).toBe('1 min');
    expect(count(5, 'min')).toBe('5 min');
    expect(count(3, 'h')).toBe('3 h');
  });

  it('says a cadence of one without the number: "every minute", never "every 1 minutes" or "every 1 min"', () => {
    expect(every(1, 'minute')).toBe('every minute');
    expect(every(5, 'minute')).toBe('every 5 minutes');
    expect(every(1, 'min')).toBe('every minute');
    expect(every(20, 'min')).toBe('every 20 min');
    expect(every(1, 'h')).toBe('every hour');
  });
});
