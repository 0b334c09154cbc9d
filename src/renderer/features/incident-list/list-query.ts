/**
 * Which incidents the list shows, in which group and order: pure functions
 * of the catalog, the filters and today's date, so the list, its counts and
 * the tests all agree.
 *
 * Drills are kept apart from real incidents (the seeds: practice must never
 * be mistaken for a response, nor counted as one), so a drill is never in
 * "Active" or "Ended".
 */
import { SEVERITIES, type Severity } from '../../../shared/ics/severity';
import { STATUS_PHASES, type StatusPhase } from '../../../shared/incident/status-schema';
import { POSTMORTEM_STATUSES, type PostmortemStatus } from '../../../shared/incident/postmortem-schema';
import { postmortemOverdue } from '../../../shared/views/list-summary';
import type { CatalogEntry } from '../../incidents/db';

/** A postmortem's state as the list filters it: not started, one of its statuses, or past its due date. */
export type PostmortemFilter = 'not-started' | PostmortemStatus | 'overdue';
export const POSTMORTEM_FILTERS: readonly PostmortemFilter[] = ['not-started', ...POSTMORTEM_STATUSES, 'overdue'];

export type DrillFilter = 'apart' | 'hide' | 'only';

export interface ListFilters {
  /** Empty: every severity. */
  readonly severities: readonly Severity[];
  readonly phase: StatusPhase | null;
  /** Declared on or after / on or before these local dates (YYYY-MM-DD); null for no bound. */
  readonly from: string | null;
  readonly to: string | null;
  readonly drills: DrillFilter;
  readonly postmortem: PostmortemFilter | null;
  /** A person who commands the incident or owns its postmortem, compared case-insensitively. */
  readonly person: string | null;
}

export const NO_FILTERS: ListFilters = { severities: [], phase: null, from: null, to: null, drills: 'apart', postmortem: null, person: null };

export const SORT_KEYS = ['severity', 'name', 'declared', 'commander', 'phase', 'next-update', 'sync', 'ended', 'pm-owner', 'pm-due', 'pm-state'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  severity: 'Severity',
  name: 'Name',
  declared: 'Declared',
  commander: 'Incident Commander',
  phase: 'Phase',
  'next-update': 'Next update due',
  sync: 'Shared or not',
  ended: 'Ended',
  'pm-owner': 'Postmortem owner',
  'pm-due': 'Postmortem due',
  'pm-state': 'Postmortem state',
};

/** null: each group's own order (active: most severe, then newest; ended: latest end first). */
export interface ListSort {
  readonly key: SortKey;
  readonly descending: boolean;
}

export interface ListGroups {
  readonly active: CatalogEntry[];
  readonly ended: CatalogEntry[];
  readonly drills: CatalogEntry[];
  /** How many incidents the filters hide, so the list never looks emptier than the machine is without saying why. */
  readonly hidden: number;
}

/** The local calendar date of `at`, as YYYY-MM-DD (the postmortem's due dates are calendar dates). */
export function localYmd(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function postmortemState(entry: CatalogEntry, today: string): PostmortemFilter | null {
  if (entry.state !== 'ended') return null;
  if (postmortemOverdue(entry.postmortem, today)) return 'overdue';
  return entry.postmortem?.status ?? 'not-started';
}

/** Whether an ended incident's postmortem is in that state; an overdue draft is both a draft and overdue. */
function postmortemIs(entry: CatalogEntry, wanted: PostmortemFilter, today: string): boolean {
  if (entry.state !== 'ended') return false;
  if (wanted === 'overdue') return postmortemOverdue(entry.postmortem, today);
  return (entry.postmortem?.status ?? 'not-started') === wanted;
}

export function matches(entry: CatalogEntry, filters: ListFilters, today: string): boolean {
  if (filters.severities.length && !filters.severities.includes(entry.severity)) return false;
  if (filters.phase && (entry.phase ?? 'investigating') !== filters.phase) return false;
  const declared = localYmd(entry.declaredAt);
  if (filters.from && declared < filters.from) return false;
  if (filters.to && declared > filters.to) return false;
  if (filters.drills === 'hide' && entry.drill) return false;
  if (filters.drills === 'only' && !entry.drill) return false;
  if (filters.postmortem && !postmortemIs(entry, filters.postmortem, today)) return false;
  if (filters.person) {
    const person = filters.person.trim().toLowerCase();
    const people = [entry.commander, entry.postmortem?.owner].map((p) => p?.trim().toLowerCase());
    if (!people.includes(person)) return false;
  }
  return true;
}

/** Everyone the person filter can pick: Incident Commanders and postmortem owners, each once, in alphabetical order. */
export function peopleOf(entries: readonly CatalogEntry[]): string[] {
  const byKey = new Map<string, string>();
  for (const e of entries) {
    for (const p of [e.commander, e.postmortem?.owner]) {
      const key = p?.trim().toLowerCase();
      // The first spelling seen stands for every other.
      if (key && !byKey.has(key)) byKey.set(key, p!.trim());
    }
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

const rank = <T extends string>(order: readonly T[], value: T | null | undefined) => (value == null ? order.length : order.indexOf(value));
const NO_VALUE = Number.POSITIVE_INFINITY;

/** Each sort key as a comparable value; incidents without one (never ended, no owner) go last either way. */
function valueOf(entry: CatalogEntry, key: SortKey, shared: { has(id: string): boolean }): string | number {
  switch (key) {
    case 'severity':
      return rank(SEVERITIES, entry.severity);
    case 'name':
      return entry.name.toLowerCase();
    case 'declared':
      return entry.declaredAt;
    case 'commander':
      return entry.commander?.toLowerCase() ?? NO_VALUE;
    case 'phase':
      return rank(STATUS_PHASES, entry.phase);
    case 'next-update':
      return entry.nextUpdateAt ?? NO_VALUE;
    case 'sync':
      return shared.has(entry.id) ? 0 : 1;
    case 'ended':
      return entry.endedAt ?? NO_VALUE;
    case 'pm-owner':
      return entry.postmortem?.owner?.toLowerCase() ?? NO_VALUE;
    case 'pm-due':
      return entry.postmortem?.dueDate ?? NO_VALUE;
    case 'pm-state':
      return entry.postmortem?.status ? rank(POSTMORTEM_STATUSES, entry.postmortem.status) + 1 : entry.state === 'ended' ? 0 : NO_VALUE;
  }
}

function compare(a: string | number, b: string | number): number {
  if (a === b) return 0;
  if (a === NO_VALUE) return 1;
  if (b === NO_VALUE) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

function sorted(entries: CatalogEntry[], sort: ListSort, shared: { has(id: string): boolean }): CatalogEntry[] {
  const keyed = entries.map((entry) => ({ entry, value: valueOf(entry, sort.key, shared) }));
  keyed.sort((x, y) => {
    // Missing values stay last whichever way the list is sorted.
    if (x.value === NO_VALUE || y.value === NO_VALUE) return compare(x.value, y.value);
    const order = compare(x.value, y.value);
    return (sort.descending ? -order : order) || y.entry.declaredAt - x.entry.declaredAt;
  });
  return keyed.map((k) => k.entry);
}

/** The active incidents' natural order: most severe first, then the newest. */
export const activeOrder = (a: CatalogEntry, b: CatalogEntry) => a.severity.localeCompare(b.severity) || b.declaredAt - a.declaredAt;
const endedOrder = (a: CatalogEntry, b: CatalogEntry) => (b.endedAt ?? 0) - (a.endedAt ?? 0);
/** Drills: the running ones first, then as the other groups. */
const drillOrder = (a: CatalogEntry, b: CatalogEntry) =>
  (a.state === b.state ? 0 : a.state === 'active' ? -1 : 1) || (a.state === 'active' ? activeOrder(a, b) : endedOrder(a, b));

export function groupCatalog(
  catalog: readonly CatalogEntry[],
  options: { filters?: ListFilters; sort?: ListSort | null; today: string; shared?: { has(id: string): boolean } },
): ListGroups {
  const filters = options.filters ?? NO_FILTERS;
  const shared = options.shared ?? new Set<string>();
  const shown = catalog.filter((e) => matches(e, filters, options.today));
  const order = (entries: CatalogEntry[], natural: (a: CatalogEntry, b: CatalogEntry) => number) =>
    options.sort ? sorted(entries, options.sort, shared) : entries.sort(natural);
  const real = shown.filter((e) => !e.drill);
  return {
    active: order(real.filter((e) => e.state === 'active'), activeOrder),
    ended: order(real.filter((e) => e.state === 'ended'), endedOrder),
    drills: order(shown.filter((e) => e.drill), drillOrder),
    hidden: catalog.length - shown.length,
  };
}

export function filtersInUse(filters: ListFilters): number {
  return (
    (filters.severities.length ? 1 : 0) +
    (filters.phase ? 1 : 0) +
    (filters.from || filters.to ? 1 : 0) +
    (filters.drills !== 'apart' ? 1 : 0) +
    (filters.postmortem ? 1 : 0) +
    (filters.person ? 1 : 0)
  );
}
