/**
 * When something happened, as a person says it, and how far from now an
 * event's time may be.
 *
 * A responder states a time from the keyboard: a clock time ("09:30",
 * "9:30:15") read in the zone the timeline shows (this machine's or UTC), a
 * time ago ("-45m", "-1h30m", "-20s") or "now". What a person states
 * already happened, so a clock time later than now means yesterday's,
 * unless it is within the clock drift allowed (then it is today's: laptops
 * on an offline LAN disagree by a minute or two, and yesterday's would be a
 * day off without anyone noticing). The result is checked against the same
 * bounds as every event's time (eventTimeProblem), so what the parser
 * accepts the commands accept.
 */

/** How far in the future an event time may be: a little clock drift, no more. */
export const MAX_FUTURE_MS = 5 * 60_000;
/** How far before the declaration an event may have happened (the first observations, the first impact). */
export const MAX_BEFORE_DECLARATION_MS = 24 * 3_600_000;

/** What a stated time is read against. */
export interface StatedTimeContext {
  readonly now: number;
  /** Clock times are UTC; else this machine's zone (as the timeline shows them). */
  readonly utc: boolean;
  /** The declaration; absent before there is one (the note pad), when it will be no earlier than now. */
  readonly declaredAt?: number;
}

export type StatedTime =
  | {
      readonly ok: true;
      readonly at: number;
      /** For a clock time, which day it was read as; null for "now" and times ago. */
      readonly day: 'today' | 'yesterday' | null;
    }
  | { readonly ok: false; readonly message: string };

/** The forms a person may type, for messages and hints. */
export const STATED_TIME_FORMS = '09:30, 9:30:15, -45m, -1h30m or now';

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const AGO = /^-(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,5})s)?$/;
const MAX_INPUT = 40;

/**
 * Why an event time cannot be taken, or null. One rule for every time an
 * event is given: not in the future beyond the drift allowed, not more than
 * a day before the declaration.
 */
export function eventTimeProblem(at: number, now: number, declaredAt: number): string | null {
  if (!Number.isFinite(at)) return 'Give the time it happened.';
  if (at > now + MAX_FUTURE_MS) return 'An event cannot be logged in the future.';
  if (at < declaredAt - MAX_BEFORE_DECLARATION_MS) return 'An event can be at most 24 hours older than the declaration.';
  return null;
}

/** Reads a time a person typed; a message saying what to type instead when it is not one. */
export function parseStatedTime(input: string, ctx: StatedTimeContext): StatedTime {
  const typed = input.trim().toLowerCase();
  const shown = input.trim().length > MAX_INPUT ? `${input.trim().slice(0, MAX_INPUT - 1)}…` : input.trim();
  if (!typed) return fail(`Type a time: ${STATED_TIME_FORMS}.`);
  if (typed === 'now') return { ok: true, at: ctx.now, day: null };

  const clock = CLOCK.exec(typed);
  if (clock) {
    const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (h > 23) return fail(`“${shown}” is not a time of day: hours go from 0 to 23.`);
    if (m > 59 || s > 59) return fail(`“${shown}” is not a time of day: minutes and seconds go from 0 to 59.`);
    const today = atClock(ctx.now, 0, h, m, s, ctx.utc);
    // Stated times are past: today's unless that is later than the drift allows.
    if (today <= ctx.now + MAX_FUTURE_MS) return bounded(today, 'today', shown, ctx);
    return bounded(atClock(ctx.now, -1, h, m, s, ctx.utc), 'yesterday', shown, ctx);
  }

  if (typed.startsWith('+')) return fail(`“${shown}” is in the future: a time that happened is before now, such as -${typed.slice(1)}.`);
  const ago = AGO.exec(typed.replace(/\s+/g, ''));
  if (ago && (ago[1] || ago[2] || ago[3])) {
    const ms = (Number(ago[1] ?? 0) * 3600 + Number(ago[2] ?? 0) * 60 + Number(ago[3] ?? 0)) * 1000;
    return bounded(ctx.now - ms, null, shown, ctx);
  }
  if (/^\d+\s*[hms]/.test(typed)) return fail(`“${shown}” is not a time: a time ago starts with a minus, such as -${typed.replace(/\s+/g, '')}.`);
  return fail(`“${shown}” is not a time: type ${STATED_TIME_FORMS}.`);
}

function fail(message: string): StatedTime {
  return { ok: false, message };
}

function bounded(at: number, day: 'today' | 'yesterday' | null, shown: string, ctx: StatedTimeContext): StatedTime {
  const declaredAt = ctx.declaredAt ?? ctx.now;
  if (at < declaredAt - MAX_BEFORE_DECLARATION_MS) {
    const what = day === 'yesterday' ? `“${shown}” is yesterday's, which` : `“${shown}”`;
    return fail(`${what} is more than 24 hours before ${ctx.declaredAt === undefined ? 'now' : 'the declaration'}: an entry can be at most a day older.`);
  }
  const problem = eventTimeProblem(at, ctx.now, declaredAt);
  return problem ? fail(problem) : { ok: true, at, day };
}

/** The instant of a wall-clock time on the day of `now` (plus `days`), in UTC or this machine's zone. */
function atClock(now: number, days: number, h: number, m: number, s: number, utc: boolean): number {
  const d = new Date(now);
  if (utc) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, h, m, s);
  // setDate then setHours: the zone's own calendar, so a day with a summer-time change is still the day before.
  d.setDate(d.getDate() + days);
  d.setHours(h, m, s, 0);
  return d.getTime();
}

/**
 * Written down a minute or more after it happened: the timeline then shows
 * both times. Quick capture stamps the moment of the key press and writes a
 * few seconds later; that is not backdating.
 */
export const BACKDATED_AFTER_MS = 60_000;

export function isBackdated(event: { readonly at: number; readonly loggedAt: number }): boolean {
  return event.loggedAt - event.at >= BACKDATED_AFTER_MS;
}
