import { LOGGABLE_KINDS, type LoggableKind } from '../../../shared/incident';

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

/** Alt+1…6 pick a type in the quick-entry line, in this order. */
export function kindForDigit(digit: string): LoggableKind | undefined {
  const index = Number(digit) - 1;
  return Number.isInteger(index) ? LOGGABLE_KINDS[index] : undefined;
}
