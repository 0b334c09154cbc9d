/**
 * The action-item lint. An action item that gets done is (after Google
 * SRE's postmortem guidance and PagerDuty's):
 *
 * - actionable: a sentence that starts with a verb ("Add an alert on…"),
 *   not a topic ("Better monitoring") or a wish ("We should…");
 * - specific: it says what will be different ("Add alerting for every 5xx
 *   rate above 1%"), not "investigate", "improve", "look into";
 * - bounded: one can tell when it is finished, so nothing "ongoing",
 *   "going forward" or "always";
 * - owned by one person, never a team or nobody.
 *
 * Each warning says why; none blocks saving the item.
 */
import { notOnePerson } from '../ics/one-person';
import type { TextWarning } from './blameless';
import { IMPERATIVE_VERBS as VERBS } from './verbs';

export type ActionItemRule = 'verb' | 'vague' | 'unbounded' | 'short' | 'owner' | 'blame';
export type ActionItemWarning = TextWarning<ActionItemRule>;

/** Verbs that start an item without saying what will be different or when it is done. */
const VAGUE: ReadonlyArray<{ pattern: RegExp; instead: string }> = [
  { pattern: /^(?:investigate|explore|research|look\s+into|dig\s+into|think\s+about|consider|evaluate|assess|discuss|brainstorm|study)\b/i, instead: 'say what will be changed or decided, e.g. "Decide whether…by the review" or "Add…"' },
  { pattern: /\b(?:improve|enhance|optimi[sz]e|better|more\s+robust|more\s+reliable|strengthen)\b/i, instead: 'say by how much, or what exactly changes ("Add retries with a 5 s timeout to…")' },
  { pattern: /\b(?:ensure|make\s+sure|try\s+to|be\s+(?:more\s+)?careful|pay\s+(?:more\s+)?attention|remember\s+to|be\s+aware)\b/i, instead: 'name the change that makes it so; care is not a control' },
];

const UNBOUNDED = /\b(?:ongoing|continuous(?:ly)?|always|never\s+again|going\s+forward|from\s+now\s+on|in\s+(?:the\s+)?future|keep\s+(?:an\s+eye|monitoring|watching|checking)|regularly|periodically|all\s+the\s+time|forever)\b/i;

/** Words that start a topic or a wish rather than an action. */
const NOT_A_VERB = /^(?:a|an|the|this|that|these|some|more|better|new|need|needs|should|must|maybe|perhaps|we|someone|somebody|everyone|team|it|there|possibly|ideally|potential(?:ly)?|missing|lack|no|not)\b/i;

const BLAME = /\b(?:careless|sloppy|lazy|incompetent|blame|fault|human\s+error|be\s+(?:more\s+)?careful)\b/i;

export interface ActionItemLintInput {
  readonly text: string;
  readonly owner: string;
}

export function lintActionItem(item: ActionItemLintInput): ActionItemWarning[] {
  const text = item.text.trim();
  const out: ActionItemWarning[] = [];
  const add = (rule: ActionItemRule, start: number, end: number, message: string, suggestion: string | null = null) =>
    out.push({ rule, start, end, excerpt: item.text.slice(start, end), message, suggestion });
  const offset = item.text.indexOf(text);

  const first = /^[\p{L}-]+/u.exec(text)?.[0] ?? '';
  const lower = first.toLowerCase();
  if (!first) {
    add('verb', 0, 0, 'Start with a verb that says what will be done.');
  } else if (VERBS.has(lower)) {
    // Fine.
  } else if (/ing$/.test(lower) && VERBS.has(lower.replace(/ing$/, '')) ) {
    add('verb', offset, offset + first.length, `Start with the verb itself: "${capitalize(lower.replace(/ing$/, ''))}…", an instruction rather than an activity.`, capitalize(lower.replace(/ing$/, '')));
  } else if (NOT_A_VERB.test(text)) {
    add('verb', offset, offset + first.length, `"${first}" starts a topic or a wish, not an action: start with a verb that says what will be done ("Add…", "Document…", "Remove…").`);
  } else if (!VAGUE.some((v) => v.pattern.test(text))) {
    add('verb', offset, offset + first.length, `"${first}" does not read as a verb: start with what will be done ("Add…", "Document…", "Remove…").`);
  }

  for (const v of VAGUE) {
    const m = v.pattern.exec(text);
    if (m) add('vague', offset + m.index, offset + m.index + m[0].length, `"${m[0]}" is not specific: nobody can tell what will be different. ${capitalize(v.instead)}.`);
  }
  const unbounded = UNBOUNDED.exec(text);
  if (unbounded) {
    add('unbounded', offset + unbounded.index, offset + unbounded.index + unbounded[0].length, `"${unbounded[0]}" has no end: say how everyone will know it is done.`);
  }
  if (text.split(/\s+/).filter(Boolean).length < 3) add('short', 0, 0, 'Too short to be specific: what, where, and how will we know it is done?');
  const blame = BLAME.exec(text);
  if (blame) add('blame', offset + blame.index, offset + blame.index + blame[0].length, `"${blame[0]}" asks a person to do better; change the system so the mistake is hard to make.`);

  const owner = item.owner.trim();
  if (!owner) add('owner', 0, 0, 'No owner: give it to one person, who will see it done.');
  else {
    const problem = notOnePerson(owner);
    if (problem) add('owner', 0, 0, problem);
  }
  return out;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
