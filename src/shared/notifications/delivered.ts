/**
 * The record of deadlines already notified, as each host stores it (main in
 * notifications.json in userData, the web host in localStorage): which key,
 * and when. Entries older than a deadline could still matter are pruned, and
 * the count is capped, so the record stays small however long the app runs.
 */
import { z } from 'zod';
import type { DeliveredKeys } from './scheduler';

/**
 * How long a delivered key is remembered. A deadline is only ever delivered
 * within STALE_AFTER_MS of its time, so once a key is older than that plus
 * any plausible clock error it can never be due again; 30 days is generous.
 */
export const REMEMBER_DELIVERED_MS = 30 * 24 * 60 * 60 * 1000;
/** Far more than a month of deadlines; the oldest go first beyond it. */
export const MAX_DELIVERED_KEYS = 5000;

export const DELIVERED_VERSION = 1;

const DeliveredFile = z.object({
  version: z.literal(DELIVERED_VERSION),
  /** key → when it was delivered (ms since the epoch). */
  delivered: z.record(z.string().min(1).max(200), z.number().int().nonnegative()),
});

export type ParsedDelivered = { ok: true; entries: Map<string, number> } | { ok: false; reason: string };

/** Reads a stored record. Anything unreadable is reported, never thrown: the caller starts empty. */
export function parseDelivered(text: string): ParsedDelivered {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = DeliveredFile.safeParse(json);
  if (!parsed.success) return { ok: false, reason: z.prettifyError(parsed.error).replace(/\n/g, ' ') };
  return { ok: true, entries: new Map(Object.entries(parsed.data.delivered)) };
}

/** Drops what is too old to matter and, beyond the cap, the oldest; returns the entries kept. */
export function pruneDelivered(entries: ReadonlyMap<string, number>, now: number): Map<string, number> {
  // A key stamped in the future (the clock was set back since) is kept: it still stops a repeat.
  const fresh = [...entries].filter(([, at]) => now - at <= REMEMBER_DELIVERED_MS);
  fresh.sort((a, b) => b[1] - a[1]);
  return new Map(fresh.slice(0, MAX_DELIVERED_KEYS));
}

export function serializeDelivered(entries: ReadonlyMap<string, number>): string {
  return `${JSON.stringify({ version: DELIVERED_VERSION, delivered: Object.fromEntries(entries) })}\n`;
}

/**
 * The delivered keys in memory, pruned at load, with `onChange` called
 * after every addition so the host writes them out.
 */
export function deliveredKeys(initial: ReadonlyMap<string, number>, now: number, onChange: (entries: ReadonlyMap<string, number>) => void): DeliveredKeys & { entries(): ReadonlyMap<string, number> } {
  let entries = pruneDelivered(initial, now);
  return {
    has: (key) => entries.has(key),
    add(key, at) {
      entries.set(key, at);
      if (entries.size > MAX_DELIVERED_KEYS) entries = pruneDelivered(entries, at);
      onChange(entries);
    },
    entries: () => entries,
  };
}
