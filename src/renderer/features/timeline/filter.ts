/**
 * What the timeline shows: its entries (amendments folded into them, never
 * rows of their own) and the deadlines that ran out, merged in time order,
 * narrowed by the filters. Pure: a pass over the log when a filter changes,
 * and a step per event logged while they stay as they are (filterAdded).
 */
import { compareEvents, creditOf, type EntryAmendments, type TimelineEvent } from '../../../shared/incident';
import { Sequence } from '../../../shared/sequence';
import type { AuthorRoles } from '../../../shared/views/author-roles';
import { memoizedFold } from '../../../shared/views/timeline-fold';
import { entryType, isDerived, type DerivedRow, type TimelineRow } from '../../../shared/views/entry-types';
import { isFiltering, type TimelineFilters } from './filter-choice';

export { NO_FILTERS, isFiltering, type TimelineFilters } from './filter-choice';

export interface FilterInput {
  readonly events: Sequence<TimelineEvent>;
  /** How many of the events are amendments (IncidentSnapshot.amendmentCount). */
  readonly amendmentCount: number;
  readonly amendments: ReadonlyMap<string, EntryAmendments>;
  /** Rows derived from the log that came due (deadlines that ran out, the chart's warnings), in time order. */
  readonly expired: readonly DerivedRow[];
  readonly filters: TimelineFilters;
  /** Needed only to filter by role. */
  readonly roles?: AuthorRoles | null;
}

export interface FilteredTimeline {
  readonly rows: Sequence<TimelineRow>;
  /** Every row there is to show, before filtering: the entries and the derived rows. */
  readonly total: number;
  /** How many of those are entries of the log (the rest are deadlines that ran out). */
  readonly entries: number;
}

/** The text an entry shows now: its latest version. */
export function shownText(row: TimelineRow, amendments: ReadonlyMap<string, EntryAmendments>): string {
  return isDerived(row) ? row.text : (amendments.get(row.id)?.text ?? row.text);
}

/**
 * The order rows are shown in: by time; entries among themselves as the
 * timeline sorts them; a derived row after the entries of its very moment
 * (it is what that entry caused: a span over the limit after a move).
 */
export function rowOrder(a: TimelineRow, b: TimelineRow): number {
  if (a.at !== b.at) return a.at - b.at;
  const derivedA = isDerived(a);
  if (derivedA !== isDerived(b)) return derivedA ? 1 : -1;
  if (!derivedA) return compareEvents(a as TimelineEvent, b as TimelineEvent);
  // As the derived rows' history sorts them (useTimelineRows.ts): then by id.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether a row passes the filters. */
function matcher({ amendments, filters, roles }: FilterInput): (row: TimelineRow) => boolean {
  if (!isFiltering(filters)) return (row) => isDerived(row) || row.kind !== 'amend';
  const query = filters.query.trim().toLowerCase();
  return (row) => {
    if (!isDerived(row) && row.kind === 'amend') return false;
    if (filters.type !== null && entryType(row) !== filters.type) return false;
    if (isDerived(row)) {
      // A derived row has no author, and so no role.
      if (filters.author !== null || filters.role !== null || filters.keyOnly) return false;
    } else {
      // The Scribe's entries for the IC are the IC's.
      if (filters.author !== null && creditOf(row) !== filters.author) return false;
      if (filters.role !== null && !(roles?.byEvent.get(row.id)?.includes(filters.role) ?? false)) return false;
      if (filters.keyOnly && !amendments.get(row.id)?.key) return false;
    }
    return !query || shownText(row, amendments).toLowerCase().includes(query);
  };
}

/** The rows to show, worked out over the whole log: linear in its length (when a filter changes). */
export function filterTimeline(input: FilterInput): FilteredTimeline {
  const { events, expired, filters, amendmentCount } = input;
  const total = events.length - amendmentCount + expired.length;
  // The common case, an unfiltered log with nothing amended and nothing due: the events as they are.
  if (!isFiltering(filters) && !expired.length && !amendmentCount) return { rows: events, total, entries: total };
  const matches = matcher(input);
  const rows: TimelineRow[] = [];
  let next = 0;
  for (const event of events) {
    if (event.kind === 'amend') continue;
    // Merge the derived rows in by time: they are few and sorted.
    while (next < expired.length && rowOrder(expired[next]!, event) < 0) {
      if (matches(expired[next]!)) rows.push(expired[next]!);
      next++;
    }
    if (matches(event)) rows.push(event);
  }
  for (; next < expired.length; next++) if (matches(expired[next]!)) rows.push(expired[next]!);
  return { rows: Sequence.from(rows), total, entries: total - expired.length };
}

/**
 * The rows to show after events were added to the log, worked out from the
 * rows shown before: each new entry (or derived row come due) that passes
 * is put where it sorts, so logging one event into a 200,000-event
 * incident costs a binary search, not a pass. Null when that cannot be
 * done (the filters changed, an entry or a derived row was taken away, or
 * an amendment may change which entries a text or key filter passes): the
 * caller filters the whole log.
 */
export function filterAdded(previous: { readonly input: FilterInput; readonly result: FilteredTimeline }, input: FilterInput): FilteredTimeline | null {
  const before = previous.input;
  if (before.filters !== input.filters) return null;
  const changes = input.events.changesSince(before.events);
  const due = dueSince(before.expired, input.expired);
  if (!changes || !due) return null;
  // A change to the chart that sorts before later entries changes the roles their authors held then.
  if (input.filters.role !== null && !changes.atEnd && changes.added.some((e) => e.kind === 'org' || e.kind === 'declared')) return null;
  const textual = input.filters.keyOnly || input.filters.query.trim() !== '';
  if (textual && (before.amendments !== input.amendments || changes.added.some((e) => e.kind === 'amend'))) return null;
  const total = input.events.length - input.amendmentCount + input.expired.length;
  const result = previous.result;
  // Still the common case (the rows are the events themselves) until the first amendment or the first row due.
  if (result.rows === before.events) return input.amendmentCount || input.expired.length ? null : { rows: input.events, total, entries: total };
  const matches = matcher(input);
  const passing = [...changes.added, ...due].filter(matches);
  const rows = passing.length ? result.rows.inserted(passing, rowOrder) : result.rows;
  return { rows, total, entries: total - input.expired.length };
}

/**
 * The derived rows that came due since `before` (the deadlines run out in
 * the meantime): an empty list when nothing changed, null when a row shown
 * before is gone or reads differently (the caller filters the whole log).
 * The derived rows are worked out again from the whole history now and
 * then, as new objects: they are matched by id.
 */
function dueSince(before: readonly DerivedRow[], now: readonly DerivedRow[]): readonly DerivedRow[] | null {
  if (before === now) return [];
  const known = new Map(before.map((row) => [row.id, row]));
  const added: DerivedRow[] = [];
  for (const row of now) {
    const was = known.get(row.id);
    if (!was) added.push(row);
    else if (was.at !== row.at || was.text !== row.text) return null;
    known.delete(row.id);
  }
  return known.size ? null : added;
}

/**
 * Everyone who logged something, in the order they were first seen (the
 * order they first logged in, unless an entry of a newcomer was backdated
 * or arrived late): the same array while nobody new did.
 */
export const authorsOf: (events: Sequence<TimelineEvent>) => readonly string[] = memoizedFold({
  timelineOf: (events: Sequence<TimelineEvent>) => events,
  start: () => {
    const authors = new Set<string>();
    let list: readonly string[] = Object.freeze([]);
    return {
      add: (e) => {
        if (e.kind !== 'amend') authors.add(creditOf(e));
      },
      insert: (e) => {
        if (e.kind !== 'amend') authors.add(creditOf(e));
        return true;
      },
      // Authors are only ever added: the same count is the same list.
      result: () => (list.length === authors.size ? list : (list = Object.freeze([...authors]))),
    };
  },
});

/** Where the query occurs in a text, for highlighting: [before, match, after, match, …]. */
export function splitMatches(text: string, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [text];
  const lower = text.toLowerCase();
  // A few characters change length when lowercased; positions would not line up.
  if (lower.length !== text.length) return [text];
  const parts: string[] = [];
  let from = 0;
  for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, i + q.length)) {
    parts.push(text.slice(from, i), text.slice(i, i + q.length));
    from = i + q.length;
  }
  parts.push(text.slice(from));
  return parts;
}
