/**
 * UI-only state of the Plan tab: the selected task (which u, d, e, r act
 * on), the plan dialog that is open, and a one-line hint when a key had
 * nothing to act on. The plan itself comes from the incident's snapshot.
 */
import { create } from 'zustand';
import { selected, tabUi, type TabUi } from './tab-ui';

/** A timeline entry being adopted into the plan: its id, and its text to start the form from. */
export interface PlanSource {
  readonly id: string;
  readonly text: string;
}

export type PlanDialog =
  | { readonly kind: 'objective' }
  | { readonly kind: 'task'; readonly objectiveId?: string; readonly source?: PlanSource }
  | { readonly kind: 'extend'; readonly taskId: string }
  | { readonly kind: 'reassign'; readonly taskId: string }
  | { readonly kind: 'propose'; readonly source?: PlanSource }
  | { readonly kind: 'object'; readonly decisionId: string }
  | { readonly kind: 'change' }
  | { readonly kind: 'observe'; readonly changeId: string };

interface PlanUiState extends TabUi<PlanDialog> {
  selectedTaskId: string | null;
  select(taskId: string | null, focus?: boolean): void;
}

export const usePlanUi = create<PlanUiState>((set) => ({
  ...tabUi<PlanDialog>(set),
  selectedTaskId: null,
  select: (selectedTaskId, focus = false) => set((s) => ({ selectedTaskId, ...selected(s, focus) })),
}));
