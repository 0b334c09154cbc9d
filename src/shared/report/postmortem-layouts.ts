/**
 * The two layouts of the postmortem: PagerDuty's template and Google SRE's
 * format (after their published templates, in our own words). Both hold
 * every section the issue lists, so switching layouts only reorders and
 * renames: nothing written is hidden by a layout.
 *
 * PagerDuty's leads with what happened and why, then the people and the
 * timeline, "How'd we do?", the action items and the messaging. Google's
 * leads with the summary, impact and root causes, puts the action items
 * and the lessons learned before the timeline, and keeps the rest as
 * supporting information.
 */
import type { PostmortemLayout, PostmortemSection } from '../incident/postmortem-schema';

/** The facts a layout shows, read from the incident (postmortem-facts.ts). */
export type FactBlock = 'severities' | 'phases' | 'responders' | 'timeline' | 'decisions' | 'action-items' | 'updates';

export type LayoutBlock =
  | { readonly kind: 'text'; readonly section: PostmortemSection; readonly title: string }
  | { readonly kind: 'facts'; readonly fact: FactBlock; readonly title: string }
  | { readonly kind: 'group'; readonly title: string; readonly children: readonly LayoutBlock[] };

const text = (section: PostmortemSection, title: string): LayoutBlock => ({ kind: 'text', section, title });
const facts = (fact: FactBlock, title: string): LayoutBlock => ({ kind: 'facts', fact, title });
const group = (title: string, ...children: LayoutBlock[]): LayoutBlock => ({ kind: 'group', title, children });

export const LAYOUTS: Readonly<Record<PostmortemLayout, readonly LayoutBlock[]>> = {
  pagerduty: [
    text('overview', 'Overview'),
    text('whatHappened', 'What happened'),
    text('detection', 'How it was detected'),
    text('contributingFactors', 'Contributing factors'),
    text('resolution', 'Resolution'),
    group('Impact', text('impact', 'Impact'), facts('severities', 'Time at each severity'), facts('phases', 'Phases of the response')),
    facts('responders', 'Responders'),
    facts('timeline', 'Timeline'),
    facts('decisions', 'Decisions'),
    group(
      "How'd we do?",
      text('wentWell', 'What went well?'),
      text('wentWrong', "What didn't go so well?"),
      text('gotLucky', 'Where did we get lucky?'),
      text('responseProcess', 'How did the response process work?'),
    ),
    facts('action-items', 'Action items'),
    group('Messaging', text('internalMessage', 'Internal message'), text('externalMessage', 'External message'), facts('updates', 'Updates sent during the incident')),
  ],
  google: [
    text('overview', 'Summary'),
    group('Impact', text('impact', 'Impact'), facts('severities', 'Time at each severity'), facts('phases', 'Phases of the response')),
    text('contributingFactors', 'Root causes and contributing factors'),
    text('whatHappened', 'Trigger'),
    text('resolution', 'Resolution'),
    text('detection', 'Detection'),
    facts('action-items', 'Action items'),
    group(
      'Lessons learned',
      text('wentWell', 'What went well'),
      text('wentWrong', 'What went wrong'),
      text('gotLucky', 'Where we got lucky'),
      text('responseProcess', 'The response process'),
    ),
    facts('timeline', 'Timeline'),
    group(
      'Supporting information',
      facts('responders', 'Responders'),
      facts('decisions', 'Decisions'),
      text('internalMessage', 'Internal message'),
      text('externalMessage', 'External message'),
      facts('updates', 'Updates sent during the incident'),
    ),
  ],
};

/** What each section is for: shown as the empty section's placeholder and in the files while it is blank. */
export const SECTION_PROMPTS: Readonly<Record<PostmortemSection, string>> = {
  overview: 'Two or three sentences: what was affected, for how long, how badly, and the main conditions behind it.',
  whatHappened: 'What happened, in order, as it looked at the time: what changed, what people saw, what they did.',
  detection: 'What first showed something was wrong (an alert, a customer, a colleague), when, and how long it took to reach the right people.',
  contributingFactors: 'The conditions that made it possible or worse: in the system, the tools, the process. Never a person: ask what made the action possible, not who took it.',
  resolution: 'What stopped the impact, and what fixed it for good; say if a temporary fix is still in place.',
  impact: 'Exact numbers: customers and requests affected, errors, orders or data lost, support requests raised, for how long.',
  wentWell: 'What helped: tools, runbooks, people who knew where to look. It is fine to list nothing.',
  wentWrong: 'What did not go well, so each point can be followed up.',
  gotLucky: 'What went our way by chance rather than by design: each is a risk for next time.',
  responseProcess: 'How the response itself worked: roles, updates, handovers, decisions, the tools. What to change in the process.',
  internalMessage: 'A short note for the company, sent after the review: what happened and where this postmortem is.',
  externalMessage: 'What customers are told: a summary, what happened, what we are doing about it, and a genuine apology.',
};

/** Every text section a layout shows, in its order (each appears exactly once). */
export function layoutSections(layout: PostmortemLayout): PostmortemSection[] {
  const out: PostmortemSection[] = [];
  const walk = (blocks: readonly LayoutBlock[]) => {
    for (const b of blocks) {
      if (b.kind === 'text') out.push(b.section);
      else if (b.kind === 'group') walk(b.children);
    }
  };
  walk(LAYOUTS[layout]);
  return out;
}

/** A text section's heading in a layout ("Trigger" in Google SRE's for what PagerDuty's calls "What happened"). */
export function sectionTitle(layout: PostmortemLayout, section: PostmortemSection): string {
  let found = section as string;
  const walk = (blocks: readonly LayoutBlock[]) => {
    for (const b of blocks) {
      if (b.kind === 'text' && b.section === section) found = b.title;
      else if (b.kind === 'group') walk(b.children);
    }
  };
  walk(LAYOUTS[layout]);
  return found;
}
