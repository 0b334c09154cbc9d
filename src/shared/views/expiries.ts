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
import type { Severity } from '../ics/severity';
import { ownerOf, type PlanFold } from '../incident/plan-fold';
import { isLoggedEvent, type TimelineEvent } from '../incident/schema';
import { IncidentReplay, type ReplayState, type ReplayVisitor } from './replay';
import { memoizedFold, type TimelineFold } from './timeline-fold';
import { StatusClockKeeper, statusDueAt, statusOverdueText, type StatusClock } from './status-deadline';

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

export interface Deadlines {
  /** Every deadline that ran out or is still running, by due time. */
  readonly history: readonly Expiry[];
  /** The next status update's clock at the end of the log (status-deadline.ts); null before the declaration and after the end. */
  readonly status: StatusClock | null;
}

/** The deadlines of an incident. Memoized per timeline, and worked out from the previous one's when events were only appended. */
export const deadlines: (snapshot: IncidentSnapshot) => Deadlines = memoizedFold({
  timelineOf: (snapshot: IncidentSnapshot) => snapshot.timeline,
  start: () => new DeadlinesFold(),
  // An amendment can strike an earlier status change, which then was never given: replay it all.
  resumesAfter: (event) => event.kind !== 'amend',
});

/** Every deadline that ran out or is still running, by due time. */
export const deadlineHistory = (snapshot: IncidentSnapshot): readonly Expiry[] => deadlines(snapshot).history;

/** The same answer, folded from the start every time (for tests that check the memoized one against it). */
export function computeDeadlineHistory(snapshot: IncidentSnapshot): readonly Expiry[] {
  const fold = new DeadlinesFold();
  for (const event of snapshot.timeline) fold.add(event, snapshot);
  return fold.result().history;
}

/** The status-update cadence of a severity under the plan. */
export function cadenceOf(plan: Pick<PlanFold, 'statusMinutes'>, severity: Severity): number {
  return plan.statusMinutes[severity] ?? 30;
}

/** Those due by `now`, in order (the history is sorted, so this is a prefix). */
export function expiredBy<Row extends { readonly at: number }>(history: readonly Row[], now: number): readonly Row[] {
  let n = 0;
  while (n < history.length && history[n]!.at <= now) n++;
  return n === history.length ? history : history.slice(0, n);
}

/** The replay of the deadlines, kept as the timeline grows. */
class DeadlinesFold implements TimelineFold<IncidentSnapshot, Deadlines> {
  private readonly replay = new IncidentReplay();
  /** The deadlines that ran out for good (the history so far, before what is still running). */
  private readonly found: Expiry[] = [];
  /** Running timeboxes by task; `setDue` is the due time the plan gives it, `dueAt` when it shows as run out. */
  private readonly boxes = new Map<string, Box & { setDue: number; responderId: string }>();
  private readonly timers = new Map<string, Box>();
  /** When the next status update is due, by the rules in force. */
  private readonly status = new StatusClockKeeper();
  /** The update given last was already flagged overdue (once per update, and again only after a cadence relaxed). */
  private statusFlagged = false;
  private endedAt: number | null = null;
  /** The snapshot whose events are being taken (for their amendments). */
  private snapshot: IncidentSnapshot | null = null;
  /** The last answer: the same array while nothing in it changed, so the rows shown are not worked out again. */
  private last: readonly Expiry[] = Object.freeze([]);

  private readonly visitor: ReplayVisitor = {
    before: (event, { declared, ended }) => {
      // The rule that held until this event: did an update fall overdue meanwhile?
      if (declared && !ended) {
        const overdue = this.statusOverdue(event.at);
        if (overdue) {
          this.statusFlagged = true;
          this.found.push(overdue);
        }
      }
    },
    after: (event, state) => this.after(event, state),
  };

  /** The status update falling overdue by `until` under the rule in force, unless already flagged; null when none does. */
  private statusOverdue(until: number): Expiry | null {
    const clock = this.status.clock;
    if (!clock || this.statusFlagged) return null;
    const dueAt = statusDueAt(clock);
    if (dueAt > until) return null;
    return expiry(`status:${clock.lastId}:${dueAt}`, 'status-update', dueAt, statusOverdueText(clock), null);
  }

  private closeBox(id: string, at: number): void {
    const box = this.boxes.get(id);
    if (box && box.dueAt < at) this.found.push(expiry(`timebox:${id}:${box.dueAt}`, 'timebox', box.dueAt, box.text, box.responderId));
    this.boxes.delete(id);
  }

  private after(event: TimelineEvent, { org, plan, ended }: ReplayState): void {
    if (this.endedAt !== null) return;
    const { boxes, timers, found } = this;
    if (ended) {
      this.endedAt = event.at;
      for (const id of [...boxes.keys()]) this.closeBox(id, event.at);
      for (const [id, timer] of timers) if (timer.dueAt < event.at) found.push(timerExpiry(id, timer));
      timers.clear();
      return;
    }
    const status = this.status;
    if (status.clock) {
      // The severity and cadence from this event on: a new rule counts from its own time (status-deadline.ts).
      const severity = event.kind === 'severity' ? event.to : status.clock.severity;
      // A relaxed cadence gives the update a deadline after the change: it can fall overdue again.
      if (status.rules(event.at, severity, cadenceOf(plan, severity)) && statusDueAt(status.clock) > event.at) this.statusFlagged = false;
    }
    if (event.kind === 'declared' && !status.clock) {
      status.declared(event.id, event.at, event.severity, cadenceOf(plan, event.severity));
    } else if (event.kind === 'status' && status.clock && !this.snapshot?.amendments.get(event.id)?.struck) {
      status.given(event.id, event.at, null);
      this.statusFlagged = false;
    } else if (event.kind === 'update' && status.clock) {
      // A stakeholder update sent says when the next one comes (as on the timers board).
      status.given(event.id, event.at, event.nextAt);
      this.statusFlagged = false;
    } else if (event.kind === 'plan' && !plan.refused.has(event.id)) {
      const change = event.plan;
      if ('taskId' in change) {
        const task = plan.tasks.get(change.taskId);
        if (!task) return;
        // As on the timers board, only an open task's timebox runs: done, dropped and blocked stop it.
        const running = task.status === 'open';
        const setDue = task.startedAt + task.timeboxMs;
        const current = boxes.get(task.id);
        if (current && (!running || current.setDue !== setDue)) this.closeBox(task.id, event.at);
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
  }

  add(event: TimelineEvent, snapshot: IncidentSnapshot): void {
    this.snapshot = snapshot;
    this.replay.step(event, this.visitor);
    this.snapshot = null;
  }

  /**
   * An entry that changes no rule or clock (a note, a decision: anything
   * logged but a status) changes no deadline wherever it sorts: a deadline
   * that ran out before it is found by the first event after its due time,
   * or at the end, with the same rules in force (nothing between changed
   * them), so the answer is the one folding in order gives.
   */
  insert(event: TimelineEvent): boolean {
    return isLoggedEvent(event) && event.kind !== 'status';
  }

  result(): Deadlines {
    const all = this.found.slice();
    const running = this.endedAt === null && this.replay.declared;
    // What is still running at the end of the log runs out at its due time, unless something happens first.
    if (running) {
      const overdue = this.statusOverdue(Infinity);
      if (overdue) all.push(overdue);
      for (const [id, box] of this.boxes) all.push(expiry(`timebox:${id}:${box.dueAt}`, 'timebox', box.dueAt, box.text, box.responderId));
      for (const [id, timer] of this.timers) all.push(timerExpiry(id, timer));
    }
    all.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (!sameExpiries(all, this.last)) this.last = Object.freeze(all);
    return { history: this.last, status: running ? this.status.clock : null };
  }
}

function sameExpiries(a: readonly Expiry[], b: readonly Expiry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.id !== y.id || x.kind !== y.kind || x.at !== y.at || x.text !== y.text || x.responderId !== y.responderId)) return false;
  }
  return true;
}

function timerExpiry(id: string, timer: Box): Expiry {
  return expiry(`timer:${id}:${timer.dueAt}`, 'timer', timer.dueAt, timer.text, null);
}

function expiry(id: string, kind: ExpiryKind, at: number, text: string, responderId: string | null): Expiry {
  return Object.freeze({ derived: true, id, kind, at, text, responderId });
}
