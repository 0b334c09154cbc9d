/**
 * The action plan as the views read it, derived from the PlanFold after each
 * plan or org change (an owner given as a role follows whoever holds it).
 */
import type { OrgFold } from './org-fold';
import { ownerOf, type Adoption, type ChangeState, type DecisionState, type ObjectiveState, type PlanFold, type TaskState, type TimerState } from './plan-fold';

export interface PlanTask extends TaskState {
  /** The one person who owns it now, and how to show the owner ("Database SME (Jo Kim)"). */
  readonly ownerId: string;
  readonly ownerLabel: string;
  /** When its timebox runs out; null once it is done or dropped. */
  readonly dueAt: number | null;
}

export interface PlanObjective extends ObjectiveState {
  readonly tasks: readonly PlanTask[];
}

export interface PlanView {
  /** In the order they were set. */
  readonly objectives: readonly PlanObjective[];
  readonly decisions: readonly DecisionState[];
  readonly changes: readonly ChangeState[];
  /** Announced and not yet observed: more than one is the warning "one change at a time". */
  readonly inFlight: readonly ChangeState[];
  readonly timers: readonly TimerState[];
  readonly statusMinutes: Readonly<Record<string, number>>;
  readonly reviewMinutes: number;
  readonly refused: ReadonlyMap<string, string>;
  /** Timeline entry id → what it became in the plan (see PlanFold.adopted). */
  readonly adopted: ReadonlyMap<string, Adoption>;
}

export function planViewOf(plan: PlanFold, org: OrgFold): PlanView {
  const tasksOf = new Map<string, PlanTask[]>();
  for (const task of plan.tasks.values()) {
    const owner = ownerOf(task.owner, org);
    const open = task.status === 'open' || task.status === 'blocked';
    const view: PlanTask = Object.freeze({
      id: task.id,
      objectiveId: task.objectiveId,
      text: task.text,
      owner: task.owner,
      status: task.status,
      acknowledged: task.acknowledged,
      acknowledgedBy: task.acknowledgedBy,
      startedAt: task.startedAt,
      timeboxMs: task.timeboxMs,
      extensions: task.extensions,
      note: task.note,
      source: task.source,
      ownerId: owner.responderId,
      ownerLabel: owner.label,
      dueAt: open ? task.startedAt + task.timeboxMs : null,
    });
    const list = tasksOf.get(task.objectiveId) ?? [];
    list.push(view);
    tasksOf.set(task.objectiveId, list);
  }
  const objectives = [...plan.objectives.values()]
    .sort((a, b) => a.addedAt - b.addedAt)
    .map((o) => Object.freeze({ ...o, tasks: Object.freeze(tasksOf.get(o.id) ?? []) }));
  return Object.freeze({
    objectives: Object.freeze(objectives),
    decisions: Object.freeze([...plan.decisions.values()]),
    changes: Object.freeze([...plan.changes.values()]),
    inFlight: Object.freeze(plan.inFlight()),
    timers: Object.freeze([...plan.timers.values()]),
    statusMinutes: plan.statusMinutes,
    reviewMinutes: plan.reviewMinutes,
    refused: new Map(plan.refused),
    adopted: new Map(plan.adopted),
  });
}
