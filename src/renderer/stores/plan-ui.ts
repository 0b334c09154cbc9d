/**
 * UI-only state of the Plan tab: the selected task (which u, d, e, r act
 * on), the plan dialog that is open, and a one-line hint when a key had
 * nothing to act on. The plan itself comes from the incident's snapshot.
 */
import { create } from 'zustand';

export type PlanDialog =
  | { readonly kind: 'objective' }
  | { readonly kind: 'task'; readonly objectiveId?: string }
  | { readonly kind: 'extend'; readonly taskId: string }
  | { readonly kind: 'reassign'; readonly taskId: string }
  | { readonly kind: 'propose' }
  | { readonly kind: 'object'; readonly decisionId: string }
  | { readonly kind: 'change' }
  | { readonly kind: 'observe'; readonly changeId: string };

interface PlanUiState {
  selectedTaskId: string | null;
  dialog: PlanDialog | null;
  hint: string | null;
  /** Bumped to ask the selected task to take focus (after arrow keys, or when a dialog closes). */
  focusRequest: number;
  select(taskId: string | null, focus?: boolean): void;
  open(dialog: PlanDialog): void;
  close(): void;
  say(hint: string | null): void;
}

export const usePlanUi = create<PlanUiState>((set) => ({
  selectedTaskId: null,
  dialog: null,
  hint: null,
  focusRequest: 0,
  select: (selectedTaskId, focus = false) => set((s) => ({ selectedTaskId, hint: null, focusRequest: focus ? s.focusRequest + 1 : s.focusRequest })),
  open: (dialog) => set({ dialog, hint: null }),
  close: () => set((s) => ({ dialog: null, focusRequest: s.focusRequest + 1 })),
  say: (hint) => set({ hint }),
}));
