/**
 * Deadlines that ran out, for the timeline: a task's timebox that ran out
 * before anyone followed up, a status update that came later than the
 * severity's cadence asks (or the last stakeholder update promised), a
 * custom timer that went off. Derived from the
 * deadlines the doc already holds (timeboxes as a start and a duration,
 * the cadence, the status updates given), never written as events: every
 * peer would write its own copy, each at a slightly different time. Every
 * replica derives the same rows from the same doc.
 *
 * `deadlineHistory` lists every deadline that ran out or will run out if
 * nothing happens first, each at its due time; the timeline shows those due
 * by the app's clock (`expiredBy`). A deadline met (the task done,
 * extended or reassigned in time, an update given, the incident ended) has
 * no row. The timers board shows what is running; these rows are history.
 */
import type { IncidentSnapshot } from '../incident/projection';
import type { Severity } from './severity';
import { ownerOf } from './plan';
import { replayIncident } from './replay';

export type ExpiryKind = 'timebox' | 'status-update' | 'timer';

export interface Expiry {
  /** Marks a row derived from the doc, not an event stored in it. */
  readonly derived: true;
  /** Stable: what ran out and when it was due. */
  readonly id: string;
  readonly kind: ExpiryKind;
  /** When it ran out. */
  readonly at: number;
  readonly text: string;
  /** Whose deadline it was (a task's owner); null for the whole response. */
  readonly responderId: string | null;
}

interface Box {
  readonly dueAt: number;
  readonly text: string;
}

const cache = new WeakMap<IncidentSnapshot['timeline'], readonly Expiry[]>();

/** Every deadline that ran out or is still running, by due time. Memoized per timeline. */
export function deadlineHistory(snapshot: IncidentSnapshot): readonly Expiry[] {
  let found = cache.get(snapshot.timeline);
  if (!found) {
    found = Object.freeze(compute(snapshot));
    cache.set(snapshot.timeline, found);
  }
  return found;
}

/** Those due by `now`, in order (the history is sorted, so this is a prefix). */
export function expiredBy(history: readonly Expiry[], now: number): readonly Expiry[] {
  let n = 0;
  while (n < history.length && history[n]!.at <= now) n++;
  return n === history.length ? history : history.slice(0, n);
}

function compute(snapshot: IncidentSnapshot): Expiry[] {
  const found: Expiry[] = [];
  /** Running timeboxes by task; `setDue` is the due time the plan gives it, `dueAt` when it shows as run out. */
  const boxes = new Map<string, Box & { setDue: number; responderId: string }>();
  const timers = new Map<string, Box>();
  let lastStatus: { id: string; at: number } | null = null;
  /** When the last stakeholder update sent said the next one comes; null: at the severity's cadence. */
  let promised: number | null = null;
  let severity: Severity | null = null;
  let statusFlagged = false;
  let endedAt: number | null = null;

  /** A status update is overdue from lastStatus + cadence; flagged once per update given. */
  const checkStatus = (until: number, statusMinutes: Readonly<Record<string, number>>) => {
    if (!lastStatus || !severity || statusFlagged) return;
    const minutes = statusMinutes[severity] ?? 30;
    const dueAt = promised ?? lastStatus.at + minutes * 60_000;
    if (dueAt > until) return;
    statusFlagged = true;
    const why = promised !== null ? 'the last update sent promised the next one by now.' : `${severity} calls for one every ${minutes} minutes.`;
    found.push(expiry(`status:${lastStatus.id}`, 'status-update', dueAt, `Status update overdue: ${why}`, null));
  };
  const closeBox = (id: string, at: number) => {
    const box = boxes.get(id);
    if (box && box.dueAt < at) found.push(expiry(`timebox:${id}:${box.dueAt}`, 'timebox', box.dueAt, box.text, box.responderId));
    boxes.delete(id);
  };

  const final = replayIncident(snapshot.timeline, {
    before(event, { plan, declared, ended }) {
      // The cadence that held until this event: did an update fall overdue meanwhile?
      if (declared && !ended) checkStatus(event.at, plan.statusMinutes);
    },
    after(event, { org, plan, ended }) {
      if (endedAt !== null) return;
      if (ended) {
        endedAt = event.at;
        for (const id of [...boxes.keys()]) closeBox(id, event.at);
        for (const [id, timer] of timers) if (timer.dueAt < event.at) found.push(timerExpiry(id, timer));
        timers.clear();
        return;
      }
      if (event.kind === 'declared' && !lastStatus) {
        lastStatus = { id: event.id, at: event.at };
        severity = event.severity;
      } else if (event.kind === 'severity' && severity) {
        severity = event.to;
        // An escalation can make the update overdue at once: at the escalation (a promised time stands).
        const minutes = plan.statusMinutes[severity] ?? 30;
        if (lastStatus && !statusFlagged && promised === null && lastStatus.at + minutes * 60_000 < event.at) {
          statusFlagged = true;
          found.push(expiry(`status:${lastStatus.id}`, 'status-update', event.at, `Status update overdue: ${severity} calls for one every ${minutes} minutes.`, null));
        }
      } else if (event.kind === 'status' && lastStatus && !snapshot.amendments.get(event.id)?.struck) {
        lastStatus = { id: event.id, at: event.at };
        promised = null;
        statusFlagged = false;
      } else if (event.kind === 'update' && lastStatus) {
        // A stakeholder update sent says when the next one comes (as on the timers board).
        lastStatus = { id: event.id, at: event.at };
        promised = event.nextAt;
        statusFlagged = false;
      } else if (event.kind === 'plan' && !plan.refused.has(event.id)) {
        const change = event.plan;
        if ('taskId' in change) {
          const task = plan.tasks.get(change.taskId);
          if (!task) return;
          // As on the timers board, only an open task's timebox runs: done, dropped and blocked stop it.
          const running = task.status === 'open';
          const setDue = task.startedAt + task.timeboxMs;
          const current = boxes.get(task.id);
          if (current && (!running || current.setDue !== setDue)) closeBox(task.id, event.at);
          if (running && !boxes.has(task.id)) {
            const owner = ownerOf(task.owner, org);
            // Reopened after its time was up: overdue from the moment it is open again.
            const dueAt = Math.max(setDue, event.at);
            boxes.set(task.id, { setDue, dueAt, responderId: owner.responderId, text: `Timebox ran out for "${task.text}" (owner: ${owner.label}); follow up.` });
          }
        } else if (change.change === 'timer-add') {
          timers.set(change.timerId, { dueAt: event.at + change.minutes * 60_000, text: `Timer ran out: ${change.label}` });
        } else if (change.change === 'timer-cancel') {
          const timer = timers.get(change.timerId);
          if (timer && timer.dueAt < event.at) found.push(timerExpiry(change.timerId, timer));
          timers.delete(change.timerId);
        }
      }
    },
  });

  // What is still running at the end of the log runs out at its due time, unless something happens first.
  if (endedAt === null && final.declared) {
    checkStatus(Infinity, final.plan.statusMinutes);
    for (const [id, box] of boxes) found.push(expiry(`timebox:${id}:${box.dueAt}`, 'timebox', box.dueAt, box.text, box.responderId));
    for (const [id, timer] of timers) found.push(timerExpiry(id, timer));
  }
  return found.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function timerExpiry(id: string, timer: Box): Expiry {
  return expiry(`timer:${id}:${timer.dueAt}`, 'timer', timer.dueAt, timer.text, null);
}

function expiry(id: string, kind: ExpiryKind, at: number, text: string, responderId: string | null): Expiry {
  return Object.freeze({ derived: true, id, kind, at, text, responderId });
}
