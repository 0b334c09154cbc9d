/**
 * Unity of command across incidents: during a bad week the same people are
 * pulled into several responses, and someone holding a role in two
 * incidents at once answers to two Incident Commanders. Worked out from
 * this incident's chart and the other active incidents' catalog rows (who
 * holds which role in each, list-summary.ts), by the name each knows them
 * by, so the org chart can say so.
 */
import type { Assignment } from './list-summary';

export interface OtherIncident {
  readonly id: string;
  readonly name: string;
  readonly state: 'active' | 'ended';
  readonly assigned?: readonly Assignment[];
}

export interface TwoBosses {
  readonly name: string;
  /** The roles they hold here. */
  readonly here: readonly string[];
  readonly elsewhere: readonly { readonly incidentId: string; readonly incidentName: string; readonly role: string }[];
}

const personKey = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export function peopleInTwoIncidents(incidentId: string, here: readonly Assignment[], others: readonly OtherIncident[]): TwoBosses[] {
  const mine = new Map<string, { name: string; roles: string[] }>();
  for (const a of here) {
    const key = personKey(a.name);
    const entry = mine.get(key) ?? { name: a.name, roles: [] };
    entry.roles.push(a.role);
    mine.set(key, entry);
  }
  const found = new Map<string, TwoBosses['elsewhere'][number][]>();
  for (const other of others) {
    if (other.id === incidentId || other.state !== 'active') continue;
    for (const a of other.assigned ?? []) {
      const key = personKey(a.name);
      if (!mine.has(key)) continue;
      found.set(key, [...(found.get(key) ?? []), { incidentId: other.id, incidentName: other.name, role: a.role }]);
    }
  }
  return [...found.entries()].map(([key, elsewhere]) => ({ name: mine.get(key)!.name, here: mine.get(key)!.roles, elsewhere }));
}
