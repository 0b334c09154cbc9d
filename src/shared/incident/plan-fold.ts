/**
 * The action plan, folded from its change events in timeline order: a short
 * ordered list of objectives (what, not how), each with tasks that have
 * exactly one owner and a timebox; decisions (propose, objections, decide);
 * changes to production (announced, in flight until their result is
 * observed); custom timers; the update cadence.
 *
 * As with the org chart, a change applies only if it still holds at its turn
 * (a task finished on one peer and extended on another stays finished), and
 * a refused one is recorded with the reason. A task's owner is one value, so
 * concurrent reassignments leave one owner: the later one in timeline order.
 */
import { IC_ROLE_ID } from './org-schema';
import type { PlanChange, TaskOwner, TaskStatus } from './plan-schema';
import type { OrgFold } from './org-fold';
import { titleOf } from './org-fold';
import { creditOf, type Credit } from './schema';

/** Status updates by severity (issue 5: SEV-1 every 20 minutes, SEV-2 every 30). */
export const DEFAULT_STATUS_MINUTES: Readonly<Record<string, number>> = { 'SEV-1': 20, 'SEV-2': 30, 'SEV-3': 60, 'SEV-4': 120, 'SEV-5': 240 };
export const DEFAULT_REVIEW_MINUTES = 60;

export interface ObjectiveState {
  readonly id: string;
  readonly text: string;
  readonly addedAt: number;
  readonly closed: 'met' | 'dropped' | null;
}

export interface TaskState {
  readonly id: string;
  readonly objectiveId: string;
  readonly text: string;
  readonly owner: TaskOwner;
  readonly status: TaskStatus;
  /** The owner of the moment said "understood" (see acknowledgedBy). */
  readonly acknowledged: boolean;
  /**
   * Who said it: an acknowledgement is a person's, so it stands while the
   * task stays theirs (a new timebox given to the same person keeps it) and
   * means nothing for an owner who never said it.
   */
  readonly acknowledgedBy: string | null;
  /** The timebox runs from here… */
  readonly startedAt: number;
  /** …for this long; extending starts a new timebox from the extension. */
  readonly timeboxMs: number;
  readonly extensions: number;
  readonly note: string;
  /** The timeline entry it was adopted from, if any. */
  readonly source: string | null;
}

export interface DecisionState {
  readonly id: string;
  readonly text: string;
  readonly proposedAt: number;
  readonly proposedBy: string;
  readonly objections: readonly { readonly text: string; readonly by: string; readonly at: number }[];
  readonly outcome: 'adopted' | 'withdrawn' | null;
  readonly decidedAt: number | null;
  readonly note: string;
  /** The timeline entry it was adopted from, if any. */
  readonly source: string | null;
}

/** What a timeline entry became in the plan. */
export interface Adoption {
  readonly kind: 'task' | 'decision';
  /** The task's or the decision's id. */
  readonly id: string;
}

export interface ChangeState {
  readonly id: string;
  readonly text: string;
  readonly announcedAt: number;
  readonly announcedBy: string;
  readonly observedAt: number | null;
  readonly result: string;
  readonly worked: boolean | null;
}

export interface TimerState {
  readonly id: string;
  readonly label: string;
  readonly startedAt: number;
  readonly durationMs: number;
}

interface PlanEventLike {
  readonly id: string;
  readonly at: number;
  readonly author: string;
  readonly for?: Credit;
  readonly plan: PlanChange;
}

export class PlanFold {
  readonly objectives = new Map<string, ObjectiveState>();
  readonly tasks = new Map<string, TaskState>();
  readonly decisions = new Map<string, DecisionState>();
  readonly changes = new Map<string, ChangeState>();
  readonly timers = new Map<string, TimerState>();
  readonly refused = new Map<string, string>();
  /**
   * Timeline entry id → the plan item adopted from it. An entry is adopted
   * once: a second adoption (two peers at once) is refused at its turn, so
   * every replica keeps the same one.
   */
  readonly adopted = new Map<string, Adoption>();
  statusMinutes: Readonly<Record<string, number>> = DEFAULT_STATUS_MINUTES;
  reviewMinutes = DEFAULT_REVIEW_MINUTES;
  lastAt = 0;

  apply(event: PlanEventLike, org: OrgFold): void {
    this.lastAt = Math.max(this.lastAt, event.at);
    const reason = this.check(event.plan, org);
    if (reason) this.refused.set(event.id, reason);
    else this.write(event, org);
  }

  check(change: PlanChange, org: OrgFold): string | null {
    switch (change.change) {
      case 'objective-add':
        return this.objectives.has(change.objectiveId) ? 'That objective already exists.' : null;
      case 'objective-close': {
        const objective = this.objectives.get(change.objectiveId);
        if (!objective) return 'That objective is not part of this plan.';
        return objective.closed ? `That objective is already ${objective.closed === 'met' ? 'met' : 'dropped'}.` : null;
      }
      case 'task-add': {
        if (this.tasks.has(change.taskId)) return 'That task already exists.';
        const objective = this.objectives.get(change.objectiveId);
        if (!objective) return 'That objective is not part of this plan.';
        if (objective.closed) return 'That objective is closed; add the task to an open one.';
        return this.adoptionProblem(change.source) ?? ownerProblem(change.owner, org);
      }
      case 'task-ack': {
        const task = this.tasks.get(change.taskId);
        if (!task) return 'That task is not part of this plan.';
        if (task.status === 'done' || task.status === 'dropped') return `That task is already ${task.status}.`;
        // Said by an owner the task has since moved away from (a reassignment or handover made at the same time on another machine).
        const owner = ownerOf(task.owner, org);
        if (change.ownerId !== undefined && change.ownerId !== owner.responderId) {
          return `${org.nameOf(change.ownerId)} said "understood", but the task had moved to ${owner.label}, who has not said it yet.`;
        }
        return null;
      }
      case 'task-extend': {
        const task = this.tasks.get(change.taskId);
        if (!task) return 'That task is not part of this plan.';
        return task.status === 'done' || task.status === 'dropped' ? `That task is already ${task.status}.` : null;
      }
      case 'task-status': {
        const task = this.tasks.get(change.taskId);
        if (!task) return 'That task is not part of this plan.';
        if (task.status === change.status) return `That task is already ${task.status}.`;
        return task.status === 'done' || task.status === 'dropped' ? `That task is already ${task.status}.` : null;
      }
      case 'task-reassign': {
        const task = this.tasks.get(change.taskId);
        if (!task) return 'That task is not part of this plan.';
        if (task.status === 'done' || task.status === 'dropped') return `That task is already ${task.status}.`;
        return ownerProblem(change.owner, org);
      }
      case 'decision-propose':
        return this.decisions.has(change.decisionId) ? 'That proposal already exists.' : this.adoptionProblem(change.source);
      case 'decision-object':
      case 'decision-decide': {
        const decision = this.decisions.get(change.decisionId);
        if (!decision) return 'That proposal is not part of this incident.';
        return decision.outcome ? `That proposal was already ${decision.outcome}.` : null;
      }
      case 'change-announce':
        return this.changes.has(change.changeId) ? 'That change was already announced.' : null;
      case 'change-observe': {
        const c = this.changes.get(change.changeId);
        if (!c) return 'That change was never announced.';
        return c.observedAt !== null ? 'The result of that change was already recorded.' : null;
      }
      case 'timer-add':
        return this.timers.has(change.timerId) ? 'That timer already exists.' : null;
      case 'timer-cancel':
        return this.timers.has(change.timerId) ? null : 'That timer is not running.';
      case 'cadence':
        return null;
    }
  }

  private write(event: PlanEventLike, org: OrgFold): void {
    const { at, plan: change } = event;
    // Proposed, objected or announced for someone else (the Scribe for the IC): theirs.
    const author = creditOf(event);
    switch (change.change) {
      case 'objective-add':
        this.objectives.set(change.objectiveId, { id: change.objectiveId, text: change.text, addedAt: at, closed: null });
        break;
      case 'objective-close':
        this.objectives.set(change.objectiveId, { ...this.objectives.get(change.objectiveId)!, closed: change.outcome });
        break;
      case 'task-add':
        this.tasks.set(change.taskId, {
          id: change.taskId,
          objectiveId: change.objectiveId,
          text: change.text,
          owner: change.owner,
          status: 'open',
          acknowledged: false,
          acknowledgedBy: null,
          startedAt: at,
          timeboxMs: change.timeboxMinutes * 60_000,
          extensions: 0,
          note: '',
          source: change.source ?? null,
        });
        if (change.source) this.adopted.set(change.source, { kind: 'task', id: change.taskId });
        break;
      case 'task-ack': {
        const task = this.tasks.get(change.taskId)!;
        this.updateTask(change.taskId, { acknowledged: true, acknowledgedBy: change.ownerId ?? ownerOf(task.owner, org).responderId });
        break;
      }
      case 'task-status':
        this.updateTask(change.taskId, { status: change.status, note: change.note });
        break;
      case 'task-extend': {
        const task = this.tasks.get(change.taskId)!;
        this.updateTask(change.taskId, { startedAt: at, timeboxMs: change.minutes * 60_000, extensions: task.extensions + 1 });
        break;
      }
      case 'task-reassign': {
        // A new owner has not acknowledged anything yet, and gets a timebox of their own. The same
        // person given the task again (a new timebox, or by role instead of by name) keeps their
        // "understood": a reassignment that did not see it (made on another machine at the same
        // moment) must not undo it.
        const task = this.tasks.get(change.taskId)!;
        const kept = task.acknowledgedBy !== null && task.acknowledgedBy === ownerOf(change.owner, org).responderId;
        this.updateTask(change.taskId, {
          owner: change.owner,
          acknowledged: kept,
          acknowledgedBy: kept ? task.acknowledgedBy : null,
          startedAt: at,
          timeboxMs: change.timeboxMinutes * 60_000,
        });
        break;
      }
      case 'decision-propose':
        this.decisions.set(change.decisionId, {
          id: change.decisionId,
          text: change.text,
          proposedAt: at,
          proposedBy: author,
          objections: [],
          outcome: null,
          decidedAt: null,
          note: '',
          source: change.source ?? null,
        });
        if (change.source) this.adopted.set(change.source, { kind: 'decision', id: change.decisionId });
        break;
      case 'decision-object': {
        const d = this.decisions.get(change.decisionId)!;
        this.decisions.set(d.id, { ...d, objections: [...d.objections, { text: change.text, by: author, at }] });
        break;
      }
      case 'decision-decide': {
        const d = this.decisions.get(change.decisionId)!;
        this.decisions.set(d.id, { ...d, outcome: change.outcome, decidedAt: at, note: change.note });
        break;
      }
      case 'change-announce':
        this.changes.set(change.changeId, { id: change.changeId, text: change.text, announcedAt: at, announcedBy: author, observedAt: null, result: '', worked: null });
        break;
      case 'change-observe': {
        const c = this.changes.get(change.changeId)!;
        this.changes.set(c.id, { ...c, observedAt: at, result: change.result, worked: change.worked });
        break;
      }
      case 'timer-add':
        this.timers.set(change.timerId, { id: change.timerId, label: change.label, startedAt: at, durationMs: change.minutes * 60_000 });
        break;
      case 'timer-cancel':
        this.timers.delete(change.timerId);
        break;
      case 'cadence':
        this.statusMinutes = { ...DEFAULT_STATUS_MINUTES, ...change.statusMinutes };
        this.reviewMinutes = change.reviewMinutes;
        break;
    }
  }

  private adoptionProblem(source: string | undefined): string | null {
    if (!source) return null;
    const adopted = this.adopted.get(source);
    return adopted ? `That entry is already in the plan, as a ${adopted.kind}.` : null;
  }

  private updateTask(id: string, patch: Partial<TaskState>): void {
    this.tasks.set(id, { ...this.tasks.get(id)!, ...patch });
  }

  /** Changes announced and not yet observed, oldest first. */
  inFlight(): ChangeState[] {
    return [...this.changes.values()].filter((c) => c.observedAt === null).sort((a, b) => a.announcedAt - b.announcedAt);
  }
}

/**
 * Exactly one owner: a person on duty, or a role, which always resolves to
 * one person (its holder, or the IC while nobody holds it).
 */
function ownerProblem(owner: TaskOwner, org: OrgFold): string | null {
  if (owner.kind === 'person') {
    const r = org.responders.get(owner.responderId);
    if (!r) return 'A task needs one owner who has checked in.';
    return r.releasedAt === null ? null : `${r.name} has been released; give the task to someone on duty.`;
  }
  return org.roles.has(owner.roleId) ? null : 'That role is not part of this incident.';
}

/** The one person who owns a task now. */
export function ownerOf(owner: TaskOwner, org: OrgFold): { responderId: string; label: string } {
  if (owner.kind === 'person') return { responderId: owner.responderId, label: org.nameOf(owner.responderId) };
  const role = org.roles.get(owner.roleId);
  const holder = role?.holderId ?? org.roles.get(IC_ROLE_ID)?.holderId ?? '';
  return { responderId: holder, label: role ? `${titleOf(role.role)} (${org.nameOf(holder)})` : org.nameOf(holder) };
}
