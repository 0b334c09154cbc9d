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
import type { Sequence } from '../sequence';
import { compareEvents, creditOf, type TimelineEvent } from '../incident/schema';
import type { OrgFold } from '../incident/org-fold';
import { titleOf } from '../incident/org-fold';
import { IncidentReplay, personKey, type ReplayVisitor } from './replay';
import { memoizedFold, type TimelineFold } from './timeline-fold';

export const STAGING = 'Staging';
export const NO_ROLE = 'No incident role';

/** The roles an entry's author held, by the entry's id. */
export interface RolesByEvent {
  /** Undefined for an id that is not an entry of the timeline asked about. */
  get(eventId: string): readonly string[] | undefined;
}

export interface AuthorRoles {
  /** Event id → the roles its author held at that moment (at least one label). */
  readonly byEvent: RolesByEvent;
  /** Every label that occurs, roles first in the order they appeared, then Staging and no role. */
  readonly labels: readonly string[];
}

const NONE: readonly string[] = Object.freeze([NO_ROLE]);
const IN_STAGING: readonly string[] = Object.freeze([STAGING]);

/**
 * The replay, kept as the timeline grows. Every answer shares one map of
 * entries, which only ever gains entries; each answer reads those of its own
 * timeline only (by their place in it), so it never changes once given.
 */
class AuthorRolesFold implements TimelineFold<Sequence<TimelineEvent>, AuthorRoles> {
  private readonly replay = new IncidentReplay();
  private readonly byEvent = new Map<string, { readonly roles: readonly string[]; readonly index: number }>();
  private readonly seen = new Set<string>();
  private byName: Map<string, readonly string[]> | null = null;
  /** Each change to the chart taken (the declaration first), with who held what just after it: for entries that arrive late. */
  private readonly charts: Array<{ readonly after: TimelineEvent; readonly byName: Map<string, readonly string[]> }> = [];
  private taken = 0;
  private labels: readonly string[] = Object.freeze([]);
  private labelsOf = -1;

  private readonly visitor: ReplayVisitor = {
    before: (event, { org }) => {
      // The declaration is the IC's first act: counted once it has made them IC.
      if (event.kind !== 'amend' && event.kind !== 'declared') this.record(event, org);
    },
    after: (event, { org }) => {
      // The chart changes only with the declaration and org changes.
      if (event.kind === 'org' || event.kind === 'declared') {
        this.byName = rolesByName(org);
        this.charts.push({ after: event, byName: this.byName });
      }
      if (event.kind === 'declared') this.record(event, org);
    },
  };

  private record(event: TimelineEvent, org: OrgFold): void {
    this.byName ??= rolesByName(org);
    this.recordWith(event, this.byName);
  }

  private recordWith(event: TimelineEvent, byName: ReadonlyMap<string, readonly string[]>): void {
    // Logged for someone else, the entry is theirs: "what did the IC decide" finds the Scribe's entries for the IC.
    const roles = byName.get(personKey(creditOf(event))) ?? NONE;
    // Ids are unique in a projected timeline; were one repeated, its first answer stands, so no answer given changes.
    if (!this.byEvent.has(event.id)) this.byEvent.set(event.id, { roles, index: this.taken });
    for (const r of roles) this.seen.add(r);
  }

  add(event: TimelineEvent): void {
    this.replay.step(event, this.visitor);
    this.taken++;
  }

  /**
   * An entry that sorts before others (backdated, or a peer's arriving
   * late) is given the roles of the chart as it stood at its time: the
   * last change to the chart before it. A change to the chart itself
   * changes the roles of everything after it: the fold starts over.
   */
  insert(event: TimelineEvent): boolean {
    if (event.kind === 'org' || event.kind === 'declared') return false;
    if (event.kind !== 'amend') {
      const chart = chartBefore(this.charts, event);
      // Before the declaration there is no chart, and nobody holds a role (as replay.ts has it).
      this.recordWith(event, chart?.byName ?? NO_ONE);
    }
    this.taken++;
    return true;
  }

  result(): AuthorRoles {
    // Labels are only ever added: the same count is the same list.
    if (this.labelsOf !== this.seen.size) {
      const labels = [...this.seen].filter((l) => l !== STAGING && l !== NO_ROLE);
      if (this.seen.has(STAGING)) labels.push(STAGING);
      if (this.seen.has(NO_ROLE)) labels.push(NO_ROLE);
      this.labels = Object.freeze(labels);
      this.labelsOf = this.seen.size;
    }
    const entries = this.byEvent;
    const taken = this.taken;
    return Object.freeze({
      byEvent: Object.freeze({
        get: (eventId: string) => {
          const entry = entries.get(eventId);
          return entry && entry.index < taken ? entry.roles : undefined;
        },
      }),
      labels: this.labels,
    });
  }
}

/** Memoized per timeline, and worked out from the previous one's when an event was only appended. */
export const authorRoles: (timeline: Sequence<TimelineEvent>) => AuthorRoles = memoizedFold({
  timelineOf: (timeline: Sequence<TimelineEvent>) => timeline,
  start: () => new AuthorRolesFold(),
});

/** The same answer, folded from the start every time (for tests that check the memoized one against it). */
export function computeAuthorRoles(timeline: Iterable<TimelineEvent>): AuthorRoles {
  const fold = new AuthorRolesFold();
  for (const event of timeline) fold.add(event);
  return fold.result();
}

const NO_ONE: ReadonlyMap<string, readonly string[]> = new Map();

/** The last change to the chart that sorts before an event (a binary search: the changes are in timeline order). */
function chartBefore<Chart extends { readonly after: TimelineEvent }>(charts: readonly Chart[], event: TimelineEvent): Chart | undefined {
  let low = 0;
  let high = charts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareEvents(charts[middle]!.after, event) <= 0) low = middle + 1;
    else high = middle;
  }
  return charts[low - 1];
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
