import { EVENT_KIND_LABELS, LOGGABLE_KINDS, type LoggableKind } from '../../../shared/incident/kinds';

/**
 * The quick-entry line's grammar: an optional type prefix, then the text.
 * "d: roll back the deploy" logs a decision; without a prefix, the type
 * chosen in the selector (or with Alt+1…6) is used.
 */
export const KIND_PREFIXES: Record<LoggableKind, readonly string[]> = {
  note: ['n', 'note'],
  decision: ['d', 'decision'],
  action: ['a', 'action'],
  status: ['s', 'status'],
  followup: ['f', 'todo', 'followup', 'follow-up'],
  impact: ['i', 'impact'],
};

const byPrefix = new Map<string, LoggableKind>(
  LOGGABLE_KINDS.flatMap((kind) => KIND_PREFIXES[kind].map((prefix) => [prefix, kind] as const)),
);

export function parseEntry(raw: string, fallback: LoggableKind): { kind: LoggableKind; text: string } {
  const match = /^\s*([A-Za-z-]+):\s+([\s\S]*)$/.exec(raw);
  const kind = match?.[1] ? byPrefix.get(match[1].toLowerCase()) : undefined;
  if (match && kind) return { kind, text: match[2] ?? '' };
  return { kind: fallback, text: raw };
}

/**
 * "@09:30 " or "@-10m " at the start of the line (before or after the type
 * prefix) says when it happened: the domain reads the time
 * (parseStatedTime). Only what starts like a time is taken ("@now", a digit,
 * a sign), so "@alice can you check" stays text.
 */
const STATED_AT = /^\s*@((?:now\b|[-+]?\d)\S*)(?:\s+([\s\S]*))?$/i;

function statedAt(raw: string): { when: string; rest: string } | null {
  const match = STATED_AT.exec(raw);
  return match ? { when: match[1]!, rest: match[2] ?? '' } : null;
}

/** The entry line's grammar with its time: `when` is the time as typed ("09:30", "-10m"), absent for now. */
export function parseTimedEntry(raw: string, fallback: LoggableKind): { kind: LoggableKind; text: string; when?: string } {
  const lead = statedAt(raw);
  const entry = parseEntry(lead ? lead.rest : raw, fallback);
  if (lead) return { ...entry, when: lead.when };
  const inner = statedAt(entry.text);
  return inner ? { kind: entry.kind, text: inner.rest, when: inner.when } : entry;
}

/** Alt+1…6 pick a type in the quick-entry line, in this order. */
export function kindForDigit(digit: string): LoggableKind | undefined {
  const index = Number(digit) - 1;
  return Number.isInteger(index) ? LOGGABLE_KINDS[index] : undefined;
}

/** What a key does in an entry field (the quick-entry line and quick capture share these). */
export type EntryKey = { readonly type: 'submit' } | { readonly type: 'kind'; readonly kind: LoggableKind } | { readonly type: 'escape' };

export function entryKeyAction(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'isComposing'>): EntryKey | null {
  if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.isComposing) return { type: 'submit' };
  if (event.altKey && !event.ctrlKey && !event.metaKey && /^[1-6]$/.test(event.key)) {
    const kind = kindForDigit(event.key);
    return kind ? { type: 'kind', kind } : null;
  }
  if (event.key === 'Escape') return { type: 'escape' };
  return null;
}

/** The entry fields' keys, for the cheat sheet (src/renderer/app/keymap.ts). */
export const ENTRY_KEYS: readonly { readonly keys: string; readonly what: string }[] = [
  { keys: 'Enter', what: 'log the event' },
  { keys: 'Shift+Enter', what: 'a new line' },
  ...LOGGABLE_KINDS.map((kind, i) => ({ keys: `Alt+${i + 1}`, what: `type: ${withArticle(EVENT_KIND_LABELS[kind])}` })),
  ...LOGGABLE_KINDS.map((kind) => {
    const [first, ...others] = KIND_PREFIXES[kind];
    return { keys: `${first}:`, what: `at the start of the text: ${withArticle(EVENT_KIND_LABELS[kind])} (also ${others.map((p) => `${p}:`).join(' ')})` };
  }),
  // Read by features/attribution (parseAttributionPrefix), before the type's prefix.
  { keys: 'ic> tl> …', what: 'at the start: log for whoever holds that role, from now on (me>: for yourself again; Alt+A: pick)' },
  { keys: '@09:30', what: 'at the start of the text (entry line and note pad): when it happened, if earlier (also @9:30:15, @-10m, @-1h30m; in the timeline\'s zone)' },
];

function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label.toLowerCase()}`;
}
