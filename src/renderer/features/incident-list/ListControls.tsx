import { useId } from 'react';
import { SEVERITIES, type Severity } from '../../../shared/ics/severity';
import { STATUS_PHASES, STATUS_PHASE_LABELS, isStatusPhase } from '../../../shared/incident/status-schema';
import { POSTMORTEM_STATUS_LABELS } from '../../../shared/incident/postmortem-schema';
import { useListUi } from '../../stores/list-ui';
import { useUi } from '../../stores/ui';
import { POSTMORTEM_FILTERS, SORT_KEYS, SORT_LABELS, filtersInUse, type DrillFilter, type PostmortemFilter, type SortKey } from './list-query';
import './list-controls.css';

export const POSTMORTEM_FILTER_LABELS: Record<PostmortemFilter, string> = {
  'not-started': 'Not started',
  ...POSTMORTEM_STATUS_LABELS,
  overdue: 'Overdue',
};

const DRILL_LABELS: Record<DrillFilter, string> = { apart: 'Shown apart', hide: 'Hidden', only: 'Only drills' };

/**
 * The list's sort, and its filters behind one button: at 3 a.m. the
 * incidents come first, so the filters stay folded until asked for (F, or
 * the button, which says how many are in use). Every control is a native
 * one, so Tab reaches each and the arrow keys change it. The line beside
 * them says how many incidents the filters hide, so a list that looks
 * empty never hides that it is filtered.
 */
export function ListControls({ people, hidden }: { people: readonly string[]; hidden: number }) {
  const { filters, sort, filtersOpen, clearFilters, setSort, setFiltersOpen } = useListUi();
  const id = useId();
  const inUse = filtersInUse(filters);
  return (
    <div className="list-controls">
      <div className="list-toolbar">
        <button type="button" className="search-open" aria-keyshortcuts="Control+Shift+F" onClick={() => useUi.getState().openDialog('search')}>
          Search all incidents… <kbd>Ctrl+Shift+F</kbd>
        </button>
        <button
          type="button"
          className="filters-toggle"
          aria-expanded={filtersOpen}
          aria-controls={`${id}-filters`}
          aria-keyshortcuts="F"
          onClick={() => setFiltersOpen(!filtersOpen)}
        >
          Filters{inUse ? ` (${inUse})` : ''}
        </button>
        <p className="filter-summary muted" role="status">
          {inUse > 0 && (
            <>
              {hidden === 0 ? 'Every incident matches the filters.' : `${hidden} ${hidden === 1 ? 'incident is' : 'incidents are'} hidden by the filters.`}{' '}
              <button type="button" className="link-button" onClick={clearFilters}>
                Clear filters
              </button>
            </>
          )}
        </p>
        <span className="list-filter list-sort">
          <label htmlFor={`${id}-sort`}>Sort by</label>
          <select id={`${id}-sort`} value={sort?.key ?? ''} onChange={(e) => setSort(e.target.value ? { key: e.target.value as SortKey, descending: sort?.descending ?? false } : null)}>
            <option value="">Most urgent first</option>
            {SORT_KEYS.map((key) => (
              <option key={key} value={key}>
                {SORT_LABELS[key]}
              </option>
            ))}
          </select>
        </span>
        {sort && (
          <button type="button" className="sort-direction" onClick={() => setSort({ ...sort, descending: !sort.descending })} aria-label={`Sorted ${sort.descending ? 'descending' : 'ascending'}: reverse`}>
            {sort.descending ? '↓ Descending' : '↑ Ascending'}
          </button>
        )}
      </div>
      {filtersOpen && <FilterFields id={id} people={people} />}
    </div>
  );
}

function FilterFields({ id, people }: { id: string; people: readonly string[] }) {
  const { filters, setFilters } = useListUi();
  const toggleSeverity = (severity: Severity) =>
    setFilters({ severities: filters.severities.includes(severity) ? filters.severities.filter((s) => s !== severity) : [...filters.severities, severity] });
  return (
    <div id={`${id}-filters`} className="list-filters" role="group" aria-label="Filters">
      <div className="filter-severities" role="group" aria-label="Severity">
        {SEVERITIES.map((severity, i) => (
          <button
            key={severity}
            type="button"
            className={`sev-toggle sev-toggle-${severity.slice(-1)}`}
            aria-pressed={filters.severities.includes(severity)}
            data-list-filter={i === 0 ? 'first' : undefined}
            onClick={() => toggleSeverity(severity)}
          >
            {severity}
          </button>
        ))}
      </div>
      <span className="list-filter">
        <label htmlFor={`${id}-phase`}>Phase</label>
        <select id={`${id}-phase`} value={filters.phase ?? ''} onChange={(e) => setFilters({ phase: isStatusPhase(e.target.value) ? e.target.value : null })}>
          <option value="">Any</option>
          {STATUS_PHASES.map((phase) => (
            <option key={phase} value={phase}>
              {STATUS_PHASE_LABELS[phase]}
            </option>
          ))}
        </select>
      </span>
      <span className="list-filter">
        <label htmlFor={`${id}-postmortem`}>Postmortem</label>
        <select
          id={`${id}-postmortem`}
          value={filters.postmortem ?? ''}
          onChange={(e) => setFilters({ postmortem: (POSTMORTEM_FILTERS as readonly string[]).includes(e.target.value) ? (e.target.value as PostmortemFilter) : null })}
        >
          <option value="">Any</option>
          {POSTMORTEM_FILTERS.map((state) => (
            <option key={state} value={state}>
              {POSTMORTEM_FILTER_LABELS[state]}
            </option>
          ))}
        </select>
      </span>
      <span className="list-filter">
        <label htmlFor={`${id}-person`}>IC or owner</label>
        <select id={`${id}-person`} value={filters.person ?? ''} onChange={(e) => setFilters({ person: e.target.value || null })}>
          <option value="">Anyone</option>
          {people.map((person) => (
            <option key={person} value={person}>
              {person}
            </option>
          ))}
        </select>
      </span>
      <fieldset className="filter-dates">
        <legend>Declared</legend>
        <label htmlFor={`${id}-from`}>from</label>
        <input id={`${id}-from`} type="date" value={filters.from ?? ''} max={filters.to ?? undefined} onChange={(e) => setFilters({ from: e.target.value || null })} />
        <label htmlFor={`${id}-to`}>to</label>
        <input id={`${id}-to`} type="date" value={filters.to ?? ''} min={filters.from ?? undefined} onChange={(e) => setFilters({ to: e.target.value || null })} />
      </fieldset>
      <span className="list-filter">
        <label htmlFor={`${id}-drills`}>Drills</label>
        <select id={`${id}-drills`} value={filters.drills} onChange={(e) => setFilters({ drills: e.target.value as DrillFilter })}>
          {(Object.keys(DRILL_LABELS) as DrillFilter[]).map((drills) => (
            <option key={drills} value={drills}>
              {DRILL_LABELS[drills]}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
