import { liveQuery } from 'dexie';
import { openDatabase, type CatalogEntry } from './db';

/**
 * The app's one database. Alone in this module, with Dexie, so the first
 * screen is shown while they load (./database.ts), and the incident list and
 * who is at the keyboard read it without the incident session machinery
 * (Yjs, sync, trust): that comes with the first incident opened
 * (./registry.ts).
 */
export const db = openDatabase();

/** The catalog as it changes: every incident's row, once now and again after each change (this window's or another's). */
export function watchCatalog(onChange: (catalog: readonly CatalogEntry[]) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(() => db.incidents.toArray()).subscribe({ next: onChange, error: onError });
  return () => subscription.unsubscribe();
}
