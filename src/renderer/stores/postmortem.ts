/**
 * The Postmortem tab's UI-only state: which dialog is open, and whether the
 * draft or the replay is shown. Its commands are the domain's, bound like
 * every other (src/renderer/incidents/commands.ts).
 */
import { create } from 'zustand';

export type PostmortemDialog = 'owner' | 'meeting' | 'export' | null;

interface PostmortemUiState {
  dialog: PostmortemDialog;
  /** The draft, or the replay of the incident for the review meeting. */
  view: 'draft' | 'replay';
  open(dialog: PostmortemDialog): void;
  show(view: 'draft' | 'replay'): void;
}

export const usePostmortemUi = create<PostmortemUiState>((set) => ({
  dialog: null,
  view: 'draft',
  open: (dialog) => set({ dialog }),
  show: (view) => set({ view }),
}));

/** The local calendar date of an instant, YYYY-MM-DD: what "today" means to the person at this machine. */
export function localYmd(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}
