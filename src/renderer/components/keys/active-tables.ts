import type { KeyPermission, KeyTable } from './key-table';

/**
 * The tabs' key tables in force now, each with what its keys do, for the
 * command palette: a table is here while its tab's keys listen (useTabKeys
 * adds it), so the palette offers the current view's actions and runs
 * them exactly as their keys would.
 */
export interface ActiveKeyTable {
  readonly table: KeyTable<string>;
  /** The tab's newest permission and run, read when the palette opens and when a row is chosen. */
  readonly current: () => KeyPermission<string> & { readonly run: (action: string) => void };
}

const active = new Set<ActiveKeyTable>();

/** Adds a table while its keys listen; the returned function takes it away. */
export function listenFor(entry: ActiveKeyTable): () => void {
  active.add(entry);
  return () => active.delete(entry);
}

export function activeKeyTables(): readonly ActiveKeyTable[] {
  return [...active];
}
