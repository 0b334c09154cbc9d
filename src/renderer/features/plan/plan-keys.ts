/**
 * The Plan tab's single keys and what each does with the selected task.
 * Pure, so the rules ("u" on a task already understood says so) are tested
 * without a browser.
 */
import type { PlanView } from '../../../shared/incident/plan-view';
import { actionFor, type KeyTable, type TabKey } from '../../components/keys/key-table';
import type { PlanDialog } from '../../stores/plan-ui';
import { findTask, isLive } from './plan-format';

export type PlanKeyAction = 'objective' | 'task' | 'propose' | 'change' | 'understood' | 'done' | 'extend' | 'reassign';

export const PLAN_KEYS: readonly TabKey<PlanKeyAction>[] = [
  { key: 'o', action: 'objective', label: 'objective' },
  { key: 't', action: 'task', label: 'task' },
  { key: 'p', action: 'propose', label: 'propose' },
  { key: 'c', action: 'change', label: 'change' },
  { key: 'u', action: 'understood', label: 'understood' },
  { key: 'd', action: 'done', label: 'done' },
  { key: 'e', action: 'extend', label: 'extend' },
  { key: 'r', action: 'reassign', label: 'reassign' },
];

/** The Plan tab's keys, and ↑ ↓ Home End among the tasks (listStep). */
export const PLAN_KEY_TABLE: KeyTable<PlanKeyAction> = {
  title: 'Plan',
  keys: PLAN_KEYS,
  moves: [
    { key: '↑ ↓', label: 'previous / next task' },
    { key: 'Home End', label: 'first / last task' },
  ],
  moveHint: { groups: [['↑', '↓']], label: 'select task' },
};

export function planActionForKey(key: string): PlanKeyAction | null {
  return actionFor(PLAN_KEY_TABLE, key);
}

export type PlanKeyOutcome =
  | { readonly open: PlanDialog }
  | { readonly hint: string }
  | { readonly acknowledge: string }
  | { readonly done: string };

export function planOutcomeFor(action: PlanKeyAction, plan: PlanView, selectedTaskId: string | null): PlanKeyOutcome {
  const task = findTask(plan, selectedTaskId);
  switch (action) {
    case 'objective':
      return { open: { kind: 'objective' } };
    case 'propose':
      return { open: { kind: 'propose' } };
    case 'change':
      return { open: { kind: 'change' } };
    case 'task': {
      const open = plan.objectives.filter((o) => o.closed === null);
      if (!open.length) return { hint: 'Set an objective first (o): every task serves one.' };
      // Beside the selected task, or under the newest objective.
      const objectiveId = open.some((o) => o.id === task?.objectiveId) ? task!.objectiveId : open[open.length - 1]!.id;
      return { open: { kind: 'task', objectiveId } };
    }
  }
  if (!task) return { hint: 'Select a task first (↑ ↓).' };
  if (!isLive(task)) return { hint: `"${task.text}" is ${task.status}.` };
  switch (action) {
    case 'understood':
      if (task.acknowledged) return { hint: `${task.ownerLabel} has already said "understood".` };
      return { acknowledge: task.id };
    case 'done':
      return { done: task.id };
    case 'extend':
      return { open: { kind: 'extend', taskId: task.id } };
    case 'reassign':
      return { open: { kind: 'reassign', taskId: task.id } };
  }
}
