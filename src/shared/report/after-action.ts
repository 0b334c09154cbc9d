/**
 * The after-action score of a drill: what the response did, against what
 * its scenario expected (drill-scenario.ts, `expectations`). Six criteria,
 * each met or not with the figures that decide it, so a debrief talks about
 * what happened rather than a number:
 *
 * - timeboxes kept: enough tasks given a timebox, none run out unattended;
 * - updates on cadence: no stretch without an update longer than expected
 *   (in drill minutes, from the declaration to the end);
 * - handovers explicit: every change of command by an accepted handover
 *   with a briefing, and one when the scenario calls for it;
 * - span of control: no lead over the limit at the end;
 * - decisions: enough adopted, each proposed and left open long enough
 *   for objections (or with one recorded);
 * - closing: the end declared in time and the postmortem given an owner.
 *
 * Timeboxes are the IC's own, in wall time (incident-metrics.ts counts
 * them); the cadence and the end are the scenario's, in drill time.
 */
import type { IncidentSnapshot } from '../incident/projection';
import type { DrillState } from '../incident/drill-schema';
import { injectEntryId } from '../incident/drill-schema';
import { DRILL_MINUTE, drillElapsedMs } from '../incident/drill-clock';
import { chartOf } from '../incident/org-chart';
import { OrgFold } from '../incident/org-fold';
import { IC_ROLE_ID } from '../incident/org-schema';
import { creditOf } from '../incident/schema';
import { incidentMetrics } from './incident-metrics';
import { icHandoversOf } from './postmortem-facts';
import { count as plural } from '../plural';
import { mdEscape } from './postmortem-markdown';

export const SCORE_CRITERIA = ['timeboxes', 'updates', 'handovers', 'span', 'decisions', 'closing'] as const;
export type ScoreCriterion = (typeof SCORE_CRITERIA)[number];

export interface CriterionResult {
  readonly criterion: ScoreCriterion;
  readonly label: string;
  readonly expected: string;
  readonly met: boolean;
  /** What the record shows, in a sentence. */
  readonly found: string;
}

export interface AfterActionScore {
  readonly scenario: string;
  readonly met: number;
  readonly total: number;
  readonly criteria: readonly CriterionResult[];
  readonly injectsDelivered: number;
  readonly injectsTotal: number;
  /** Drill minutes from the declaration to the end. */
  readonly drillMinutes: number;
}

/**
 * How long a proposal stands before it is adopted, at least, for objections
 * to have been asked for ("Are there any strong objections?"), unless one
 * was recorded. Wall time: it is the people on the call who need it.
 */
export const HEARING_MS = 15_000;

/** The score of an ended drill; null while it runs (the figures are not final) or when it played no scenario. */
export function afterActionScore(snapshot: IncidentSnapshot, drill: DrillState | null): AfterActionScore | null {
  const header = snapshot.header;
  const metrics = incidentMetrics(snapshot);
  if (!drill || !header?.drill || !metrics || header.endedAt === null) return null;
  const expect = drill.scenario.expectations;
  const minute = (at: number) => drillElapsedMs(drill.clock, at) / DRILL_MINUTE;
  const end = header.endedAt;

  const criteria: CriterionResult[] = [];
  const timeboxed = metrics.timeboxes;
  criteria.push({
    criterion: 'timeboxes',
    label: 'Timeboxes kept',
    expected: `At least ${plural(expect.timeboxes, 'task')} with a timebox, none run out`,
    met: timeboxed >= expect.timeboxes && metrics.timeboxesMissed === 0,
    found: `${plural(timeboxed, 'task')} with a timebox; ${metrics.timeboxesMissed} ran out before anyone followed up.`,
  });

  const updateTimes = [header.declaredAt];
  for (const event of snapshot.timeline) {
    if (event.at > end) break;
    if (event.kind === 'update' || (event.kind === 'status' && !snapshot.amendments.get(event.id)?.struck)) updateTimes.push(event.at);
  }
  updateTimes.push(end);
  let longest = 0;
  for (let i = 1; i < updateTimes.length; i++) longest = Math.max(longest, minute(updateTimes[i]!) - minute(updateTimes[i - 1]!));
  const given = updateTimes.length - 2;
  criteria.push({
    criterion: 'updates',
    label: 'Updates on cadence',
    expected: `An update at least every ${expect.updateEveryMinutes} drill minutes`,
    met: longest <= expect.updateEveryMinutes,
    found: `${plural(given, 'update')} given; the longest stretch without one was ${Math.round(longest)} drill minutes.`,
  });

  const icChanges = icHandoversOf(snapshot);
  const explicit = (snapshot.org?.handovers ?? []).filter((h) => h.roleId === IC_ROLE_ID && h.status === 'accepted' && h.briefing.trim() && (h.settledAt ?? 0) <= end).length;
  criteria.push({
    criterion: 'handovers',
    label: 'Handovers explicit',
    expected: expect.handover ? 'Command handed over once at least, with a briefing, accepted' : 'Any change of command handed over with a briefing',
    met: icChanges <= explicit && (!expect.handover || explicit > 0),
    found: `Command changed hands ${plural(icChanges, 'time')}; ${plural(explicit, 'handover')} with a briefing accepted.`,
  });

  const span = spanHistory(snapshot, end);
  criteria.push({
    criterion: 'span',
    label: 'Span warnings resolved',
    expected: 'No lead with more than 7 direct reports at the end',
    met: span.atEnd.length === 0,
    found: span.atEnd.length
      ? `Still over at the end: ${span.atEnd.join('; ')}`
      : span.arose
        ? `A lead went over the span of control ${plural(span.arose, 'time')}, and it was resolved.`
        : 'No lead went over the span of control.',
  });

  const adopted = (snapshot.plan?.decisions ?? []).filter((d) => d.outcome === 'adopted' && d.decidedAt !== null && d.decidedAt <= end);
  const heard = adopted.filter((d) => d.objections.length > 0 || d.decidedAt! - d.proposedAt >= HEARING_MS);
  const objections = adopted.reduce((n, d) => n + d.objections.length, 0);
  criteria.push({
    criterion: 'decisions',
    label: 'Decisions logged, objections heard',
    expected: `At least ${plural(expect.decisions, 'decision')} adopted, each proposed and open to objections first`,
    met: adopted.length >= expect.decisions && heard.length === adopted.length,
    found: `${plural(adopted.length, 'decision')} adopted, ${heard.length} after objections were heard; ${plural(objections, 'objection')} recorded.`,
  });

  const endMinute = minute(end);
  const delivered = new Set<string>();
  for (const event of snapshot.timeline) if (event.kind === 'inject' && event.at <= end) delivered.add(event.id);
  const owner = snapshot.postmortem.owner;
  criteria.push({
    criterion: 'closing',
    label: 'End declared, postmortem owned',
    expected: `End declared by T+${expect.endByMinute}, the postmortem given an owner`,
    met: endMinute <= expect.endByMinute && !!owner,
    found: `End declared at T+${Math.floor(endMinute)}; ${owner ? `postmortem owner ${owner}.` : 'no postmortem owner yet.'}`,
  });

  return {
    scenario: drill.scenario.title,
    met: criteria.filter((c) => c.met).length,
    total: criteria.length,
    criteria,
    injectsDelivered: drill.scenario.injects.filter((i) => delivered.has(injectEntryId(i.id))).length,
    injectsTotal: drill.scenario.injects.length,
    drillMinutes: Math.round(endMinute),
  };
}

/** How often a lead went over the span of control, and who is still over it at `end`. */
function spanHistory(snapshot: IncidentSnapshot, end: number): { arose: number; atEnd: string[] } {
  const fold = new OrgFold();
  let over = new Set<string>();
  let arose = 0;
  let declared = false;
  let messages: string[] = [];
  for (const event of snapshot.timeline) {
    if (event.at > end) break;
    if (event.kind === 'declared' && !declared) {
      fold.declare(event.id, event.at, creditOf(event));
      declared = true;
    } else if (event.kind === 'org' && declared) {
      fold.apply(event);
      const warnings = chartOf(fold)?.warnings.filter((w) => w.kind === 'span') ?? [];
      const now = new Set(warnings.map((w) => (w.kind === 'span' ? w.leadId : '')));
      for (const lead of now) if (!over.has(lead)) arose++;
      over = now;
      messages = warnings.map((w) => (w.kind === 'span' ? `${fold.nameOf(w.leadId)} has ${w.reports} direct reports` : ''));
    }
  }
  return { arose, atEnd: messages };
}

/** The score as a section of the drill's postmortem in Markdown. */
export function afterActionMarkdown(score: AfterActionScore): string {
  const rows = score.criteria.map((c) => `| ${c.met ? 'Met' : 'Not met'} | ${mdEscape(c.label)} | ${mdEscape(c.expected)} | ${mdEscape(c.found)} |`);
  return [
    `## After-action score (drill)`,
    `Scenario: ${mdEscape(score.scenario)}. ${score.met} of ${score.total} met; ${score.injectsDelivered} of ${score.injectsTotal} injects delivered; ${score.drillMinutes} drill minutes.`,
    ['| Result | Criterion | Expected | Found |', '| --- | --- | --- | --- |', ...rows].join('\n'),
  ].join('\n\n');
}

/** The score as a JSON file of its own, marked as a drill's. */
export function afterActionJson(score: AfterActionScore, incident: { id: string; name: string }): string {
  return `${JSON.stringify({ format: 'command-post-after-action', version: 1, drill: true, incident, ...score }, null, 2)}\n`;
}
