/**
 * UI-only state of the org chart view: what is selected (a role on the
 * chart or a person in the responders panel), which org dialog is open, and
 * a one-line hint when a key had nothing to act on. The chart itself comes
 * from the incident's snapshot.
 */
import { create } from 'zustand';
import { selected, tabUi, type TabUi } from './tab-ui';

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

interface OrgUiState extends TabUi<OrgDialog> {
  selection: OrgSelection;
  select(selection: OrgSelection, focus?: boolean): void;
}

export const useOrgUi = create<OrgUiState>((set) => ({
  ...tabUi<OrgDialog>(set),
  selection: null,
  select: (selection, focus = false) => set((s) => ({ selection, ...selected(s, focus) })),
}));
