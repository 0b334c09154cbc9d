/** UI-only state of the Timers tab: which of its dialogs is open. */
import { create } from 'zustand';

export type TimersDialog = 'timer' | 'cadence';

interface TimersUiState {
  dialog: TimersDialog | null;
  open(dialog: TimersDialog): void;
  close(): void;
}

export const useTimersUi = create<TimersUiState>((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));
