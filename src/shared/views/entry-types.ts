/**
 * The types the timeline shows and filters by. Hand-logged kinds are their
 * own type; the plan's changes are told apart by what they are about
 * (tasks, decisions, changes to production, timers), since "Plan" says
 * little in a postmortem; deadlines that ran out (derived, never stored)
 * are timers too. A change of the status document's phase is its own type
 * ("Phase"), apart from the status updates logged by hand. Shared, so the
 * timeline's CSV (report/timeline-csv.ts) names each entry as the view does.
 */
import { EVENT_KIND_LABELS, type TimelineEvent } from '../incident/schema';
import type { Expiry } from './expiries';
import type { WatchRow } from './org-watch';

/** A row worked out from the log rather than stored in it: a deadline that ran out, a rotation due, a span of control over the limit. */
export type DerivedRow = Expiry | WatchRow;

export type TimelineRow = TimelineEvent | DerivedRow;

export const ENTRY_TYPES = ['note', 'decision', 'action', 'status', 'followup', 'impact', 'severity', 'phase', 'org', 'task', 'change', 'timer', 'update', 'incident', 'inject'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export const ENTRY_TYPE_LABELS: Record<EntryType, string> = {
  note: EVENT_KIND_LABELS.note,
  decision: 'Decision',
  action: EVENT_KIND_LABELS.action,
  status: EVENT_KIND_LABELS.status,
  followup: EVENT_KIND_LABELS.followup,
  impact: EVENT_KIND_LABELS.impact,
  severity: 'Severity',
  phase: EVENT_KIND_LABELS.phase,
  org: EVENT_KIND_LABELS.org,
  task: 'Task',
  change: 'Change',
  timer: 'Timer',
  update: EVENT_KIND_LABELS.update,
  incident: 'Declared, renamed, linked, ended',
  inject: EVENT_KIND_LABELS.inject,
};

export function isDerived(row: TimelineRow): row is DerivedRow {
  return 'derived' in row;
}

/** The chart's warnings (rotation, span of control) are about the organization; the rest are deadlines. */
function isWatch(row: DerivedRow): row is WatchRow {
  return row.kind === 'rotation' || row.kind === 'span';
}

export function entryType(row: TimelineRow): EntryType {
  if (isDerived(row)) return isWatch(row) ? 'org' : 'timer';
  switch (row.kind) {
    case 'declared':
    case 'renamed':
    case 'link':
    case 'ended':
      return 'incident';
    case 'plan': {
      const change = row.plan.change;
      if (change.startsWith('decision-')) return 'decision';
      if (change.startsWith('change-')) return 'change';
      if (change.startsWith('timer-') || change === 'cadence') return 'timer';
      return 'task';
    }
    case 'amend':
      // Never shown as a row of its own; folded into the entry it amends.
      return 'note';
    default:
      return row.kind;
  }
}

/** The word shown in a row's type column. */
export function rowLabel(row: TimelineRow): string {
  if (isDerived(row)) return row.kind === 'rotation' ? 'Rotation' : row.kind === 'span' ? 'Span of control' : 'Timer';
  if (row.kind === 'declared' || row.kind === 'renamed' || row.kind === 'link' || row.kind === 'ended') return EVENT_KIND_LABELS[row.kind];
  return ENTRY_TYPE_LABELS[entryType(row)];
}

/** What a derived row's tag says it was worked out from. */
export function derivedFrom(row: DerivedRow): string {
  return isWatch(row)
    ? 'Worked out from the org chart and the time on duty; not stored in the incident, so every machine shows it once.'
    : 'Worked out from the deadlines in the plan when they passed; not stored in the incident.';
}
