/**
 * Calendar dates and business days, for the postmortem's due date: SEV-1
 * within 3 business days of the end, SEV-2 within 5 (PagerDuty's ops
 * guides), configurable per incident.
 *
 * A due date is a calendar date ("2026-03-18"), not an instant: "due on
 * Wednesday" means Wednesday wherever the owner is, so it is stored and
 * compared as the date the person assigning it saw on their calendar. The
 * caller says what day it is where it runs (its local date); everything
 * here works on dates alone and never on time zones.
 */
import type { Severity } from './severity';

/** How many business days after the incident ends its postmortem is due, by severity. */
export const DEFAULT_DUE_BUSINESS_DAYS: Readonly<Record<Severity, number>> = Object.freeze({
  'SEV-1': 3,
  'SEV-2': 5,
  'SEV-3': 10,
  'SEV-4': 10,
  'SEV-5': 10,
});

export const MAX_DUE_BUSINESS_DAYS = 60;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD (no 30 February). */
export function isYmd(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = YMD.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1970 && y <= 9999 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The date part of an instant in UTC, as YYYY-MM-DD. */
export function utcYmd(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Midnight UTC of a date: for arithmetic on dates only. */
function dayOf(ymd: string): Date {
  if (!isYmd(ymd)) throw new Error(`Not a date: ${ymd}`);
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** Saturday and Sunday are not business days (public holidays are the organization's to add). */
export function isBusinessDay(ymd: string): boolean {
  const weekday = dayOf(ymd).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date `days` business days after `from`: the day the incident ended
 * does not count, and a weekend is skipped ("3 business days" after a
 * Friday is Wednesday).
 */
export function addBusinessDays(from: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new Error(`Not a number of business days: ${days}`);
  const date = dayOf(from);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}

/** Business days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function businessDaysBetween(from: string, to: string): number {
  const a = dayOf(from);
  const b = dayOf(to);
  const sign = b >= a ? 1 : -1;
  const [start, end] = sign > 0 ? [a, b] : [b, a];
  let count = 0;
  for (const d = new Date(start); d < end; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return sign * count;
}

/** The postmortem's due date: so many business days after `endedOn`, by the severity it ended at. */
export function postmortemDueDate(severity: Severity, endedOn: string, policy: Readonly<Record<Severity, number>> = DEFAULT_DUE_BUSINESS_DAYS): string {
  return addBusinessDays(endedOn, policy[severity] ?? DEFAULT_DUE_BUSINESS_DAYS[severity]);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Wednesday 18 March 2026": a date as people read it, the same on every machine. */
export function formatYmd(ymd: string): string {
  const d = dayOf(ymd);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
