/**
 * One ended incident's figures for the metrics view (metrics.ts gathers
 * them across incidents): how long the response took to identify,
 * mitigate and resolve (from the logged phases), how many status update
 * deadlines it met, how many task timeboxes it kept, how often command
 * changed hands, how long responders stayed on duty past the rotation, and
 * its postmortem and open action items.
 *
 * Worked out once an incident has ended, when its figures are final, and
 * kept in its catalog row (list-summary.ts) so the metrics never open an
 * incident. Memoized on the timeline: an ended incident's postmortem is
 * written to often, its log seldom.
 */
import type { IncidentSnapshot } from '../incident/projection';
import type { Severity } from '../ics/severity';
import type { PostmortemStatus } from '../incident/postmortem-schema';
import type { TimelineEvent } from '../incident/schema';
import type { Sequence } from '../sequence';
import { rotationDueFrom } from '../incident/org-chart';
import { deadlines } from '../views/expiries';
import { icHandoversOf, phaseMilestones } from './postmortem-facts';
import { severityRank } from '../ics/severity';

/** An action item still to do, as the metrics count it by owner and age. */
export interface OpenActionItem {
  readonly owner: string;
  readonly createdAt: number;
  readonly dueDate: string | null;
}

export interface IncidentMetrics {
  readonly worstSeverity: Severity;
  /** From the declaration to the first phase change to identified / monitoring or resolved / resolved; null where the phases do not say. */
  readonly toIdentifiedMs: number | null;
  readonly toMitigatedMs: number | null;
  readonly toResolvedMs: number | null;
  readonly durationMs: number;
  /** Status update deadlines the response had (the declaration and each update given start one) and how many of them ran out first. */
  readonly updateDeadlines: number;
  readonly updatesLate: number;
  /** Tasks given a timebox, and timeboxes that ran out before anyone followed up. */
  readonly timeboxes: number;
  readonly timeboxesMissed: number;
  readonly icHandovers: number;
  readonly responders: number;
  /** Summed over responders: time on duty past their rotation, up to their release or the end. */
  readonly overtimeMs: number;
  readonly respondersOverRotation: number;
  readonly postmortem: { readonly status: PostmortemStatus | null; readonly statusAt: number | null; readonly dueDate: string | null; readonly owner: string | null };
  readonly openActionItems: readonly OpenActionItem[];
}

interface TimelineFigures {
  readonly worstSeverity: Severity;
  readonly milestones: ReturnType<typeof phaseMilestones>;
  readonly updateDeadlines: number;
  readonly updatesLate: number;
  readonly timeboxesMissed: number;
  readonly icHandovers: number;
}

const byTimeline = new WeakMap<Sequence<TimelineEvent>, TimelineFigures>();

/** What the log says, once per timeline. */
function timelineFigures(snapshot: IncidentSnapshot, end: number): TimelineFigures {
  const known = byTimeline.get(snapshot.timeline);
  if (known) return known;
  let worst = snapshot.header!.severity;
  let given = 0;
  for (const event of snapshot.timeline) {
    if (event.at > end) break;
    if (event.kind === 'severity' && severityRank(event.to) < severityRank(worst)) worst = event.to;
    else if (event.kind === 'declared' && severityRank(event.severity) < severityRank(worst)) worst = event.severity;
    else if (event.kind === 'update' || (event.kind === 'status' && !snapshot.amendments.get(event.id)?.struck)) given++;
  }
  const ranOut = deadlines(snapshot).history.filter((e) => e.at <= end);
  const figures: TimelineFigures = {
    worstSeverity: worst,
    milestones: phaseMilestones(snapshot, end),
    // The declaration starts the first deadline and each update given the next; the end closes the last.
    updateDeadlines: 1 + given,
    updatesLate: ranOut.filter((e) => e.kind === 'status-update').length,
    timeboxesMissed: ranOut.filter((e) => e.kind === 'timebox').length,
    icHandovers: icHandoversOf(snapshot),
  };
  byTimeline.set(snapshot.timeline, figures);
  return figures;
}

export function incidentMetrics(snapshot: IncidentSnapshot): IncidentMetrics | null {
  const header = snapshot.header;
  if (!header || header.state !== 'ended' || header.endedAt === null) return null;
  const end = header.endedAt;
  const t = timelineFigures(snapshot, end);
  const since = (at: number | null) => (at === null ? null : Math.max(0, at - header.declaredAt));
  const responders = snapshot.org?.responders ?? [];
  let overtimeMs = 0;
  let over = 0;
  for (const r of responders) {
    const off = Math.min(r.releasedAt ?? end, end);
    const past = off - rotationDueFrom(r.checkedInAt, snapshot.org!.rotation);
    if (past > 0) {
      overtimeMs += past;
      over++;
    }
  }
  const tasks = snapshot.plan?.objectives.flatMap((o) => o.tasks) ?? [];
  const pm = snapshot.postmortem;
  return {
    worstSeverity: t.worstSeverity,
    toIdentifiedMs: since(t.milestones.identifiedAt),
    toMitigatedMs: since(t.milestones.mitigatedAt),
    toResolvedMs: since(t.milestones.resolvedAt),
    durationMs: Math.max(0, end - header.declaredAt),
    updateDeadlines: t.updateDeadlines,
    updatesLate: Math.min(t.updatesLate, t.updateDeadlines),
    timeboxes: tasks.filter((task) => task.timeboxMs > 0).length,
    timeboxesMissed: t.timeboxesMissed,
    icHandovers: t.icHandovers,
    responders: responders.length,
    overtimeMs,
    respondersOverRotation: over,
    // Not started until a draft is begun or its status is set.
    postmortem: { status: pm.startedAt === null && pm.statusAt === null ? null : pm.status, statusAt: pm.statusAt, dueDate: pm.dueDate, owner: pm.owner },
    openActionItems: pm.actionItems.filter((i) => !i.done && !i.removed).map((i) => ({ owner: i.owner, createdAt: i.createdAt, dueDate: i.dueDate })),
  };
}
