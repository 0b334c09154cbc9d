import { useEffect, useRef } from 'react';
import { shortcutFor } from '../../components/keys/key-table';
import { zoneName } from '../../components/format';
import { KeyHints } from '../../components/keys/KeyHints';
import { useTimelineUi } from '../../stores/timeline-ui';
import { ENTRY_TYPES, ENTRY_TYPE_LABELS, type EntryType } from '../../../shared/views/entry-types';
import { isFiltering } from './filter';
import { TIMELINE_KEY_TABLE, allowedWith, type TimelineAccess } from './timeline-keys';
import type { TimelineDerived } from './useTimelineRows';
import { count as plural, withSeparators as count } from '../../../shared/plural';
import { useIncidents } from '../../stores/incident';
import { saveExport } from '../postmortem/export-files';

/**
 * The timeline's filters (type, author, the author's role at the time,
 * text, key events only), how many entries they leave, the local/UTC
 * switch, the whole timeline as CSV, and the key hints.
 */
export function TimelineToolbar({
  shown,
  total,
  entries,
  derived,
  access,
}: {
  shown: number;
  total: number;
  entries: number;
  derived: TimelineDerived | null;
  access: TimelineAccess;
}) {
  const filters = useTimelineUi((s) => s.filters);
  const utc = useTimelineUi((s) => s.utc);
  const searchRequest = useTimelineUi((s) => s.searchRequest);
  const search = useRef<HTMLInputElement>(null);
  const ui = useTimelineUi.getState;
  useEffect(() => {
    if (searchRequest) search.current?.focus();
  }, [searchRequest]);

  const filtering = isFiltering(filters);
  // The lists fill in once the log has been read through (when the browser is idle).
  const authors = derived?.authors ?? [];
  const roleLabels = derived?.roleLabels ?? [];
  return (
    <div className="timeline-toolbar">
      <div className="timeline-filters" role="group" aria-label="Filter the timeline">
        <input
          ref={search}
          type="search"
          className="timeline-search"
          aria-label="Search the timeline"
          aria-keyshortcuts={shortcutFor(TIMELINE_KEY_TABLE, 'search')}
          placeholder="Search… (f)"
          value={filters.query}
          onChange={(e) => ui().setFilters({ query: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              if (filters.query) ui().setFilters({ query: '' });
              else e.currentTarget.blur();
            }
          }}
        />
        <select aria-label="Type" value={filters.type ?? ''} onChange={(e) => ui().setFilters({ type: (e.target.value || null) as EntryType | null })}>
          <option value="">All types</option>
          {ENTRY_TYPES.map((t) => (
            <option key={t} value={t}>
              {ENTRY_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <select aria-label="Author" value={filters.author ?? ''} onChange={(e) => ui().setFilters({ author: e.target.value || null })}>
          <option value="">All authors</option>
          {filters.author && !authors.includes(filters.author) && <option value={filters.author}>{filters.author}</option>}
          {authors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <select
          aria-label="Role at the time"
          title="The incident role the author held when the entry happened"
          value={filters.role ?? ''}
          onChange={(e) => ui().setFilters({ role: e.target.value || null })}
        >
          <option value="">All roles</option>
          {filters.role && !roleLabels.includes(filters.role) && <option value={filters.role}>{filters.role}</option>}
          {roleLabels.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <label className="timeline-check">
          <input type="checkbox" checked={filters.keyOnly} onChange={(e) => ui().setFilters({ keyOnly: e.target.checked })} />
          Key events only
        </label>
        <button type="button" disabled={!filtering} onClick={() => ui().clearFilters()}>
          Clear filters
        </button>
      </div>
      <span className="timeline-count" role="status">
        {filtering ? `Showing ${count(shown)} of ${count(total)}` : `${plural(entries, 'entry', 'entries')}${total > entries ? `, ${plural(total - entries, 'deadline')} passed` : ''}`}
      </span>
      <button
        type="button"
        className="zone-toggle"
        aria-pressed={utc}
        aria-keyshortcuts={shortcutFor(TIMELINE_KEY_TABLE, 'zone')}
        title={utc ? `Times are in UTC; press to show ${zoneName()} (this computer)` : `Times are in ${zoneName()} (this computer); press to show UTC`}
        onClick={() => ui().setUtc(!utc)}
      >
        Times in UTC
      </button>
      <button type="button" className="timeline-export" title="Every entry, not only those the filters show, with times in UTC and local" onClick={exportTimeline}>
        Export CSV
      </button>
      <TimelineHints access={access} />
    </div>
  );
}

/** The whole timeline as CSV (timeline-csv.ts): the record, whatever the filters show. */
export function exportTimeline(): void {
  const snapshot = useIncidents.getState().snapshot;
  if (snapshot) void saveExport('timeline', snapshot);
}

function TimelineHints({ access }: { access: TimelineAccess }) {
  const hint = useTimelineUi((s) => s.hint);
  return <KeyHints table={TIMELINE_KEY_TABLE} permission={{ allows: (action) => allowedWith(action, access) }} hint={hint} id="timeline-keys" />;
}
