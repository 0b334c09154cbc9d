/**
 * Incidents on one machine that go by the same name. Two laptops that each
 * declared "26-Alfa" offline meet when one joins the other's incident or
 * imports its file: the catalog then holds two different incidents under
 * one name, and "26-Alfa" on the call no longer says which. The collision is
 * worked out from the catalog every time it is read, never stored as a flag,
 * so it ends the moment either incident is renamed, here or by a peer.
 */
import { codenameKey, type KnownIncidentName } from '../ics/codename';

/** What the list needs to say which other incident holds the name. */
export interface NamedIncident extends KnownIncidentName {
  readonly declaredAt: number;
  /** Absent in catalog rows stored before it was kept. */
  readonly declaredBy?: string;
}

/**
 * Each incident that shares its name with another, by id, with the others
 * that share it (oldest declaration first). An incident whose name is its
 * own is not in the map.
 */
export function nameCollisions<T extends NamedIncident>(incidents: Iterable<T>): ReadonlyMap<string, readonly T[]> {
  const byKey = new Map<string, T[]>();
  for (const incident of incidents) {
    const key = codenameKey(incident.name);
    const group = byKey.get(key);
    if (!group) byKey.set(key, [incident]);
    else if (!group.some((other) => other.id === incident.id)) group.push(incident);
  }
  const collisions = new Map<string, readonly T[]>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.declaredAt - b.declaredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const incident of group) collisions.set(incident.id, Object.freeze(group.filter((other) => other.id !== incident.id)));
  }
  return collisions;
}

/**
 * Every name this machine knows an incident by: the catalog's (declared
 * here, synced in, imported), and the name an invite gave an incident whose
 * document has not arrived yet. Once it has, the catalog's name is the one
 * that counts, since the incident may have been renamed since the invite.
 */
export function knownIncidentNames(catalog: readonly KnownIncidentName[], invited: readonly KnownIncidentName[]): KnownIncidentName[] {
  const stored = new Set(catalog.map((c) => c.id));
  return [...catalog, ...invited.filter((i) => !stored.has(i.id))];
}

/**
 * The collisions that `after` has and `before` had not: what to tell the
 * person about once (an import, a join, a peer's rename), not every time
 * the list is read.
 */
export function newCollisions<T extends NamedIncident>(before: ReadonlyMap<string, readonly T[]>, after: ReadonlyMap<string, readonly T[]>): string[] {
  const fresh: string[] = [];
  for (const [id, others] of after) {
    const was = before.get(id);
    if (!was || others.some((o) => !was.some((w) => w.id === o.id))) fresh.push(id);
  }
  return fresh;
}
