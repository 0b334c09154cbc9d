/**
 * What the timeline shows: its entries (amendments folded into them, never
 * rows of their own) and the deadlines that ran out, merged in time order,
 * narrowed by the filters. Pure, and linear in the number of entries: it
 * runs over 20,000 of them whenever a filter changes.
 */
import { creditOf, type EntryAmendments, type TimelineEvent } from '../../../shared/incident';
import type { AuthorRoles } from '../../../shared/views/author-roles';
import { memoizedFold } from '../../../shared/views/timeline-fold';
import { entryType, isDerived, type DerivedRow, type EntryType, type TimelineRow } from './entry-types';

export interface TimelineFilters {
  readonly type: EntryType | null;
  /** An author's name, as they log under it. */
  readonly author: string | null;
  /** A role label from authorRoles: the role the author held when the entry happened. */
  readonly role: string | null;
  /** Case-insensitive, over the text each entry shows now. */
  readonly query: string;
  readonly keyOnly: boolean;
}

export const NO_FILTERS: TimelineFilters = Object.freeze({ type: null, author: null, role: null, query: '', keyOnly: false });

export function isFiltering(f: TimelineFilters): boolean {
  return f.type !== null || f.author !== null || f.role !== null || f.query.trim() !== '' || f.keyOnly;
}

export interface FilterInput {
  readonly events: readonly TimelineEvent[];
  readonly amendments: ReadonlyMap<string, EntryAmendments>;
  /** Rows derived from the log that came due (deadlines that ran out, the chart's warnings), in time order. */
  readonly expired: readonly DerivedRow[];
  readonly filters: TimelineFilters;
  /** Needed only to filter by role. */
  readonly roles?: AuthorRoles | null;
}

export interface FilteredTimeline {
  readonly rows: readonly TimelineRow[];
  /** Every row there is to show, before filtering: the entries and the derived rows. */
  readonly total: number;
  /** How many of those are entries of the log (the rest are deadlines that ran out). */
  readonly entries: number;
}

/** The text an entry shows now: its latest version. */
export function shownText(row: TimelineRow, amendments: ReadonlyMap<string, EntryAmendments>): string {
  return isDerived(row) ? row.text : (amendments.get(row.id)?.text ?? row.text);
}

export function filterTimeline({ events, amendments, expired, filters, roles }: FilterInput): FilteredTimeline {
  const active = isFiltering(filters);
  let amends = 0;
  if (!active && !expired.length) {
    for (const e of events) if (e.kind === 'amend') amends++;
    // The common case, an unfiltered log with nothing amended: the events as they are.
    if (!amends) return { rows: events, total: events.length, entries: events.length };
  }
  const query = filters.query.trim().toLowerCase();
  const matches = (row: TimelineRow): boolean => {
    if (!active) return true;
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
  const rows: TimelineRow[] = [];
  let total = 0;
  let next = 0;
  for (const event of events) {
    if (event.kind === 'amend') continue;
    // Merge the derived rows in by time: they are few and sorted. One at the very time of an
    // entry follows it: it is what that entry caused (a span over the limit after a move).
    while (next < expired.length && expired[next]!.at < event.at) {
      total++;
      if (matches(expired[next]!)) rows.push(expired[next]!);
      next++;
    }
    total++;
    if (matches(event)) rows.push(event);
  }
  for (; next < expired.length; next++) {
    total++;
    if (matches(expired[next]!)) rows.push(expired[next]!);
  }
  return { rows, total, entries: total - expired.length };
}

/** Everyone who logged something, in the order they first did: the same array while nobody new did. */
export const authorsOf: (events: readonly TimelineEvent[]) => readonly string[] = memoizedFold({
  timelineOf: (events: readonly TimelineEvent[]) => events,
  start: () => {
    const authors = new Set<string>();
    let list: readonly string[] = Object.freeze([]);
    return {
      add: (e) => {
        if (e.kind !== 'amend') authors.add(creditOf(e));
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
