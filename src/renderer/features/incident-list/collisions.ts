/**
 * Incidents on this machine that share a name, as the list, the rename
 * dialog and the notices show them. Worked out from the catalog whenever it
 * changes (shared/views/name-collisions.ts), so a mark never outlives the
 * collision: it goes the moment either incident is renamed, here or by a
 * peer.
 */
import { useEffect, useMemo } from 'react';
import { codenameKey, type KnownIncidentName } from '../../../shared/ics/codename';
import { knownIncidentNames, nameCollisions, newCollisions } from '../../../shared/views/name-collisions';
import { formatDateTime } from '../../components/format';
import type { CatalogEntry } from '../../incidents/db';
import { useIncidents } from '../../stores/incident';
import { useIdentity } from '../../incidents/identity-store';
import { addNotice, dismissNotice } from '../../stores/notices';
import { useUi } from '../../stores/ui';

export type NameCollisions = ReadonlyMap<string, readonly CatalogEntry[]>;

const NONE: NameCollisions = new Map();

/** Each incident of the catalog that shares its name, with the others that share it. */
export function useNameCollisions(): NameCollisions {
  const catalog = useIncidents((s) => s.catalog);
  return useMemo(() => (catalog ? nameCollisions(catalog) : NONE), [catalog]);
}

/** Every name this machine knows an incident by: the catalog's and the invites' (a proposed name must avoid them all). */
export function useKnownNames(): readonly KnownIncidentName[] {
  const catalog = useIncidents((s) => s.catalog);
  const invited = useIncidents((s) => s.invitedNames);
  return useMemo(() => knownIncidentNames(catalog ?? [], invited), [catalog, invited]);
}

/** "declared 7 Dec 2026, 10:42 by Raj Patel": which of two incidents of one name this is. */
export function declaredPhrase(entry: Pick<CatalogEntry, 'declaredAt' | 'declaredBy'>): string {
  return `declared ${formatDateTime(entry.declaredAt)}${entry.declaredBy ? ` by ${entry.declaredBy}` : ''}`;
}

/** Opens the incident and its rename dialog: renaming is a command on the open incident, as the person at this keyboard. */
export function renameIncidentFromList(id: string): void {
  const ui = useUi.getState();
  ui.navigate({ view: 'incident', id });
  ui.openDialog('rename');
}

/**
 * Says so, once, when the catalog comes to hold two incidents of one name
 * (an import, a join, a peer's rename), wherever the person is, with a way
 * to rename the one that just arrived or changed. What the catalog held when
 * the app started is marked in the list, not announced. A notice leaves by
 * itself once its collision has ended (either incident renamed, here or by
 * a peer), so it never tells of one that is gone.
 */
export function useCollisionNotices(): void {
  useEffect(() => watchCollisionNotices(), []);
}

/** The notices' watch on the catalog (useCollisionNotices), outside React; returns what stops it. `me`: who is at this keyboard. */
export function watchCollisionNotices(me: () => string = () => useIdentity.getState().name): () => void {
  let known: NameCollisions | null = null;
  // The shared name's key → the notice that tells of it.
  const notices = new Map<string, string>();
  const check = (catalog: readonly CatalogEntry[] | null) => {
    if (!catalog) return;
    const now = nameCollisions(catalog);
    const before = known;
    known = now;
    const still = new Set([...now.keys()].map((id) => codenameKey(catalog.find((c) => c.id === id)!.name)));
    for (const [key, notice] of notices) {
      if (still.has(key)) continue;
      dismissNotice(notice);
      notices.delete(key);
    }
    if (!before) return;
    const announced = new Set<string>();
    for (const id of newCollisions(before, now)) {
      const entry = catalog.find((c) => c.id === id)!;
      const key = codenameKey(entry.name);
      if (announced.has(key)) continue;
      announced.add(key);
      const group = [entry, ...now.get(id)!].sort((a, b) => a.declaredAt - b.declaredAt);
      // Offered: the one this machine's person commands (they may rename it), else the one that changed last,
      // which is the one that just arrived, or was just renamed into the collision.
      const person = me().trim().toLowerCase();
      const mine = person ? group.find((c) => c.commander?.trim().toLowerCase() === person) : undefined;
      const target = mine ?? [...group].sort((a, b) => b.lastChangeAt - a.lastChangeAt)[0]!;
      // A third incident of the name: the notice about the first two gives way to one about all three.
      const told = notices.get(key);
      if (told) dismissNotice(told);
      const notice = addNotice(
        'warning',
        `${group.length} incidents on this machine are now called ${entry.name}: ${group.map(declaredPhrase).join('; ')}. Rename one, so that the name says which.`,
        { label: mine ? 'Rename yours…' : 'Rename the newest…', run: () => renameIncidentFromList(target.id) },
      );
      notices.set(key, notice);
    }
  };
  check(useIncidents.getState().catalog);
  return useIncidents.subscribe((state, previous) => {
    if (state.catalog !== previous.catalog) check(state.catalog);
  });
}
