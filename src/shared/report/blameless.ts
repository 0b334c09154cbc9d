/**
 * The blameless lint, run on every section of the postmortem as it is
 * written. A postmortem asks what happened and how, never who: people who
 * expect blame stop saying what they know, and "human error" ends the
 * inquiry where it should begin (what made the action easy to get wrong?).
 * Each warning says why and offers a rewording; none blocks anything.
 *
 * - a person's name in the contributing factors: a factor is a condition,
 *   never a person;
 * - "who" and "why" questions: ask "what" and "how" (the seeds' advice);
 *   a "why did X do Y" becomes "what led X to do Y";
 * - blame words ("careless", "fault", "human error"), hindsight ("should
 *   have", "obviously") and alternate reality ("if X had…, it would not
 *   have…", which PagerDuty's guide asks to keep out of the description).
 */
import type { PostmortemSection } from '../incident/postmortem-schema';
import { namePatterns, escapeRegExp } from './names';
import { BASE_VERBS } from './verbs';

export type BlamelessRule = 'name' | 'who' | 'why' | 'blame' | 'hindsight' | 'counterfactual';

export interface TextWarning<R extends string = string> {
  readonly rule: R;
  /** Where in the text (UTF-16 offsets); 0, 0 for the text as a whole. */
  readonly start: number;
  readonly end: number;
  readonly excerpt: string;
  readonly message: string;
  /** A rewording, when there is one. */
  readonly suggestion: string | null;
}

export type BlamelessWarning = TextWarning<BlamelessRule>;

export interface BlamelessOptions {
  readonly section: PostmortemSection;
  /** Everyone who took part (checked in, or logged an entry), by the names they gave. */
  readonly names: readonly string[];
}

/** Sections that describe conditions, where a name always reads as blame. */
const FACTOR_SECTIONS: ReadonlySet<PostmortemSection> = new Set(['contributingFactors']);

interface Pattern {
  readonly rule: BlamelessRule;
  readonly pattern: RegExp;
  readonly message: string;
  readonly suggestion: string | null;
}

const PATTERNS: readonly Pattern[] = [
  {
    rule: 'blame',
    pattern: /\b(?:human|user|operator|pilot|operational)\s+errors?\b/gi,
    message: '"Human error" is where an inquiry should start, not end: what made the action easy to take and hard to notice?',
    suggestion: 'describe the conditions: what the tool allowed, what the runbook said, what was known then',
  },
  {
    rule: 'blame',
    pattern: /\b(?:careless(?:ly|ness)?|sloppy|sloppiness|lazy|laziness|incompetent|incompetence|stupid|dumb|reckless(?:ly)?|negligen(?:t|ce)|irresponsible)\b/gi,
    message: 'Judges a person instead of describing what happened; it tells the next reader nothing they can change.',
    suggestion: 'say what was done and what made it likely',
  },
  {
    rule: 'blame',
    pattern: /\b(?:fault|faults|blame[ds]?|blaming|culprit|guilty|screw(?:ed)?[- ]up|messed up)\b/gi,
    message: 'Blame words point at someone; a postmortem points at conditions that can be changed.',
    suggestion: 'contributing factor',
  },
  {
    rule: 'blame',
    pattern: /\b(?:failed|fails|failing)\s+to\b/gi,
    message: '"Failed to" implies a duty someone fell short of; say what happened.',
    suggestion: 'did not',
  },
  {
    rule: 'blame',
    pattern: /\b(?:forgot|forgotten|forget|neglected|neglect(?:ing)?|ignored|ignoring)\b/gi,
    message: 'Reads as a personal failing; what made the step easy to miss?',
    suggestion: 'did not (and say what made it easy to miss)',
  },
  {
    rule: 'blame',
    pattern: /\b(?:mistakes?|errors?\s+(?:by|of)\s+(?:the\s+)?(?:engineer|operator|on-?call|team))\b/gi,
    message: 'Calling an action a mistake judges it with what we know now.',
    suggestion: 'the action, and what it led to',
  },
  {
    rule: 'blame',
    pattern: /\broot\s+causes?\b/gi,
    message: 'A complex system rarely fails for one cause: several conditions combined. Naming one "root cause" ends the search early.',
    suggestion: 'contributing factors',
  },
  {
    rule: 'hindsight',
    pattern: /\b(?:should(?:n['’]t| not)?|ought(?:\s+not)?\s+to)\s+have\b|\bshould['’]ve\b/gi,
    message: 'Hindsight: judged by what we know now, not by what was known then. Describe what was known at the time and why the action made sense.',
    suggestion: 'what was known at the time, and what made the action look right then',
  },
  {
    rule: 'hindsight',
    pattern: /\b(?:obviously|clearly|of course|simply|just had to)\b/gi,
    message: 'Hindsight: it was not obvious then, or it would not have happened.',
    suggestion: null,
  },
  {
    rule: 'counterfactual',
    pattern: /\b(?:could|would)(?:n['’]t| not)?\s+have\b|\bif\s+(?:only\s+)?(?:\w+\s+){1,4}had\b/gi,
    message: 'Alternate reality: what might have been mixes the description with a fix. Keep what happened here, and put the fix in the action items.',
    suggestion: 'move the fix to the action items',
  },
];

const IRREGULAR_PARTICIPLES: Record<string, string> = {
  ran: 'run',
  did: 'done',
  wrote: 'written',
  took: 'taken',
  broke: 'broken',
  made: 'made',
  sent: 'sent',
  forgot: 'forgotten',
  gave: 'given',
  chose: 'chosen',
  began: 'begun',
  shut: 'shut',
  put: 'put',
  set: 'set',
  built: 'built',
  left: 'left',
  let: 'let',
  told: 'told',
  saw: 'seen',
  got: 'got',
  went: 'gone',
  drove: 'driven',
  rolled: 'rolled',
};

/** A past verb as its participle ("deployed", "written"), or null when it does not look like one. */
function participleOf(verb: string): string | null {
  const lower = verb.toLowerCase();
  if (IRREGULAR_PARTICIPLES[lower]) return IRREGULAR_PARTICIPLES[lower]!;
  return /ed$/.test(lower) ? lower : null;
}

/** A rewording of a "who" or "why" question that asks what and how, or a general one. */
function reword(question: string, rule: 'who' | 'why'): string {
  const q = question.trim().replace(/\?+$/, '').replace(/\s+/g, ' ');
  if (rule === 'who') {
    // "Who deployed the change" → "How did the change come to be deployed?"
    const m = /^who\s+(\w+)\s+(.+)$/i.exec(q);
    const participle = m && participleOf(m[1]!);
    if (m && participle && !/^(?:is|was|are|were|will|can|should|owns?|knows?)$/i.test(m[1]!)) return `How did ${m[2]} come to be ${participle}?`;
    return 'What made this possible? How did it unfold?';
  }
  // "Why did the failover take 20 minutes" → "What led the failover to take 20 minutes?": split at the first base verb.
  const did = /^why\s+did\s+(.+)$/i.exec(q);
  if (did) {
    const words = did[1]!.split(' ');
    const at = words.findIndex((w, i) => i > 0 && BASE_VERBS.has(w.toLowerCase()));
    if (at > 0 && !words.slice(0, at).some((w) => /^not$|n['’]t$/i.test(w))) return `What led ${words.slice(0, at).join(' ')} to ${words.slice(at).join(' ')}?`;
  }
  // "Why was the alert silenced" → "What led to the alert being silenced?"
  const was = /^why\s+(?:was|were)\s+(.+)$/i.exec(q);
  if (was) return `What led to ${was[1]!.replace(/^(.+?)\s+(\w+ed|\w+en)\b/, '$1 being $2')}?`;
  return 'How did this come about? What was known at the time?';
}

function sentences(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  const re = /[^.!?\n]+[.!?]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ start: m.index, text: m[0] });
  return out;
}


export function lintBlameless(text: string, options: BlamelessOptions): BlamelessWarning[] {
  const found: BlamelessWarning[] = [];
  const add = (rule: BlamelessRule, start: number, end: number, message: string, suggestion: string | null) => {
    if (found.some((w) => start < w.end && end > w.start)) return;
    found.push({ rule, start, end, excerpt: text.slice(start, end), message, suggestion });
  };

  // Questions first: their rewording covers the words inside them.
  for (const s of sentences(text)) {
    const lead = /^\s*/.exec(s.text)![0].length;
    const body = s.text.slice(lead);
    const who = /^who\b/i.test(body) && /\?\s*$/.test(body);
    const why = /^why\b/i.test(body) && /\?\s*$/.test(body);
    if (!who && !why) continue;
    const start = s.start + lead;
    const end = s.start + s.text.trimEnd().length;
    add(
      who ? 'who' : 'why',
      start,
      end,
      who
        ? 'A "who" question looks for someone to blame. Ask what and how: the answer is a condition that can be changed.'
        : 'A "why" question asks people to justify themselves. Ask what and how: what led to it, what was known then.',
      reword(body, who ? 'who' : 'why'),
    );
  }

  if (FACTOR_SECTIONS.has(options.section)) {
    for (const name of namePatterns(options.names)) {
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?:['’]s)?(?![\\p{L}\\p{N}])`, 'gu');
      for (const m of text.matchAll(re)) {
        add(
          'name',
          m.index,
          m.index + m[0].length,
          `"${m[0]}" names a person. A contributing factor is a condition, never a person: what in the system or the process made the action possible, or likely?`,
          'the system or the process (e.g. "the deploy tool accepted…", "the runbook did not say…")',
        );
      }
    }
  }

  for (const p of PATTERNS) {
    for (const m of text.matchAll(p.pattern)) add(p.rule, m.index, m.index + m[0].length, p.message, p.suggestion);
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}
