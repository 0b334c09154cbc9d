/**
 * The incident as it stood at one moment, for the replay in the postmortem
 * review: the timeline up to that entry (each entry as it read then, its
 * later edits and strikes not yet made), the org chart and the plan as they
 * were, the severity and the status document's phase, whether it had ended. Stepping forward from the
 * declaration, not back from the resolution, is what keeps the review
 * honest about what was known at the time (hindsight makes everything
 * look obvious).
 *
 * The projection folds events in order, so the state at a moment is the
 * fold of the events up to it (replay.ts); nothing is stored for it.
 */
import { amendEntry } from '../incident/amendments';
import type { AmendEvent, TimelineEvent } from '../incident/schema';
import type { StatusPhase } from '../incident/status-schema';
import { chartOf, type OrgChart } from '../incident/org-chart';
import { planViewOf, type PlanView } from '../incident/plan-view';
import { replayIncident } from './replay';
import type { Severity } from '../ics/severity';

export interface MomentEntry {
  readonly event: TimelineEvent;
  /** The text as it read at the moment (edits made later not applied). */
  readonly text: string;
  /** Struck through by then, with the reason. */
  readonly struck: string | null;
  /** Marked as a key event (by now: the review's view of what mattered). */
  readonly key: boolean;
}

export interface IncidentMoment {
  /** Which step (0: the declaration) of how many. */
  readonly step: number;
  readonly steps: number;
  readonly event: TimelineEvent;
  readonly at: number;
  readonly severity: Severity | null;
  /** The status document's phase then; null when it is not known (it changed before changes were logged). */
  readonly phase: StatusPhase | null;
  readonly ended: boolean;
  readonly org: OrgChart | null;
  readonly plan: PlanView | null;
  /** The last entries up to this one, oldest first (this one last). */
  readonly recent: readonly MomentEntry[];
}

interface Steps {
  /** The entries one steps through: everything but amendments, which change other entries. */
  readonly events: readonly TimelineEvent[];
  /** Entry id → its amendments, in timeline order. */
  readonly amends: ReadonlyMap<string, readonly AmendEvent[]>;
  /** The phase before the first logged change of phase (the phase it left); null when none was logged. */
  readonly firstPhase: StatusPhase | null;
}

const cache = new WeakMap<Iterable<TimelineEvent>, Steps>();

/** The steps of a replay, memoized per timeline (snapshots never change). */
export function replaySteps(timeline: Iterable<TimelineEvent>): Steps {
  let steps = cache.get(timeline);
  if (!steps) {
    const events: TimelineEvent[] = [];
    const amends = new Map<string, AmendEvent[]>();
    let firstPhase: StatusPhase | null = null;
    for (const e of timeline) {
      if (e.kind === 'amend') {
        const list = amends.get(e.target);
        if (list) list.push(e);
        else amends.set(e.target, [e]);
      } else events.push(e);
      if (e.kind === 'phase' && firstPhase === null) firstPhase = e.from;
    }
    steps = { events, amends, firstPhase };
    cache.set(timeline, steps);
  }
  return steps;
}

/** The steps that are key events (marked so in the end) or milestones (declared, severity, phase, end): where [ and ] jump. */
export function keySteps(timeline: Iterable<TimelineEvent>, isKey: (event: TimelineEvent) => boolean): number[] {
  const out: number[] = [];
  replaySteps(timeline).events.forEach((e, i) => {
    if (isKey(e) || e.kind === 'declared' || e.kind === 'severity' || e.kind === 'phase' || e.kind === 'ended') out.push(i);
  });
  return out;
}

/**
 * The incident as it stood just after step `step` (clamped to the steps
 * there are); null before a declaration. `phaseNow` is the status
 * document's phase now: with no change of phase logged, it is the phase at
 * every moment only if it is still the one every incident starts at.
 */
export function momentAt(
  timeline: Iterable<TimelineEvent>,
  step: number,
  { recentCount = 15, phaseNow = 'investigating' }: { readonly recentCount?: number; readonly phaseNow?: StatusPhase } = {},
): IncidentMoment | null {
  const { events, amends, firstPhase } = replaySteps(timeline);
  if (!events.length) return null;
  const index = Math.max(0, Math.min(events.length - 1, Math.floor(step)));
  const event = events[index]!;
  let severity: Severity | null = null;
  // As the projection folds it: the last change of phase so far sets it.
  let phase: StatusPhase | null = firstPhase ?? (phaseNow === 'investigating' ? 'investigating' : null);
  const state = replayIncident(events.slice(0, index + 1), {
    after(e, s) {
      if (e.kind === 'declared' && severity === null) severity = e.severity;
      else if (e.kind === 'severity' && s.declared && !s.ended) severity = e.to;
      else if (e.kind === 'phase') phase = e.to;
    },
  });
  const org = state.declared ? chartOf(state.org) : null;
  const recent = events.slice(Math.max(0, index + 1 - recentCount), index + 1).map((e): MomentEntry => {
    const all = amends.get(e.id) ?? [];
    const then = amendEntry(
      e,
      all.filter((a) => a.at <= event.at),
    );
    return { event: e, text: then?.text ?? e.text, struck: then?.struck?.reason ?? null, key: amendEntry(e, all)?.key ?? false };
  });
  return {
    step: index,
    steps: events.length,
    event,
    at: event.at,
    severity,
    phase,
    ended: state.ended,
    org,
    plan: state.declared ? planViewOf(state.plan, state.org) : null,
    recent,
  };
}
