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

/** A zoom asked for by a key or a button; the canvas, which knows its size, carries it out. `n` makes each press new. */
export type ZoomRequest = { readonly action: 'fit' | 'zoom-in' | 'zoom-out'; readonly n: number } | null;

interface OrgUiState extends TabUi<OrgDialog> {
  selection: OrgSelection;
  zoomRequest: ZoomRequest;
  select(selection: OrgSelection, focus?: boolean): void;
  zoom(action: 'fit' | 'zoom-in' | 'zoom-out'): void;
}

export const useOrgUi = create<OrgUiState>((set) => ({
  ...tabUi<OrgDialog>(set),
  selection: null,
  zoomRequest: null,
  select: (selection, focus = false) => set((s) => ({ selection, ...selected(s, focus) })),
  zoom: (action) => set((s) => ({ zoomRequest: { action, n: (s.zoomRequest?.n ?? 0) + 1 } })),
}));
