import { Command } from 'cmdk';
import { useEffect, useMemo } from 'react';
import { Modal } from '../../components/Modal';
import { SeverityBadge } from '../../components/SeverityBadge';
import { formatDateTime } from '../../components/format';
import { count } from '../../../shared/plural';
import type { CatalogEntry } from '../../incidents/db';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { useTimelineUi } from '../../stores/timeline-ui';
import { search, useSearch } from './search-client';
import type { SearchHit } from './search-protocol';
import './search.css';

/**
 * Search across every incident on this machine (Ctrl+Shift+F): timeline
 * entries, status documents, postmortems, action items and incident names,
 * answered as each key is typed. Results are grouped by incident, the
 * active ones first; Enter opens the incident at what was found (the
 * entry selected in its timeline, or its status or postmortem tab). Built
 * on cmdk like the command palette, so the input is a combobox over a
 * listbox and the arrow keys move through the results.
 */
export function SearchDialog() {
  const close = () => useUi.getState().openDialog(null);
  const state = useSearch();
  const catalog = useIncidents((s) => s.catalog);
  const groups = useMemo(() => groupHits(state.hits, catalog ?? []), [state.hits, catalog]);
  // Typed before the dialog opened (or kept from the last search): asked again, the index may have grown since.
  useEffect(() => {
    if (useSearch.getState().text) search(useSearch.getState().text);
  }, []);
  function open(hit: SearchHit) {
    close();
    const ui = useUi.getState();
    if (hit.place === 'entry') useTimelineUi.getState().revealEntry(hit.incidentId, hit.key);
    ui.showIncidentTab(hit.place === 'entry' || hit.place === 'incident' ? 'timeline' : hit.place === 'status' ? 'status' : 'postmortem');
    ui.navigate({ view: 'incident', id: hit.incidentId });
  }
  const building = state.totalIncidents > 0 && state.indexedIncidents < state.totalIncidents;
  return (
    <Modal title="Search all incidents" onClose={close} wide>
      {/* What the results answer, for the search benchmark (bench/search.mjs) to time a key to its results on screen. */}
      <span hidden data-answered-for={state.answered ? state.text : undefined} data-search-ms={state.searchMs ?? undefined} />
      <Command label="Search all incidents" className="palette incident-search" shouldFilter={false} loop>
        <Command.Input
          className="palette-input"
          placeholder="Words from an entry, a status, a postmortem or a name…"
          value={state.text}
          onValueChange={search}
          maxLength={200}
          data-autofocus
        />
        <p className="search-summary muted" role="status">
          {summary(state, building)}
        </p>
        <Command.List className="palette-list search-results" label="Results">
          {groups.map(({ incident, hits }) => (
            <Command.Group key={incident.id} heading={<GroupHeading incident={incident} shown={hits.length} />}>
              {hits.map((hit) => (
                <Command.Item key={hit.id} value={hit.id} onSelect={() => open(hit)} className={hit.struck ? 'struck' : undefined}>
                  <span className="search-hit-label">{hit.label}</span>
                  <span className="search-hit-text">
                    {hit.parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                  </span>
                  <span className="search-hit-meta muted">
                    {hit.who && `${hit.who} · `}
                    {formatDateTime(hit.at)}
                  </span>
                </Command.Item>
              ))}
            </Command.Group>
          ))}
        </Command.List>
      </Command>
    </Modal>
  );
}

function GroupHeading({ incident, shown }: { incident: CatalogEntry; shown: number }) {
  return (
    <span className="search-group">
      <SeverityBadge severity={incident.severity} />
      <strong>{incident.name}</strong>
      {incident.drill && <span className="pill drill">Drill</span>}
      <span className="muted">
        {incident.state === 'ended' ? 'ended' : 'active'} · {count(shown, 'match', 'matches')}
      </span>
    </span>
  );
}

function summary(state: ReturnType<typeof useSearch.getState>, building: boolean): string {
  if (state.failure) return state.failure;
  const progress = building ? ` Still reading incidents: ${state.indexedIncidents} of ${state.totalIncidents}.` : '';
  if (!state.text.trim()) return `Type to search ${state.totalIncidents ? count(state.totalIncidents, 'incident') : 'every incident'} on this machine.${progress}`;
  if (!state.answered && !state.hits.length) return `Searching…${progress}`;
  if (!state.hits.length) return `Nothing found for “${state.text.trim()}”. Every word must appear; try fewer or shorter words.${progress}`;
  const shown = count(state.hits.length, 'result');
  return `${state.more ? `The first ${shown}: add a word to narrow them.` : `${shown}.`} Enter opens the incident there.${progress}`;
}

interface HitGroup {
  readonly incident: CatalogEntry;
  readonly hits: SearchHit[];
}

/** Results by incident, the active ones first, then the most recently changed; within one, newest first. */
export function groupHits(hits: readonly SearchHit[], catalog: readonly CatalogEntry[]): HitGroup[] {
  const byId = new Map(catalog.map((entry) => [entry.id, entry]));
  const groups = new Map<string, HitGroup>();
  for (const hit of hits) {
    const incident = byId.get(hit.incidentId);
    if (!incident) continue;
    let group = groups.get(hit.incidentId);
    if (!group) groups.set(hit.incidentId, (group = { incident, hits: [] }));
    group.hits.push(hit);
  }
  for (const group of groups.values()) group.hits.sort((a, b) => b.at - a.at);
  return [...groups.values()].sort(
    (a, b) => (a.incident.state === b.incident.state ? 0 : a.incident.state === 'active' ? -1 : 1) || b.incident.lastChangeAt - a.incident.lastChangeAt,
  );
}
