/**
 * The plain-language lint run on every update before it is sent. Clear
 * beats concise: people outside the response read updates on a phone,
 * between other things, and an acronym or a word they do not know costs
 * them the message. Each warning says why, and none blocks sending: the
 * person sending knows their readers.
 *
 * - acronyms and jargon, against the organization's glossary (glossary.ts);
 * - in external messages, alarming words ("outage"), with plainer ones
 *   ("service disruption": PagerDuty's advice for customer liaisons);
 * - in external messages, a promised resolution time: if it slips, trust
 *   goes with it; say when the next update comes instead;
 * - names of individuals (the responders): an update names no one;
 * - blanks a template left to fill in, and an update that does not say
 *   when the next one comes.
 */
import type { UpdateAudience, UpdateTemplate } from '../incident/status-schema';
import type { GlossaryEntry } from './glossary';
import { escapeRegExp, namePatterns } from './names';

export type LintRule = 'acronym' | 'jargon' | 'alarming' | 'promised-time' | 'name' | 'blank' | 'no-next-update';

export interface LintWarning {
  readonly rule: LintRule;
  /** Where in the text (UTF-16 offsets); 0, 0 for the message as a whole. */
  readonly start: number;
  readonly end: number;
  /** The words flagged, as written. */
  readonly excerpt: string;
  /** Why, in a sentence. */
  readonly message: string;
  /** Plainer words to use, when there are some. */
  readonly suggestion: string | null;
}

export interface LintOptions {
  readonly audience: UpdateAudience;
  readonly template: UpdateTemplate;
  readonly glossary: readonly GlossaryEntry[];
  /** The responders' names (from the org chart). */
  readonly names: readonly string[];
  /** Whether the update should say when the next one comes (every one but a resolution). */
  readonly expectsNextUpdate: boolean;
}

const WORD = 'A-Za-z0-9';

/** Alarming words for customers, and what to say instead. */
const ALARMING: ReadonlyArray<{ pattern: RegExp; suggestion: string; why: string }> = [
  { pattern: /\boutages?\b/gi, suggestion: 'service disruption', why: 'sounds total and alarming to a customer' },
  { pattern: /\b(?:is|are|was|were|went|goes|go|been)\s+down\b/gi, suggestion: 'is unavailable', why: 'sounds like everything stopped' },
  { pattern: /\bcrash(?:es|ed|ing)?\b/gi, suggestion: 'stopped working', why: 'sounds violent and final' },
  { pattern: /\bbroken\b/gi, suggestion: 'not working', why: 'sounds like it cannot be repaired' },
  { pattern: /\bfailures?\b/gi, suggestion: 'problem', why: 'sounds like blame and collapse' },
  { pattern: /\b(?:catastroph(?:e|ic)|disaster|meltdown)\b/gi, suggestion: 'serious problem', why: 'will alarm more than it informs' },
  { pattern: /\bdead\b/gi, suggestion: 'not responding', why: 'sounds final' },
];

const RESOLUTION = /\b(?:fix(?:ed)?|resolv(?:e|ed)|restor(?:e|ed)|recover(?:ed)?|back\s+(?:up|online|to\s+normal)|working\s+(?:again|normally)|available\s+again|up\s+and\s+running)\b/i;
const FUTURE = /\b(?:will|shall|should|expect(?:s|ed|ing)?|hope|plan(?:s|ned)?|going\s+to|estimate[ds]?|aim(?:ing)?|anticipate[ds]?|on\s+track)\b/i;
const WHEN =
  /\b(?:by|before|within|in|at|around|until)\s+(?:about\s+|roughly\s+|approximately\s+)?(?:\d+\s*(?:minutes?|mins?|hours?|hrs?|days?)|\d{1,2}(?:[:.]\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?|the\s+(?:next|coming)\s+(?:few\s+)?(?:minutes?|hours?|days?)|the\s+hour|an?\s+(?:hour|few\s+minutes|few\s+hours|day)|noon|midnight|end\s+of\s+(?:the\s+)?day|tonight|tomorrow|today|this\s+(?:morning|afternoon|evening))/i;

function sentences(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  const re = /[^.!?\n]+[.!?]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ start: m.index, text: m[0] });
  return out;
}

/** Overlaps an earlier warning: the first (more specific) one stands. */
function overlaps(found: readonly LintWarning[], start: number, end: number): boolean {
  return found.some((w) => w.end > w.start && start < w.end && end > w.start);
}

export function lintUpdate(text: string, options: LintOptions): LintWarning[] {
  const found: LintWarning[] = [];
  const external = options.audience === 'external';
  const add = (rule: LintRule, start: number, end: number, message: string, suggestion: string | null = null) => {
    if (overlaps(found, start, end)) return;
    found.push({ rule, start, end, excerpt: text.slice(start, end), message, suggestion });
  };

  // Blanks first: the words inside a blank are instructions, not the message.
  for (const m of text.matchAll(/\[[^\]\n]{1,300}\]/g)) {
    add('blank', m.index, m.index + m[0].length, 'A blank the template left for you: fill it in, or remove it, before sending.');
  }

  // Names before jargon: "Grant" the person is not the verb.
  for (const name of namePatterns(options.names)) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      add(
        'name',
        m.index,
        m.index + m[0].length,
        external
          ? `"${m[0]}" names a person. Customers need to know what is being done, not by whom: say "our team".`
          : `"${m[0]}" names a person. An update that names people reads as blame or puts them on the spot: name the role or the team.`,
        external ? 'our team' : 'the role (e.g. the Incident Commander)',
      );
    }
  }

  if (external) {
    for (const { pattern, suggestion, why } of ALARMING) {
      for (const m of text.matchAll(pattern)) {
        add('alarming', m.index, m.index + m[0].length, `"${m[0]}" ${why}; plainer: "${suggestion}".`, suggestion);
      }
    }
    for (const s of sentences(text)) {
      if (/\bnext\s+(?:update|report)\b/i.test(s.text) || !RESOLUTION.test(s.text) || !FUTURE.test(s.text)) continue;
      const when = WHEN.exec(s.text);
      if (!when) continue;
      add(
        'promised-time',
        s.start + when.index,
        s.start + when.index + when[0].length,
        'This promises when it will be fixed. If that time slips, trust goes with it: say what is being done and when the next update comes instead.',
      );
    }
  }

  const applies = (entry: GlossaryEntry) => entry.kind !== 'known' && (!entry.externalOnly || external);
  for (const entry of options.glossary) {
    if (!applies(entry)) continue;
    const acronym = entry.kind === 'acronym';
    const suffix = acronym ? 's?' : '(?:s|es|ed|ing)?';
    const re = new RegExp(`(?<![${WORD}])${escapeRegExp(entry.term)}${suffix}(?![${WORD}])`, acronym ? 'g' : 'gi');
    for (const m of text.matchAll(re)) {
      add(
        acronym ? 'acronym' : 'jargon',
        m.index,
        m.index + m[0].length,
        acronym
          ? `"${m[0]}" is an acronym not everyone knows: write "${entry.plain}".`
          : `"${m[0]}" is jargon to anyone outside the response: plainer: "${entry.plain}".`,
        entry.plain,
      );
    }
  }

  // Any other run of capitals: an acronym the glossary does not know.
  const known = new Set(options.glossary.map((e) => e.term.toUpperCase()));
  for (const m of text.matchAll(/(?<![A-Za-z0-9])[A-Z][A-Z0-9&]{1,5}(?![A-Za-z0-9])/g)) {
    const word = m[0];
    const bare = word.endsWith('S') && known.has(word.slice(0, -1)) ? word.slice(0, -1) : word;
    if (known.has(bare) || (word.match(/[A-Z]/g)?.length ?? 0) < 2) continue;
    add('acronym', m.index, m.index + word.length, `"${word}" looks like an acronym: spell it out, or add it to the glossary as known. Clear beats concise.`);
  }

  if (options.expectsNextUpdate && !/\bnext\s+(?:update|report)\b/i.test(text)) {
    add('no-next-update', 0, 0, 'It does not say when the next update comes. Saying so is what stops the "any news?" messages.');
  }
  // In the order they appear; what concerns the whole message last.
  const whole = (w: LintWarning) => (w.start === 0 && w.end === 0 ? 1 : 0);
  return found.sort((a, b) => whole(a) - whole(b) || a.start - b.start || a.end - b.end);
}

/** The responders' names to flag: everyone checked in (released ones too: they are still people). */
export function responderNames(org: { readonly responders: ReadonlyArray<{ readonly name: string }> } | null): string[] {
  return org ? org.responders.map((r) => r.name) : [];
}
