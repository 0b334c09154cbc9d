import { useEffect, useMemo, useState } from 'react';
import type { IncidentSnapshot, TimelineEvent } from '../../../shared/incident';
import { authorRoles, type AuthorRoles } from '../../../shared/ics/author-roles';
import { deadlineHistory, expiredBy, type Expiry } from '../../../shared/ics/expiries';
import { filterTimeline, type FilteredTimeline, type TimelineFilters } from './filter';

const NONE: readonly Expiry[] = Object.freeze([]);

/**
 * The deadlines that ran out by the app's clock. The history is worked out
 * once per snapshot; a timer wakes the view when the next one comes due
 * (and once a minute, in case the clock jumped), never every second.
 */
export function useExpired(snapshot: IncidentSnapshot, derive: boolean): readonly Expiry[] {
  const history = useMemo(() => (derive && snapshot.header ? deadlineHistory(snapshot) : NONE), [derive, snapshot]);
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
 * The role each entry's author held when it happened. Worked out when the
 * browser is idle rather than while opening a long incident; the role
 * filter's options appear then.
 */
export function useAuthorRoles(timeline: readonly TimelineEvent[]): AuthorRoles | null {
  const [roles, setRoles] = useState<{ timeline: readonly TimelineEvent[]; roles: AuthorRoles } | null>(null);
  useEffect(() => {
    let cancelled = false;
    const run = () => {
      if (!cancelled) setRoles({ timeline, roles: authorRoles(timeline) });
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: 1000 });
      return () => {
        cancelled = true;
        cancelIdleCallback(id);
      };
    }
    const id = setTimeout(run, 50);
    return () => {
      cancelled = true;
      clearTimeout(id);
    };
  }, [timeline]);
  // A newer timeline keeps the previous answer until its own is ready: roles of old entries do not change.
  return roles?.roles ?? null;
}

/** The rows to show. Filtering by role works the roles out at once (memoized per timeline), so a new entry is never missed. */
export function useFilteredRows(snapshot: IncidentSnapshot, expired: readonly Expiry[], filters: TimelineFilters): FilteredTimeline {
  const { timeline, amendments } = snapshot;
  return useMemo(
    () => filterTimeline({ events: timeline, amendments, expired, filters, roles: filters.role === null ? null : authorRoles(timeline) }),
    [timeline, amendments, expired, filters],
  );
}
