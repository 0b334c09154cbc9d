/**
 * A result's text as its line shows it: the part around the first word the
 * query matched, with every matched word marked. Words match as the index
 * matches them (search-index.ts): from their start, whatever the case and
 * accents, so what is highlighted is why the result was found.
 */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The query's words, folded: letters and digits, as the index splits them. */
export function queryWords(query: string): string[] {
  return fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export interface Part {
  readonly text: string;
  readonly match: boolean;
}

/** The text cut to about `max` characters around its first match (the start when none), in parts to mark. */
export function excerpt(text: string, query: string, max = 220): Part[] {
  const words = queryWords(query);
  const spans: Array<[number, number]> = [];
  // Each word of the text, with where it starts: a word matches when it starts with a query word.
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = fold(m[0]);
    const hit = words.find((w) => word.startsWith(w));
    // The matched part is the query word's length in the folded word; folding keeps letters' count for Latin text.
    if (hit) spans.push([m.index, m.index + Math.min(hit.length, m[0].length)]);
  }
  const first = spans[0]?.[0] ?? 0;
  const start = first > max / 3 ? text.lastIndexOf(' ', first - Math.floor(max / 4)) + 1 : 0;
  const end = Math.min(text.length, start + max);
  const parts: Part[] = [];
  let at = start;
  if (start > 0) parts.push({ text: '…', match: false });
  for (const [from, to] of spans) {
    if (from < start) continue;
    if (from >= end) break;
    if (from > at) parts.push({ text: text.slice(at, from), match: false });
    parts.push({ text: text.slice(from, Math.min(to, end)), match: true });
    at = Math.min(to, end);
  }
  if (at < end) parts.push({ text: text.slice(at, end), match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}
