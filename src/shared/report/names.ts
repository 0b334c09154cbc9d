/**
 * Finding people's names in text, for the lints that flag them (the
 * plain-language lint in stakeholder messages, the blameless lint in the
 * postmortem): the same names, matched the same way, in both.
 */

/** First names that are also common words ("Will the failover hold?"): only the full name is flagged. */
const AMBIGUOUS_NAMES = new Set(['will', 'may', 'june', 'mark', 'bill', 'grant', 'rich', 'sky', 'summer', 'joy', 'hope', 'faith', 'art', 'pat', 'sue', 'rob', 'jack', 'frank', 'chase', 'dawn', 'april', 'ray', 'ben', 'don', 'gene', 'max', 'page', 'lee']);

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Full names and capitalized first names (of three letters or more, not a
 * common word), a trailing "(team)" dropped, longest first, so "Ada
 * Lovelace" is flagged whole rather than as "Ada".
 */
export function namePatterns(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of names) {
    const name = raw.replace(/\s*\([^)]*\)\s*$/, '').trim();
    if (name.length < 2) continue;
    out.add(name);
    const first = name.split(/\s+/)[0]!;
    if (first !== name && first.length >= 3 && /^\p{Lu}/u.test(first) && !AMBIGUOUS_NAMES.has(first.toLowerCase())) out.add(first);
  }
  return [...out].sort((a, b) => b.length - a.length);
}
