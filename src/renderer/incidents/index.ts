import { liveQuery } from 'dexie';
import { openDatabase, type CatalogEntry } from './db';
import type { KnownIncidentName } from '../../shared/ics/codename';

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

/**
 * The names invites gave the incidents this machine joined, as they change:
 * seen before the incident's document arrives, and so taken for a codename
 * proposed here meanwhile.
 */
export function watchInvitedNames(onChange: (names: readonly KnownIncidentName[]) => void, onError: (error: unknown) => void): () => void {
  const invited = async () => (await db.shares.toArray()).flatMap((s) => (s.name ? [{ id: s.incidentId, name: s.name }] : []));
  const subscription = liveQuery(invited).subscribe({ next: onChange, error: onError });
  return () => subscription.unsubscribe();
}
