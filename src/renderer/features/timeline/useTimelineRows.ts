import { useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentSnapshot } from '../../../shared/incident';
import { authorRoles } from '../../../shared/views/author-roles';
import { deadlineHistory, expiredBy } from '../../../shared/views/expiries';
import { orgWatchHistory } from '../../../shared/views/org-watch';
import { authorsOf, filterAdded, filterTimeline, type FilterInput, type FilteredTimeline, type TimelineFilters } from './filter';
import type { DerivedRow } from '../../../shared/views/entry-types';

const NONE: readonly DerivedRow[] = Object.freeze([]);

/** What the timeline works out from the whole log, besides the rows themselves. */
export interface TimelineDerived {
  /** Every deadline that ran out or will (see expiries.ts), and the chart's warnings (org-watch.ts), by time. */
  readonly history: readonly DerivedRow[];
  /** Every role an entry's author held at the time (see authorRoles); the role filter reads the roles themselves. */
  readonly roleLabels: readonly string[];
  /** Everyone who logged something. */
  readonly authors: readonly string[];
}

/**
 * Replays the log for the deadlines that ran out, the authors' roles and the
 * list of authors, when the browser is idle: the first time, each is a pass
 * over every entry, and opening a 20,000-event incident must not wait for
 * them. Until then the previous answer stands (or none). After that, an
 * event logged costs each a step (timeline-fold.ts), and the view renders
 * again only when what it shows changed.
 */
export function useTimelineDerived(snapshot: IncidentSnapshot, enabled: boolean): TimelineDerived | null {
  const [derived, setDerived] = useState<TimelineDerived | null>(null);
  useEffect(() => {
    if (!enabled || !snapshot.header) return;
    return whenIdle(() => {
      const next = { history: mergedHistory(deadlineHistory(snapshot), orgWatchHistory(snapshot)), roleLabels: authorRoles(snapshot.timeline).labels, authors: authorsOf(snapshot.timeline) };
      setDerived((previous) =>
        previous && previous.history === next.history && previous.authors === next.authors && previous.roleLabels === next.roleLabels ? previous : next,
      );
    });
  }, [snapshot, enabled]);
  return enabled ? derived : null;
}

/** The two histories by time; the same array while neither changed, so the rows shown are not worked out again. */
let lastMerge: { a: readonly DerivedRow[]; b: readonly DerivedRow[]; merged: readonly DerivedRow[] } | null = null;
function mergedHistory(a: readonly DerivedRow[], b: readonly DerivedRow[]): readonly DerivedRow[] {
  if (lastMerge && lastMerge.a === a && lastMerge.b === b) return lastMerge.merged;
  const merged = b.length ? Object.freeze([...a, ...b].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) : a;
  lastMerge = { a, b, merged };
  return merged;
}

function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 50);
  return () => clearTimeout(id);
}

/**
 * The deadlines that ran out by the app's clock. A timer wakes the view when
 * the next one comes due (and once a minute, in case the clock jumped),
 * never every second.
 */
export function useExpired(history: readonly DerivedRow[] = NONE): readonly DerivedRow[] {
  const [now, setNow] = useState(() => Date.now());
  const due = expiredBy(history, now);
  const next = history[due.length];
  useEffect(() => {
    if (!next) return;
    const wait = Math.min(Math.max(next.at - Date.now(), 0) + 1, 60_000);
    const timer = setTimeout(() => setNow(Date.now()), wait);
    return () => clearTimeout(timer);
  }, [next, now]);
  // The same array while the same rows are due, so the filtered rows are not recomputed.
  return useMemo(() => due, [history, due.length]); // eslint-disable-line react-hooks/exhaustive-deps
}

/**
 * The rows to show. While the filters and the rows due stay as they are, an
 * event logged is put among the rows shown before (filterAdded); anything
 * else filters the whole log. Filtering by role works the roles out at once
 * (memoized per timeline), so a new entry is never missed.
 */
export function useFilteredRows(snapshot: IncidentSnapshot, expired: readonly DerivedRow[], filters: TimelineFilters): FilteredTimeline {
  const { timeline, amendments, amendmentCount } = snapshot;
  const last = useRef<{ input: FilterInput; result: FilteredTimeline } | null>(null);
  return useMemo(() => {
    const input: FilterInput = { events: timeline, amendmentCount, amendments, expired, filters, roles: filters.role === null ? null : authorRoles(timeline) };
    const result = (last.current && filterAdded(last.current, input)) ?? filterTimeline(input);
    last.current = { input, result };
    return result;
  }, [timeline, amendmentCount, amendments, expired, filters]);
}
