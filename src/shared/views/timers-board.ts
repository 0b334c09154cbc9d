/**
 * The timers board: every deadline of the incident, computed from the
 * snapshot and the current time, never stored as ticks. Each peer computes
 * the same deadlines from the same events, so every countdown agrees (up to
 * the peers' clocks).
 */
import type { IncidentSnapshot } from '../incident/projection';
import { rotationDueAt } from '../incident/org-chart';
import { count, every } from '../plural';
import { deadlines } from './expiries';
import { statusDueAt } from './status-deadline';
import { timerState, type TimerState } from './timer-state';

export { timerState, type TimerState } from './timer-state';

export type TimerKind = 'status-update' | 'review' | 'task' | 'rotation' | 'deputy-callout' | 'custom';

export interface BoardTimer {
  /** Stable across recomputations: the kind and what it is about. */
  readonly id: string;
  readonly kind: TimerKind;
  readonly label: string;
  readonly dueAt: number;
  readonly state: TimerState;
  /** Whom it is for: a task's owner, a responder rotating; null for the whole response. */
  readonly responderId: string | null;
}

/** The Deputy tells the IC the elapsed time every 10 minutes. */
export const DEPUTY_CALLOUT_MS = 10 * 60_000;

/** The next multiple of `every` after `start` that is still ahead of `now` (or at it). */
export function nextOnCadence(start: number, every: number, now: number): number {
  if (now < start) return start + every;
  return start + (Math.floor((now - start) / every) + 1) * every;
}

/**
 * The next status update of an active incident: a cadence after the last
 * update given (a status change not struck through, a stakeholder update
 * sent, or the declaration), by the rules in force at each moment, unless an
 * update sent since promised a time. The same clock the timeline's derived
 * overdue rows are worked out with (status-deadline.ts). Null once the
 * incident has ended.
 */
export function statusUpdateDue(snapshot: IncidentSnapshot): { dueAt: number; everyMinutes: number } | null {
  const header = snapshot.header;
  if (!header || header.state === 'ended' || !snapshot.plan) return null;
  const clock = deadlines(snapshot).status;
  return clock && { dueAt: statusDueAt(clock), everyMinutes: clock.everyMinutes };
}

export function timersBoard(snapshot: IncidentSnapshot, now: number): BoardTimer[] {
  const header = snapshot.header;
  const plan = snapshot.plan;
  if (!header || header.state === 'ended' || !plan) return [];
  const timers: BoardTimer[] = [];
  const add = (id: string, kind: TimerKind, label: string, dueAt: number, responderId: string | null = null) =>
    timers.push({ id, kind, label, dueAt, state: timerState(dueAt, now), responderId });

  const update = statusUpdateDue(snapshot);
  if (update) add('status-update', 'status-update', `Next status update (${header.severity}: ${every(update.everyMinutes, 'min')})`, update.dueAt);
  add('review', 'review', `Next review (${every(plan.reviewMinutes, 'min')})`, nextOnCadence(header.declaredAt, plan.reviewMinutes * 60_000, now));
  add('deputy-callout', 'deputy-callout', 'Deputy: call out the elapsed time', nextOnCadence(header.declaredAt, DEPUTY_CALLOUT_MS, now));

  for (const objective of plan.objectives) {
    for (const task of objective.tasks) {
      if (task.dueAt !== null && task.status === 'open') add(`task:${task.id}`, 'task', `${task.ownerLabel}: ${task.text}`, task.dueAt, task.ownerId);
    }
  }
  for (const timer of plan.timers) add(`custom:${timer.id}`, 'custom', timer.label, timer.startedAt + timer.durationMs);
  // Everyone on duty rotates out after the rotation time: the time the org chart asks "rotate?" (org-chart.ts).
  const org = snapshot.org;
  if (org) {
    for (const r of org.responders) {
      if (r.releasedAt === null) add(`rotation:${r.id}`, 'rotation', `Rotate ${r.name} (after ${count(org.rotation.minutes, 'min')} on duty)`, rotationDueAt(r, org.rotation), r.id);
    }
  }
  return timers.sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
}
