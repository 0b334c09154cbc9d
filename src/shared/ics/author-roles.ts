/**
 * The incident role each entry's author held when the entry happened, for
 * the timeline's role filter: "what did the Scribe log", "what did whoever
 * was IC at the time decide". Authors are known by the name they log under,
 * matched to the people checked in under that name (as presence does).
 *
 * Someone checked in without a role is in Staging; an author who never
 * checked in (or was released) holds no role. Roles held by the IC only
 * because nobody else holds them are not counted: the IC's role is
 * "Incident Commander".
 */
import type { TimelineEvent } from '../incident/schema';
import type { OrgFold } from './org-chart';
import { titleOf } from './org-chart';
import { personKey, replayIncident } from './replay';

export const STAGING = 'Staging';
export const NO_ROLE = 'No incident role';

export interface AuthorRoles {
  /** Event id → the roles its author held at that moment (at least one label). */
  readonly byEvent: ReadonlyMap<string, readonly string[]>;
  /** Every label that occurs, roles first in the order they appeared, then Staging and no role. */
  readonly labels: readonly string[];
}

const cache = new WeakMap<readonly TimelineEvent[], AuthorRoles>();

/** Memoized per timeline (snapshots never change, so neither does the answer). */
export function authorRoles(timeline: readonly TimelineEvent[]): AuthorRoles {
  let roles = cache.get(timeline);
  if (!roles) {
    roles = computeAuthorRoles(timeline);
    cache.set(timeline, roles);
  }
  return roles;
}

const NONE: readonly string[] = Object.freeze([NO_ROLE]);
const IN_STAGING: readonly string[] = Object.freeze([STAGING]);

function computeAuthorRoles(timeline: readonly TimelineEvent[]): AuthorRoles {
  const byEvent = new Map<string, readonly string[]>();
  const seen = new Set<string>();
  let byName: Map<string, readonly string[]> | null = null;
  const record = (event: TimelineEvent, org: OrgFold) => {
    byName ??= rolesByName(org);
    const roles = byName.get(personKey(event.author)) ?? NONE;
    byEvent.set(event.id, roles);
    for (const r of roles) seen.add(r);
  };
  replayIncident(timeline, {
    before(event, { org }) {
      // The declaration is the IC's first act: counted once it has made them IC.
      if (event.kind !== 'amend' && event.kind !== 'declared') record(event, org);
    },
    after(event, { org }) {
      // The chart changes only with the declaration and org changes.
      if (event.kind === 'org' || event.kind === 'declared') byName = null;
      if (event.kind === 'declared') record(event, org);
    },
  });
  const special = new Set([STAGING, NO_ROLE]);
  const labels = [...seen].filter((l) => !special.has(l));
  if (seen.has(STAGING)) labels.push(STAGING);
  if (seen.has(NO_ROLE)) labels.push(NO_ROLE);
  return { byEvent, labels };
}

/** Everyone on duty by name → the titles of the roles they hold ("Staging" without one). */
function rolesByName(org: OrgFold): Map<string, readonly string[]> {
  const held = new Map<string, string[]>();
  for (const role of org.roles.values()) {
    if (role.holderId === null) continue;
    const list = held.get(role.holderId) ?? [];
    list.push(titleOf(role.role));
    held.set(role.holderId, list);
  }
  const byName = new Map<string, readonly string[]>();
  for (const r of org.responders.values()) {
    if (r.releasedAt !== null) continue;
    const key = personKey(r.name);
    const titles = held.get(r.id);
    const mine = titles?.length ? titles : IN_STAGING;
    const known = byName.get(key);
    // Two people on duty under one name: count both's roles.
    byName.set(key, known && known !== IN_STAGING ? (mine === IN_STAGING ? known : [...known, ...mine]) : mine);
  }
  return byName;
}
