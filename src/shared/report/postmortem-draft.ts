/**
 * The first draft of each section, from what the incident already says:
 * the synopsis and the status document's summary and impact, the moments
 * that mattered, how it ended, the figures of the response. Parts only
 * people can write are left as [blanks], and the contributing factors are
 * never drafted: a draft written from the log would read as who did what.
 *
 * Times are UTC, as the postmortem's timeline is: its readers are anywhere.
 */
import type { PostmortemSection } from '../incident/postmortem-schema';
import type { IncidentSnapshot } from '../incident/projection';
import { STATUS_PHASE_LABELS } from '../incident/status-schema';
import { BLANK } from './updates';
import { postmortemFacts, type IncidentFacts, type PostmortemFacts, type TimelineFact } from './postmortem-facts';
import { count } from '../plural';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * "2026-03-14 09:30": the minute an instant falls in, UTC. Exports format
 * tens of thousands of times that share a few hundred minutes, so the last
 * minute's text is kept (Date's own formatting costs more than the rest of
 * a timeline row).
 */
let lastMinute = Number.NaN;
let lastMinuteText = '';
function minuteText(at: number): string {
  const minute = Math.floor(at / 60_000);
  if (minute !== lastMinute) {
    const d = new Date(minute * 60_000);
    lastMinuteText = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    lastMinute = minute;
  }
  return lastMinuteText;
}

/** ":07": the second within its minute, for the times of events (two things logged within a minute are told apart). */
function secondOf(at: number): string {
  return `:${two(Math.floor((((at % 60_000) + 60_000) % 60_000) / 1000))}`;
}

/** "2026-03-14 09:30:07": when an event happened, in a column headed UTC. */
export function utcSecond(at: number): string {
  return minuteText(at) + secondOf(at);
}

/** "09:30:07": an event's time of day, in a column headed UTC. */
export function utcClockSecond(at: number): string {
  return minuteText(at).slice(11) + secondOf(at);
}

/** "09:30:07 UTC". */
export function utcTimeSecond(at: number): string {
  return `${utcClockSecond(at)} UTC`;
}

/** "2026-03-14 09:30:07 UTC". */
export function utcStampSecond(at: number): string {
  return `${utcSecond(at)} UTC`;
}

/** "09:30 UTC". */
export function utcTime(at: number): string {
  return `${minuteText(at).slice(11)} UTC`;
}

/** "09:30": a time in a column headed UTC. */
export function utcClock(at: number): string {
  return minuteText(at).slice(11);
}

/** "2026-03-14 09:30": a date and time in a column headed UTC. */
export function utcMinute(at: number): string {
  return minuteText(at);
}

/** "14 March 2026". */
export function utcDate(at: number): string {
  const d = new Date(at);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "2026-03-14 09:30 UTC": a time in a table, sortable and unambiguous. */
export function utcStamp(at: number): string {
  return `${minuteText(at)} UTC`;
}

/** "1 h 25 min", "40 min", "2 d 3 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  return `${Math.floor(hours / 24)} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t) return '';
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

const lines = (...parts: Array<string | null | false | undefined>) => parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n');

export interface PhaseFigure {
  /** "Time to identify". */
  readonly label: string;
  /** "23 min". */
  readonly value: string;
  /** "identified at 09:53 UTC". */
  readonly detail: string;
}

/**
 * Time to identify, to mitigate and to resolve, from the declaration, as
 * far as the logged phases tell (a phase skipped or never reached gives no
 * figure): what a review compares from one incident to the next.
 */
export function phaseFigures(i: IncidentFacts): PhaseFigure[] {
  const m = i.phaseMilestones;
  const after = (at: number) => formatDuration(at - i.declaredAt);
  const phaseAt = (at: number) => STATUS_PHASE_LABELS[i.phases.find((p) => p.from === at)?.phase ?? 'monitoring'].toLowerCase();
  const out: PhaseFigure[] = [];
  if (m.identifiedAt !== null) out.push({ label: 'Time to identify', value: after(m.identifiedAt), detail: `identified at ${utcTime(m.identifiedAt)}` });
  if (m.mitigatedAt !== null) {
    const began = m.mitigatingAt !== null && m.mitigatingAt < m.mitigatedAt ? `mitigating from ${utcTime(m.mitigatingAt)}, ` : '';
    out.push({ label: 'Time to mitigate', value: after(m.mitigatedAt), detail: `${began}${phaseAt(m.mitigatedAt)} from ${utcTime(m.mitigatedAt)}` });
  } else if (m.mitigatingAt !== null) {
    out.push({ label: 'Mitigation began', value: after(m.mitigatingAt), detail: `mitigating from ${utcTime(m.mitigatingAt)}; the fix was never marked as in` });
  }
  if (m.resolvedAt !== null) out.push({ label: 'Time to resolve', value: after(m.resolvedAt), detail: `resolved at ${utcTime(m.resolvedAt)}` });
  return out;
}

/** "- Cause identified 23 min after the declaration; fix in (monitoring) after 31 min." for the response process; null when the phases say nothing. */
function phaseLine(i: IncidentFacts): string | null {
  const m = i.phaseMilestones;
  const parts: Array<[string, number]> = [];
  if (m.identifiedAt !== null) parts.push(['cause identified', m.identifiedAt]);
  if (m.mitigatedAt !== null) {
    const phase = i.phases.find((p) => p.from === m.mitigatedAt)?.phase;
    if (phase !== 'resolved') parts.push([`fix in (${STATUS_PHASE_LABELS[phase ?? 'monitoring'].toLowerCase()})`, m.mitigatedAt]);
  }
  if (m.resolvedAt !== null) parts.push(['resolved', m.resolvedAt]);
  if (!parts.length) return null;
  const text = parts.map(([what, at], n) => `${what} ${n === 0 ? `${formatDuration(at - i.declaredAt)} after the declaration` : `after ${formatDuration(at - i.declaredAt)}`}`).join('; ');
  return `- ${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The moments worth a line in "what happened": marked key events and milestones, at most a dozen. */
function moments(timeline: readonly TimelineFact[]): TimelineFact[] {
  const picked = timeline.filter((f) => f.key || f.milestone);
  return picked.length > 12 ? [...picked.slice(0, 6), ...picked.slice(-6)] : picked;
}

/** The sections drafted from the incident (the others are for people to write from the start). */
export const DRAFTED_SECTIONS: ReadonlySet<PostmortemSection> = new Set([
  'overview',
  'whatHappened',
  'detection',
  'resolution',
  'impact',
  'responseProcess',
  'internalMessage',
  'externalMessage',
]);

export function draftSections(snapshot: IncidentSnapshot, asOf: number, facts: PostmortemFacts = postmortemFacts(snapshot, asOf)): Partial<Record<PostmortemSection, string>> {
  const { incident: i, response: r } = facts;
  const status = snapshot.status;
  const pm = snapshot.postmortem;
  const ended = snapshot.timeline.find((e) => e.kind === 'ended');
  const endSummary = ended?.text.replace(/^End of incident declared:\s*/, '').replace(/^End of incident .* declared\.$/, '') ?? '';
  const severityNote = i.worstSeverity !== i.severity ? `, at worst ${i.worstSeverity}` : '';
  const changes = snapshot.plan?.changes ?? [];

  return {
    overview: lines(
      `On ${utcDate(i.declaredAt)}, ${i.name} (${i.severity}${severityNote}${i.drill ? ', a drill' : ''}) lasted ${formatDuration(i.durationMs)}${i.endedAt === null ? ' so far' : ''}: ${sentence(i.synopsis)}`,
      sentence(status.summary.text),
      BLANK('one sentence on the main contributing factors and the impact'),
    ),
    whatHappened: lines(
      sentence(status.summary.text) || BLANK('what happened, in order, as it looked at the time'),
      moments(facts.timeline).length ? 'Moments that mattered:' : null,
      ...moments(facts.timeline).map((f) => `- ${utcTimeSecond(f.at)} ${f.label}: ${f.text}`),
    ),
    detection: lines(
      `The incident was declared at ${utcTime(i.declaredAt)} by ${i.declaredBy}.`,
      i.impactSince !== null && i.impactSince < i.declaredAt ? `The impact had begun at ${utcTime(i.impactSince)}, ${formatDuration(i.declaredAt - i.impactSince)} before.` : null,
      BLANK('what first showed something was wrong (an alert, a customer, a colleague), and when'),
    ),
    resolution: lines(
      endSummary ? sentence(endSummary) : BLANK('what stopped the impact, and what fixed it'),
      changes.length ? 'Changes made during the response:' : null,
      ...changes.map((c) => `- ${c.text}${c.observedAt === null ? ' (result not recorded)' : `: ${c.worked ? 'worked' : 'did not work'}${c.result ? `, ${c.result}` : ''}`}`),
      BLANK('is a temporary fix still in place? what is the long-term fix?'),
    ),
    impact: lines(
      sentence(status.impact.text) || BLANK('who was affected, how many, and what they could not do'),
      i.impactSince !== null ? `Impact from ${utcTime(i.impactSince)} on ${utcDate(i.impactSince)}.` : null,
      BLANK('exact numbers: requests failed, customers affected, support requests raised'),
    ),
    responseProcess: lines(
      phaseLine(i),
      r.firstUpdateMinutes.internal === null ? '- No internal update was sent.' : `- The first internal update went out ${r.firstUpdateMinutes.internal} min after the declaration.`,
      r.firstUpdateMinutes.external === null ? '- No external update was sent.' : `- The first external update went out ${r.firstUpdateMinutes.external} min after the declaration.`,
      r.updatesSent ? `- ${count(r.updatesSent, 'update')} sent; ${r.lateUpdates} went out after the time the previous one promised.` : null,
      `- ${count(r.responders, 'responder')} checked in; command changed hands ${count(r.icHandovers, 'time')}.`,
      r.tasks ? `- ${count(r.tasks, 'task')} given out; ${r.tasksExtended} needed more time than their timebox.` : null,
      r.changes
        ? `- ${count(r.changes, 'change')} to production; ${r.changesThatDidNotWork ? `${r.changesThatDidNotWork} did not work` : r.changes === 1 ? 'it worked' : 'each worked'}.`
        : null,
      BLANK('what to change in how we respond'),
    ),
    internalMessage: lines(
      `${i.name} (${i.worstSeverity}) on ${utcDate(i.declaredAt)}: ${sentence(i.synopsis)}`,
      BLANK('what happened and what we are changing, in two sentences'),
      `The postmortem: ${pm.where || BLANK('where this postmortem is')}.`,
    ),
    externalMessage: lines(
      `Summary: ${BLANK('what customers saw, when, and for how long')}`,
      `What happened: ${BLANK('in plain words, without internal names')}`,
      `What we are doing about it: ${BLANK('the changes that keep it from happening again')}`,
      BLANK('a genuine apology'),
    ),
  };
}
