/**
 * What every tab that acts on a selection keeps besides its selection: the
 * dialog that is open, the one-line hint a key leaves when it had nothing
 * to act on, and a request for the selected item to take focus (after a
 * move key, or when a dialog closes). One copy, spread into the org
 * chart's, the plan's and the timeline's stores, which add their own
 * selection (selected) and whatever else is theirs.
 */
export interface TabUi<D> {
  dialog: D | null;
  /** Says why a key did nothing ("Select a task first"); cleared by the next selection or dialog. */
  hint: string | null;
  /** Bumped to ask the selected item to take focus (see components/keys/useFocusRequest). */
  focusRequest: number;
  open(dialog: D): void;
  /** Closes the dialog and puts focus back on the selection. */
  close(): void;
  say(hint: string | null): void;
}

type SetTabUi<D> = (patch: Partial<TabUi<D>> | ((state: TabUi<D>) => Partial<TabUi<D>>)) => void;

/** The initial state and the actions of a tab's dialog, hint and focus request, for its store's creator. */
export function tabUi<D>(set: SetTabUi<D>): TabUi<D> {
  return {
    dialog: null,
    hint: null,
    focusRequest: 0,
    open: (dialog) => set({ dialog, hint: null }),
    close: () => set((s) => ({ dialog: null, focusRequest: s.focusRequest + 1 })),
    say: (hint) => set({ hint }),
  };
}

/** The rest of a change of selection: the hint goes, and focus follows when asked. */
export function selected(state: { focusRequest: number }, focus: boolean): { hint: null; focusRequest: number } {
  return { hint: null, focusRequest: focus ? state.focusRequest + 1 : state.focusRequest };
}
