/**
 * The timers board: every deadline of the incident, computed from the
 * snapshot and the current time, never stored as ticks. Each peer computes
 * the same deadlines from the same events, so every countdown agrees (up to
 * the peers' clocks).
 */
import type { IncidentSnapshot } from '../incident/projection';
import { rotationDue } from '../incident/org-chart';
import { sentUpdates } from './sent-updates';

export type TimerKind = 'status-update' | 'review' | 'task' | 'rotation' | 'deputy-callout' | 'custom';
export type TimerState = 'normal' | 'due-soon' | 'overdue';

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

/** Due soon: within this share of the timer's span, and at most this long before it. */
const DUE_SOON_MS = 2 * 60_000;
/** The Deputy tells the IC the elapsed time every 10 minutes. */
export const DEPUTY_CALLOUT_MS = 10 * 60_000;

export function timerState(dueAt: number, now: number): TimerState {
  return now >= dueAt ? 'overdue' : dueAt - now <= DUE_SOON_MS ? 'due-soon' : 'normal';
}

/** The next multiple of `every` after `start` that is still ahead of `now` (or at it). */
export function nextOnCadence(start: number, every: number, now: number): number {
  if (now < start) return start + every;
  return start + (Math.floor((now - start) / every) + 1) * every;
}

/**
 * When the next status update is due: at the cadence from the last status
 * change logged, unless a stakeholder update was sent since, which said when
 * the next one comes: that promise is the deadline (one that promised none,
 * the resolution, falls back to the cadence).
 */
export function nextUpdateDue(timeline: IncidentSnapshot['timeline'], lastStatus: number, statusMinutes: number): number {
  const update = sentUpdates(timeline)[0];
  if (update && update.at >= lastStatus) return update.nextAt ?? update.at + statusMinutes * 60_000;
  return lastStatus + statusMinutes * 60_000;
}

/**
 * The next status update of an active incident: the cadence of the current
 * severity, from the last status logged (or the declaration), unless an
 * update sent since promised a time. Null once the incident has ended.
 */
export function statusUpdateDue(snapshot: IncidentSnapshot): { dueAt: number; everyMinutes: number } | null {
  const header = snapshot.header;
  const plan = snapshot.plan;
  if (!header || header.state === 'ended' || !plan) return null;
  let lastStatus = header.declaredAt;
  for (let i = snapshot.timeline.length - 1; i >= 0; i--) {
    const event = snapshot.timeline[i]!;
    // A struck-through update was never given (logged by mistake, or for another incident).
    if (event.kind === 'status' && !snapshot.amendments.get(event.id)?.struck) {
      lastStatus = event.at;
      break;
    }
  }
  const everyMinutes = plan.statusMinutes[header.severity] ?? 30;
  return { dueAt: nextUpdateDue(snapshot.timeline, lastStatus, everyMinutes), everyMinutes };
}

export function timersBoard(snapshot: IncidentSnapshot, now: number): BoardTimer[] {
  const header = snapshot.header;
  const plan = snapshot.plan;
  if (!header || header.state === 'ended' || !plan) return [];
  const timers: BoardTimer[] = [];
  const add = (id: string, kind: TimerKind, label: string, dueAt: number, responderId: string | null = null) =>
    timers.push({ id, kind, label, dueAt, state: timerState(dueAt, now), responderId });

  const update = statusUpdateDue(snapshot);
  if (update) add('status-update', 'status-update', `Next status update (${header.severity}: every ${update.everyMinutes} min)`, update.dueAt);
  add('review', 'review', `Next review (every ${plan.reviewMinutes} min)`, nextOnCadence(header.declaredAt, plan.reviewMinutes * 60_000, now));
  add('deputy-callout', 'deputy-callout', 'Deputy: call out the elapsed time', nextOnCadence(header.declaredAt, DEPUTY_CALLOUT_MS, now));

  for (const objective of plan.objectives) {
    for (const task of objective.tasks) {
      if (task.dueAt !== null && task.status === 'open') add(`task:${task.id}`, 'task', `${task.ownerLabel}: ${task.text}`, task.dueAt, task.ownerId);
    }
  }
  for (const timer of plan.timers) add(`custom:${timer.id}`, 'custom', timer.label, timer.startedAt + timer.durationMs);
  const org = snapshot.org;
  if (org) {
    for (const r of org.responders) {
      if (r.releasedAt !== null) continue;
      const dueAt = r.checkedInAt + org.rotationMinutes * 60_000;
      if (rotationDue(r, org.rotationMinutes, now) || dueAt - now <= 15 * 60_000) add(`rotation:${r.id}`, 'rotation', `Rotate ${r.name}`, dueAt, r.id);
    }
  }
  return timers.sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
}
