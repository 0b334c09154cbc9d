/**
 * Counts in words, the way a person says them: "1 minute", "5 minutes",
 * "every minute", "every 5 min", "1 entry", "3 entries". One helper for every
 * user-facing count, so none reads "every 1 minutes" or "1 entries".
 *
 * An abbreviation ("min", "h", "s", "d") takes no plural ("5 min"), and is
 * spelled out where a number would read oddly without it ("every minute",
 * never "every 1 min").
 */
const SPELLED_OUT: Readonly<Record<string, string>> = { min: 'minute', h: 'hour', s: 'second', d: 'day' };

/** The word for `n` of something: `many` defaults to `one` with an s (or `one` itself for an abbreviation). */
export function unitFor(n: number, one: string, many?: string): string {
  if (n === 1) return one;
  return many ?? (one in SPELLED_OUT ? one : `${one}s`);
}

/** One formatter: toLocaleString builds a new one on every call, which shows in a render that counts often. */
const thousands = new Intl.NumberFormat('en-US');

/** 1200 → "1,200": numbers with thousands separators, as in English. */
export function withSeparators(n: number): string {
  return thousands.format(n);
}

/** "1 minute", "5 minutes", "1,200 entries". */
export function count(n: number, one: string, many?: string): string {
  return `${thousands.format(n)} ${unitFor(n, one, many)}`;
}

/** "every minute", "every 5 minutes", "every 5 min": a cadence. */
export function every(n: number, one: string, many?: string): string {
  return n === 1 ? `every ${SPELLED_OUT[one] ?? one}` : `every ${count(n, one, many)}`;
}
