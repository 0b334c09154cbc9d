import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { IncidentSnapshot } from '../../../shared/incident';
import { zoneOf } from '../../components/format';
import { useTimelineUi } from '../../stores/timeline-ui';
import { isFiltering } from './filter';
import { refusedChanges } from './refused';
import { TimelineDialogs } from './TimelineDialogs';
import { TimelineRow } from './TimelineRow';
import { TimelineToolbar } from './TimelineToolbar';
import { useExpired, useFilteredRows, useTimelineDerived } from './useTimelineRows';
import { useReveal, useRowFocus, useTimelineKeys } from './useTimelineKeys';
import type { TimelineAccess } from './timeline-keys';
import './timeline.css';
import { count } from '../../../shared/plural';

/** The height of a one-line row (see .event in styles.css); taller rows are measured. */
const ROW_ESTIMATE = 35;

/**
 * The timeline, newest last, with its filters. Virtualized: an incident of
 * 20,000 events renders the few dozen rows on screen, so opening it and
 * typing stay fast. It follows new events while the reader is at the
 * bottom and stays put while they read further up.
 */
export function Timeline({
  snapshot,
  total: storedTotal,
  access: given,
  loaded,
}: {
  snapshot: IncidentSnapshot;
  /** While only the stored first view is shown: how many entries the whole timeline holds. */
  total?: number;
  access: TimelineAccess;
  /** The whole doc is loaded (not the first view): deadlines and roles can be worked out. */
  loaded: boolean;
}) {
  // Until the whole doc is here, nothing is written: the first view may lack the entry's amendments.
  const access: TimelineAccess = loaded ? given : 'read';
  const filters = useTimelineUi((s) => s.filters);
  const utc = useTimelineUi((s) => s.utc);
  const selectedId = useTimelineUi((s) => s.selectedId);
  const expanded = useTimelineUi((s) => s.expanded);
  useEffect(() => useTimelineUi.getState().forIncident(snapshot.incidentId), [snapshot.incidentId]);

  const derived = useTimelineDerived(snapshot, loaded);
  const expired = useExpired(derived?.history);
  const { rows, total, entries } = useFilteredRows(snapshot, expired, filters);
  const refused = refusedChanges(snapshot.org?.refused, snapshot.plan?.refused, snapshot.refusedRenames);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 6,
    // Sizes are kept by index (the default key), not by entry: whenever the
    // count changes the virtualizer lays out every row again, and reading
    // each row's id from the persistent list for that would cost an append
    // to a 200,000-event log far more than the rest of it. An entry landing
    // in the middle shifts the sizes kept for rows off screen (they are
    // measured again when shown); the rows on screen are keyed by entry.
    // The timeline opens at the bottom (see below); starting there spares
    // rendering and measuring the first rows only to scroll away from them.
    initialOffset: () => (atBottom.current ? rows.length * ROW_ESTIMATE : 0),
  });

  useLayoutEffect(() => {
    if (atBottom.current && rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows.length, virtualizer]);

  // Sizes are kept by index (above): when a row lands among those on screen (a derived row coming due, a
  // peer's backdated entry), the rows after it keep their elements but move to new indices, and would be
  // laid out with the sizes of the rows that were there before (a tall row with a Message or Briefing
  // overlapping the next one). Measuring the rows on screen again under their new indices puts each
  // where it belongs; there are only a screenful of them.
  useLayoutEffect(() => {
    for (const el of scroller.current?.querySelectorAll<HTMLElement>('li[data-index]') ?? []) virtualizer.measureElement(el);
  }, [rows, virtualizer]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const scrollTo = useCallback((index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }), [virtualizer]);
  useTimelineKeys(rows, snapshot.amendments, access, snapshot.plan, scrollTo);
  useRowFocus(rows, scrollTo);
  useReveal(rows, (index) => {
    atBottom.current = false;
    virtualizer.scrollToIndex(index, { align: 'center' });
  });

  const items = virtualizer.getVirtualItems();
  // The log itself takes Tab while the selected row is not on screen (filtered out, scrolled away).
  const selectedShown = selectedId !== null && items.some((item) => rows.at(item.index)?.id === selectedId);
  const filtering = isFiltering(filters);
  const zone = zoneOf(rows.at(0)?.at ?? Date.now(), utc);
  // Entries only: the deadlines that ran out are rows, not events of the log.
  const events = storedTotal ?? entries;
  return (
    <div className="timeline-view">
      {loaded ? (
        <TimelineToolbar shown={rows.length} total={total} entries={entries} derived={derived} access={access} />
      ) : (
        // The first view paints before anything can be filtered: the filters' form
        // controls cost that paint more than the rows do, so they come with the whole log.
        <div className="timeline-toolbar" aria-hidden="true" />
      )}
      <div
        className="timeline"
        ref={scroller}
        role="log"
        aria-label={`Timeline, ${count(events, 'event')}${filtering ? `, showing ${rows.length}` : ''}, times in ${zone}`}
        tabIndex={selectedShown ? -1 : 0}
      >
        {filtering && rows.length === 0 && <p className="muted timeline-empty">No entry matches these filters.</p>}
        <ol style={{ height: virtualizer.getTotalSize() }} className="timeline-rows">
          {items.map((item) => {
            const row = rows.at(item.index)!;
            const amended = snapshot.amendments.get(row.id);
            const refusal = refused.get(row.id);
            const selected = row.id === selectedId;
            const classes = ['event', `kind-${row.kind}`];
            if (refusal) classes.push('refused');
            if ('derived' in row) classes.push('derived');
            if (amended?.struck) classes.push('struck');
            if (amended?.key) classes.push('key');
            if (selected) classes.push('selected');
            return (
              <li
                key={row.id}
                data-index={item.index}
                data-entry={row.id}
                ref={virtualizer.measureElement}
                className={classes.join(' ')}
                style={{ transform: `translateY(${item.start}px)` }}
                tabIndex={selected ? 0 : -1}
                aria-current={selected ? 'true' : undefined}
                onFocus={(event) => {
                  if (event.target === event.currentTarget && !selected) useTimelineUi.getState().select(row.id);
                }}
                onClick={() => {
                  if (!selected) useTimelineUi.getState().select(row.id);
                }}
              >
                <TimelineRow
                  row={row}
                  amended={amended}
                  plan={snapshot.plan}
                  refusal={refusal}
                  selected={selected}
                  expanded={expanded.has(row.id)}
                  access={access}
                  utc={utc}
                  query={filters.query}
                />
              </li>
            );
          })}
        </ol>
      </div>
      {access === 'write' && <TimelineDialogs snapshot={snapshot} />}
    </div>
  );
}
