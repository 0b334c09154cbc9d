/**
 * A tab's single keys, declared once as data. The same declaration drives
 * what the keys do (useTabKeys), the line of hints under the tab's title
 * (KeyHints), the buttons' aria-keyshortcuts (shortcutFor) and the `?`
 * sheet (sectionOf, gathered in app/keymap.ts), so none of them can drift
 * from the others. Pure: the rules are tested without a browser.
 */

/** One line of the `?` sheet: the keys as written, and what they do. */
export interface KeyEntry {
  readonly keys: string;
  readonly what: string;
}

/** One section of the `?` sheet. */
export interface KeySection {
  readonly title: string;
  /** Where the keys work, when that is not obvious from the title. */
  readonly note?: string;
  readonly entries: readonly KeyEntry[];
}

/** A key listed in the sheet whose work is done elsewhere (the selection's moves, a field's own keys). */
export interface ListedKey {
  readonly key: string;
  readonly label: string;
}

/** One single key of a tab and the action it names; the tab says what the action does. */
export interface TabKey<A extends string> extends ListedKey {
  readonly action: A;
  /** Other keys for the same action, matched as typed ('*' marks a key event, Delete strikes). */
  readonly aliases?: readonly string[];
  /** Still acts when the tab is read-only: it only looks, or exports. */
  readonly inReadOnly?: boolean;
  /** Listed (hint line, sheet) but acted on by the focused item, not by the tab: Enter on an org card. */
  readonly onFocused?: boolean;
}

export interface KeyTable<A extends string> {
  /** The tab's section title in the `?` sheet. */
  readonly title: string;
  readonly keys: readonly TabKey<A>[];
  /** Shift+letter is not the letter (the postmortem's keys); elsewhere a letter acts in either case. */
  readonly exactCase?: boolean;
  /** Keys the tab moves its selection with (or that act elsewhere on it), listed in the sheet after its own. */
  readonly moves?: readonly ListedKey[];
  /** The hint line's reminder of the moves: groups of keys (joined by "or"), then what they do. */
  readonly moveHint?: { readonly groups: readonly (readonly string[])[]; readonly label: string };
}

/** What may act now, besides the tab's being read-only: whether there is anything to send, say. */
export interface KeyPermission<A extends string> {
  /** Only the keys marked inReadOnly act. */
  readonly readOnly?: boolean;
  readonly allows?: (action: A) => boolean;
}

/** The action a pressed key names, or null: its aliases as typed, its letter as the table's case says. */
export function actionFor<A extends string>(table: KeyTable<A>, key: string): A | null {
  const typed = table.exactCase ? key : key.toLowerCase();
  const entry = table.keys.find((k) => !k.onFocused && (k.key === typed || k.aliases?.includes(key)));
  return entry?.action ?? null;
}

/** The aria-keyshortcuts value of an action: its key, then its aliases. */
export function shortcutFor<A extends string>(table: KeyTable<A>, action: A): string {
  const entry = table.keys.find((k) => k.action === action)!;
  return [entry.key, ...(entry.aliases ?? [])].join(' ');
}

/** Whether an action may act now; the hint line lists exactly the keys that may. */
export function mayAct<A extends string>(table: KeyTable<A>, action: A, permission: KeyPermission<A>): boolean {
  const entry = table.keys.find((k) => k.action === action);
  if (!entry) return false;
  return (!permission.readOnly || !!entry.inReadOnly) && (permission.allows?.(action) ?? true);
}

/** The keys that may act now, for the hint line. */
export function keysThatAct<A extends string>(table: KeyTable<A>, permission: KeyPermission<A>): readonly TabKey<A>[] {
  return table.keys.filter((k) => mayAct(table, k.action, permission));
}

/** The table's section of the `?` sheet: its keys, then its moves, then any the tab's fields add. */
export function sectionOf(table: KeyTable<string>, more: { readonly note?: string; readonly entries?: readonly KeyEntry[] } = {}): KeySection {
  const listed = (keys: readonly ListedKey[]) => keys.map((k) => ({ keys: k.key, what: k.label }));
  return {
    title: table.title,
    ...(more.note ? { note: more.note } : {}),
    entries: [...listed(table.keys), ...listed(table.moves ?? []), ...(more.entries ?? [])],
  };
}
