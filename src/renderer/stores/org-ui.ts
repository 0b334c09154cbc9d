/**
 * UI-only state of the org chart view: what is selected (a role on the
 * chart or a person in the responders panel), which org dialog is open, and
 * a one-line hint when a key had nothing to act on. The chart itself comes
 * from the incident's snapshot.
 */
import { create } from 'zustand';

export type OrgSelection = { readonly type: 'role' | 'person'; readonly id: string } | null;

export type OrgDialog =
  | { readonly kind: 'check-in' }
  /** A person to a role: a vacant one (roleId), or a new one reporting to parentId. */
  | { readonly kind: 'assign'; readonly responderId?: string; readonly roleId?: string; readonly parentId?: string }
  | { readonly kind: 'move'; readonly roleId?: string }
  | { readonly kind: 'handover'; readonly roleId?: string; readonly toId?: string }
  | { readonly kind: 'acknowledge'; readonly handoverId: string }
  | { readonly kind: 'role'; readonly roleId: string }
  | { readonly kind: 'release'; readonly responderId: string };

interface OrgUiState {
  selection: OrgSelection;
  dialog: OrgDialog | null;
  /** Says why a key did nothing ("Select a responder first"); cleared by the next selection. */
  hint: string | null;
  /** Bumped to ask the selected item to take focus (after a dialog closes, say). */
  focusRequest: number;
  select(selection: OrgSelection, focus?: boolean): void;
  open(dialog: OrgDialog): void;
  /** Closes the dialog and puts focus back on the selection. */
  close(): void;
  say(hint: string | null): void;
}

export const useOrgUi = create<OrgUiState>((set) => ({
  selection: null,
  dialog: null,
  hint: null,
  focusRequest: 0,
  select: (selection, focus = false) => set((s) => ({ selection, hint: null, focusRequest: focus ? s.focusRequest + 1 : s.focusRequest })),
  open: (dialog) => set({ dialog, hint: null }),
  close: () => set((s) => ({ dialog: null, focusRequest: s.focusRequest + 1 })),
  say: (hint) => set({ hint }),
}));
