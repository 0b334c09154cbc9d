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

/** How an incident is shared from this machine, as the list shows it. */
export interface SharedSummary {
  readonly relays: number;
}

export interface CatalogState {
  readonly catalog: readonly CatalogEntry[];
  /** Incidents this machine shares with peers (it holds their invite), by id. */
  readonly shared: ReadonlyMap<string, SharedSummary>;
}

/** The catalog as it changes: every incident's row and share, once now and again after each change (this window's or another's). */
export function watchCatalog(onChange: (state: CatalogState) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(async () => {
    const [catalog, shares] = await Promise.all([db.incidents.toArray(), db.shares.toArray()]);
    return { catalog, shared: new Map(shares.map((s) => [s.incidentId, { relays: s.relays?.length ?? 0 }])) };
  }).subscribe({ next: onChange, error: onError });
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
