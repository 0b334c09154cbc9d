/**
 * How the Plan tab shows things: countdowns, the proposal's phrase and its
 * nudge, and the owner choices. Pure, so the rules are tested without a browser.
 */
import type { TaskOwner } from '../../../shared/incident';
import type { DecisionState } from '../../../shared/incident/plan-fold';
import type { PlanTask, PlanView } from '../../../shared/incident/plan-view';
import type { OrgChart } from '../../../shared/incident/org-chart';
import { timerState, type TimerState } from '../../../shared/views/timers-board';

/** A proposal open longer than this is nudged: a wrong decision beats no decision. */
export const DECISION_NUDGE_MS = 5 * 60_000;
export const DEFAULT_TIMEBOX_MINUTES = 10;

function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "4:59 left", "overdue by 1:12"; whole seconds, rounded so a fresh 10-minute timebox reads 10:00. */
export function countdownOf(dueAt: number, now: number): { readonly state: TimerState; readonly text: string } {
  const state = timerState(dueAt, now);
  if (state === 'overdue') return { state, text: `overdue by ${clock(now - dueAt)}` };
  return { state, text: `${clock(Math.ceil((dueAt - now) / 1000) * 1000)} left` };
}

/** An open task whose timebox ran out: the IC follows up with its owner. */
export function isOverdue(task: PlanTask, now: number): boolean {
  return task.status === 'open' && task.dueAt !== null && now >= task.dueAt;
}

/** Open or blocked: it still has an owner working on it and a timebox. */
export function isLive(task: PlanTask): boolean {
  return task.status === 'open' || task.status === 'blocked';
}

/**
 * Who owns a task, by incident role and name: "Database SME (Jo Kim)". A
 * role owner already reads so; a person owner gets the roles they hold now
 * (none while in staging: just the name).
 */
export function ownerText(task: PlanTask, org: OrgChart | null): string {
  if (task.owner.kind === 'role' || !org) return task.ownerLabel;
  const person = org.responders.find((r) => r.id === task.ownerId);
  if (!person || person.status === 'released') return task.ownerLabel;
  const titles = person.isIc ? ['Incident Commander'] : person.roleIds.map((id) => org.roles.find((r) => r.id === id)?.title).filter(Boolean);
  return titles.length ? `${titles.join(', ')} (${person.name})` : person.name;
}

/** The words the IC says on the call. */
export function proposalPhrase(text: string): string {
  return `I propose ${text.replace(/[.\s]+$/, '')}. Are there any strong objections?`;
}

export function needsNudge(decision: DecisionState, now: number): boolean {
  return decision.outcome === null && now - decision.proposedAt > DECISION_NUDGE_MS;
}

/** Every task in the order the tab shows them, which the arrow keys follow. */
export function taskOrder(plan: PlanView): string[] {
  return plan.objectives.flatMap((o) => o.tasks.map((t) => t.id));
}

export function findTask(plan: PlanView, taskId: string | null): PlanTask | null {
  if (!taskId) return null;
  for (const o of plan.objectives) for (const t of o.tasks) if (t.id === taskId) return t;
  return null;
}

export interface OwnerChoice {
  readonly value: string;
  readonly label: string;
}

/**
 * Who can own a task: a person on duty ("Jo Kim — Database SME"), or a role
 * ("Database SME — Jo Kim"), which follows whoever holds it. Names and titles
 * first, so typing in the closed list picks one.
 */
export function ownerChoices(org: OrgChart | null): { readonly people: OwnerChoice[]; readonly roles: OwnerChoice[] } {
  if (!org) return { people: [], roles: [] };
  const nameOf = (id: string | null) => org.responders.find((r) => r.id === id)?.name ?? 'someone';
  const people = org.responders
    .filter((r) => r.status !== 'released')
    .map((r) => {
      const titles = r.isIc ? ['Incident Commander'] : r.roleIds.map((id) => org.roles.find((role) => role.id === id)?.title).filter(Boolean);
      return { value: `person:${r.id}`, label: `${r.name} — ${titles.length ? titles.join(', ') : 'in staging'}` };
    });
  const roles = org.roles.map((role) => ({
    value: `role:${role.id}`,
    label: `${role.title} — ${role.holderId === null ? `held by the IC (${nameOf(org.icId)})` : nameOf(role.holderId)}`,
  }));
  return { people, roles };
}

/** The owner a choice names; null for none (which the domain refuses, saying why). */
export function ownerFromChoice(value: string): TaskOwner | null {
  const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (!id) return null;
  if (kind === 'person') return { kind: 'person', responderId: id };
  if (kind === 'role') return { kind: 'role', roleId: id };
  return null;
}

export function choiceOf(owner: TaskOwner): string {
  return owner.kind === 'person' ? `person:${owner.responderId}` : `role:${owner.roleId}`;
}
