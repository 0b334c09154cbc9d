import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FUTURE_MS, eventTimeProblem, parseStatedTime, type StatedTime, type StatedTimeContext } from '../../../src/shared/incident';
import { HOUR, MINUTE } from '../harness/context';

const SECOND = 1000;
/** 14 March 2026, 10:00:00 UTC: "now" in these tests. */
const NOW = Date.UTC(2026, 2, 14, 10, 0, 0);
const utc: StatedTimeContext = { now: NOW, utc: true, declaredAt: NOW - HOUR };

function at(result: StatedTime): number {
  if (!result.ok) throw new Error(`expected a time, got: ${result.message}`);
  return result.at;
}

function message(result: StatedTime): string {
  if (result.ok) throw new Error(`expected a refusal, got ${new Date(result.at).toISOString()}`);
  return result.message;
}

describe('parseStatedTime: clock times', () => {
  it('reads HH:MM and H:MM:SS as today when that is past', () => {
    expect(at(parseStatedTime('09:30', utc))).toBe(Date.UTC(2026, 2, 14, 9, 30));
    expect(at(parseStatedTime('9:30:15', utc))).toBe(Date.UTC(2026, 2, 14, 9, 30, 15));
    expect(at(parseStatedTime(' 0:05 ', utc))).toBe(Date.UTC(2026, 2, 14, 0, 5));
    expect(parseStatedTime('09:30', utc)).toMatchObject({ day: 'today' });
  });

  it('reads a clock time later than now as yesterday, since what is stated already happened', () => {
    const result = parseStatedTime('23:10', { ...utc, declaredAt: NOW });
    expect(at(result)).toBe(Date.UTC(2026, 2, 13, 23, 10));
    expect(result).toMatchObject({ day: 'yesterday' });
  });

  it('keeps today within the clock drift allowed instead of jumping back a day', () => {
    // 10:04 is four minutes ahead: another laptop's clock, not yesterday.
    expect(at(parseStatedTime('10:04', utc))).toBe(NOW + 4 * MINUTE);
    expect(at(parseStatedTime('10:05', utc))).toBe(NOW + MAX_FUTURE_MS);
    // Past the drift it is yesterday's.
    expect(at(parseStatedTime('10:05:01', { ...utc, declaredAt: NOW }))).toBe(Date.UTC(2026, 2, 13, 10, 5, 1));
  });

  it('refuses a clock time that is no time of day', () => {
    expect(message(parseStatedTime('24:00', utc))).toBe('“24:00” is not a time of day: hours go from 0 to 23.');
    expect(message(parseStatedTime('09:60', utc))).toBe('“09:60” is not a time of day: minutes and seconds go from 0 to 59.');
    expect(message(parseStatedTime('09:30:61', utc))).toMatch(/minutes and seconds go from 0 to 59/);
  });

  it('refuses yesterday\'s when it is more than a day before the declaration', () => {
    // This clock is 10 minutes behind the declarer's: yesterday's 10:07 is 24 h 3 min before the declaration.
    const error = message(parseStatedTime('10:07', { ...utc, declaredAt: NOW + 10 * MINUTE }));
    expect(error).toBe('“10:07” is yesterday\'s, which is more than 24 hours before the declaration: an entry can be at most a day older.');
    expect(at(parseStatedTime('10:07', { ...utc, declaredAt: NOW }))).toBe(Date.UTC(2026, 2, 13, 10, 7));
  });
});

describe('parseStatedTime: times ago and now', () => {
  it('reads -45m, -1h30m, -1h, -20s and -1h 5m 3s back from now', () => {
    expect(at(parseStatedTime('-45m', utc))).toBe(NOW - 45 * MINUTE);
    expect(at(parseStatedTime('-1h30m', utc))).toBe(NOW - 90 * MINUTE);
    expect(at(parseStatedTime('-1H', utc))).toBe(NOW - HOUR);
    expect(at(parseStatedTime('-20s', utc))).toBe(NOW - 20 * SECOND);
    expect(at(parseStatedTime('-1h 5m 3s', utc))).toBe(NOW - HOUR - 5 * MINUTE - 3 * SECOND);
    expect(parseStatedTime('-45m', utc)).toMatchObject({ day: null });
  });

  it('reads now as now', () => {
    expect(parseStatedTime('Now', utc)).toEqual({ ok: true, at: NOW, day: null });
  });

  it('refuses a time ago more than a day before the declaration, or before now when nothing is declared yet', () => {
    expect(at(parseStatedTime('-25h', utc))).toBe(NOW - 25 * HOUR);
    expect(message(parseStatedTime('-25h1s', utc))).toBe('“-25h1s” is more than 24 hours before the declaration: an entry can be at most a day older.');
    const pad = { now: NOW, utc: true };
    expect(at(parseStatedTime('-24h', pad))).toBe(NOW - 24 * HOUR);
    expect(message(parseStatedTime('-24h1m', pad))).toBe('“-24h1m” is more than 24 hours before now: an entry can be at most a day older.');
  });

  it('says what to type instead of a time in the future, a time ago without its minus, or garbage', () => {
    expect(message(parseStatedTime('+5m', utc))).toBe('“+5m” is in the future: a time that happened is before now, such as -5m.');
    expect(message(parseStatedTime('45m', utc))).toBe('“45m” is not a time: a time ago starts with a minus, such as -45m.');
    expect(message(parseStatedTime('half past nine', utc))).toBe('“half past nine” is not a time: type 09:30, 9:30:15, -45m, -1h30m or now.');
    expect(message(parseStatedTime('-', utc))).toMatch(/is not a time/);
    expect(message(parseStatedTime('-5d', utc))).toMatch(/is not a time/);
    expect(message(parseStatedTime('9.30', utc))).toMatch(/is not a time/);
    expect(message(parseStatedTime('', utc))).toBe('Type a time: 09:30, 9:30:15, -45m, -1h30m or now.');
    // A huge paste is quoted short.
    expect(message(parseStatedTime('x'.repeat(10_000), utc)).length).toBeLessThan(120);
  });
});

describe('parseStatedTime in the local zone', () => {
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Europe/Berlin';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('reads a clock time in the local zone when the timeline shows local times', () => {
    // Berlin is UTC+1 in March before summer time.
    expect(new Date(NOW).getTimezoneOffset()).toBe(-60);
    const local = { now: NOW, utc: false, declaredAt: NOW };
    expect(at(parseStatedTime('10:30', local))).toBe(Date.UTC(2026, 2, 14, 9, 30));
    // 11:30 in Berlin is 10:30 UTC, later than now: yesterday's.
    expect(at(parseStatedTime('11:30', local))).toBe(Date.UTC(2026, 2, 13, 10, 30));
  });

  it('counts yesterday in the zone\'s own calendar across the change to summer time', () => {
    // Sunday 29 March 2026, 08:00 in Berlin (summer time since 02:00): 06:00 UTC.
    const now = Date.UTC(2026, 2, 29, 6, 0);
    const local = { now, utc: false, declaredAt: now };
    expect(at(parseStatedTime('07:30', local))).toBe(Date.UTC(2026, 2, 29, 5, 30));
    // 23:30 on Saturday, still winter time (UTC+1).
    expect(at(parseStatedTime('23:30', local))).toBe(Date.UTC(2026, 2, 28, 22, 30));
  });
});

describe('eventTimeProblem', () => {
  it('allows the drift into the future and a day before the declaration, no more', () => {
    expect(eventTimeProblem(NOW + MAX_FUTURE_MS, NOW, NOW)).toBeNull();
    expect(eventTimeProblem(NOW + MAX_FUTURE_MS + 1, NOW, NOW)).toBe('An event cannot be logged in the future.');
    expect(eventTimeProblem(NOW - 24 * HOUR, NOW, NOW)).toBeNull();
    expect(eventTimeProblem(NOW - 24 * HOUR - 1, NOW, NOW)).toBe('An event can be at most 24 hours older than the declaration.');
    expect(eventTimeProblem(Number.NaN, NOW, NOW)).toBe('Give the time it happened.');
  });
});
