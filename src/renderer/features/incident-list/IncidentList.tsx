import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { INCIDENT_FILE_ACCEPT } from '../../../shared/incident/file-format';
import type { CatalogEntry } from '../../incidents/db';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { addNotice } from '../../stores/notices';
import { IncidentRow } from './IncidentRow';
import { NotePad } from './NotePad';
import { ListControls } from './ListControls';
import { groupCatalog, localYmd, peopleOf } from './list-query';
import { useListKeys } from './useListKeys';
import { useListUi } from '../../stores/list-ui';
import { useNow } from '../../components/useNow';
import { HandoversWaiting, useCommandedCount } from '../shift-change/HandoversWaiting';
import type { SharedSummary } from '../../incidents';
import { useNameCollisions, type NameCollisions } from './collisions';

export function IncidentList() {
  const catalog = useIncidents((s) => s.catalog);
  const damaged = useIncidents((s) => s.damagedIncidents);
  const shared = useIncidents((s) => s.shared);
  const { filters, sort } = useListUi();
  const collisions = useNameCollisions();
  const openDeclare = () => useUi.getState().openDialog('declare');
  const imports = useFileImport();
  const list = useRef<HTMLElement>(null);
  useListKeys(list);
  // Today changes at most once a minute for the postmortems' due dates; the list need not re-render every second for it.
  const today = localYmd(Math.floor(useNow() / 60_000) * 60_000);
  // The actions do not wait for the catalog: on a new machine the database is created first, and at 3 a.m. the
  // first thing to do is declare. The rows and the empty list's advice wait for it.
  const groups = useMemo(() => groupCatalog(catalog ?? [], { filters, sort, today, shared }), [catalog, filters, sort, today, shared]);
  const people = useMemo(() => peopleOf(catalog ?? []), [catalog]);
  const rows = { damaged, shared };
  const commanded = useCommandedCount();
  useWarmSearch(!!catalog?.length);
  return (
    <section
      ref={list}
      className={`incident-list${imports.dropping ? ' dropping' : ''}`}
      aria-label="Incidents"
      onDragOver={imports.onDragOver}
      onDragLeave={imports.onDragLeave}
      onDrop={imports.onDrop}
    >
      <div className="list-head">
        <h1>Incidents</h1>
        <div className="list-actions">
          <input
            ref={imports.input}
            type="file"
            accept={INCIDENT_FILE_ACCEPT}
            multiple
            hidden
            aria-label="Incident file to import"
            onChange={imports.onPicked}
          />
          <button
            onClick={() => imports.input.current?.click()}
            disabled={imports.busy}
            title="Import an incident exported on another machine; a copy of an incident already here is merged into it"
          >
            {imports.busy ? 'Importing…' : 'Import incident file…'}
          </button>
          <button onClick={() => useUi.getState().navigate({ view: 'metrics' })}>Metrics</button>
          <button onClick={() => useUi.getState().openDialog('join')}>Join shared incident…</button>
          {commanded > 0 && (
            <button onClick={() => useUi.getState().openDialog('shift-change')} aria-keyshortcuts="H" title="Shift change: hand over every incident you command to the incoming IC, each with its briefing">
              Hand over my incidents…
            </button>
          )}
          <button className="primary" onClick={openDeclare} aria-keyshortcuts="Control+Shift+D">
            Declare incident
          </button>
        </div>
      </div>
      <HandoversWaiting />
      {catalog === null ? <p className="muted">Loading incidents…</p> : catalog.length === 0 && <EmptyList />}
      {!!catalog?.length && <ListControls people={people} hidden={groups.hidden} />}
      {groups.active.length > 0 && <IncidentGroup title="Active" entries={groups.active} {...rows} collisions={collisions} />}
      <NotePad />
      {groups.ended.length > 0 && <IncidentGroup title="Ended" entries={groups.ended} {...rows} collisions={collisions} />}
      {groups.drills.length > 0 && <IncidentGroup title="Drills" label="Drills" entries={groups.drills} {...rows} collisions={collisions} />}
    </section>
  );
}

/**
 * Starts the search worker once the list is on screen and the app is idle,
 * so the index is built before the first search rather than during it.
 */
function useWarmSearch(anything: boolean) {
  useEffect(() => {
    if (!anything) return;
    const start = () => void import('../search/search-client').then((client) => client.warmSearch()).catch(() => undefined);
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(start, { timeout: 3000 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(start, 500);
    return () => clearTimeout(timer);
  }, [anything]);
}

/**
 * Importing incident files: picked with the (hidden) file input, which the
 * import button opens, or dropped anywhere on the list. Files are imported
 * one after the other; each one's outcome is a notice.
 */
function useFileImport() {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [dropping, setDropping] = useState(false);

  async function run(files: File[]) {
    if (!files.length) return;
    setBusy(true);
    try {
      // The importer comes with the incident machinery, which the list does not load at start-up.
      const importer = await import('../../incidents/incident-files').catch((error: unknown) => {
        addNotice('error', `The incident files were not imported: part of Command Post did not load (${String(error)}). Check that Command Post is still running, then reload it: what is saved stays.`);
      });
      await importer?.importIncidentFiles(files);
    } finally {
      setBusy(false);
    }
  }

  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return {
    input,
    busy,
    dropping,
    onPicked() {
      const files = Array.from(input.current?.files ?? []);
      // Cleared so that picking the same file again is a change too.
      if (input.current) input.current.value = '';
      void run(files);
    },
    onDragOver(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDropping(true);
    },
    onDragLeave(event: DragEvent) {
      if (event.currentTarget === event.target) setDropping(false);
    },
    onDrop(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDropping(false);
      if (!busy) void run(Array.from(event.dataTransfer.files));
    },
  };
}

function IncidentGroup({
  title,
  label = `${title} incidents`,
  entries,
  damaged,
  shared,
  collisions,
}: {
  title: string;
  label?: string;
  entries: CatalogEntry[];
  damaged: ReadonlySet<string>;
  shared: ReadonlyMap<string, SharedSummary>;
  collisions: NameCollisions;
}) {
  return (
    <section aria-label={label}>
      <h2>
        {title} <span className="count">{entries.length}</span>
      </h2>
      <ul className="incident-rows">
        {entries.map((entry) => (
          <IncidentRow key={entry.id} entry={entry} damaged={damaged.has(entry.id)} shared={shared.get(entry.id)} sharing={collisions.get(entry.id)} />
        ))}
      </ul>
    </section>
  );
}

/**
 * The first screen of a new user: what to do, in two lines, and a practice
 * incident (a drill) to try everything on without declaring a real one.
 */
function EmptyList() {
  return (
    <div className="empty">
      <p>
        <strong>No incidents on this machine yet.</strong> When something is wrong, declare one with <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+
        <kbd>D</kbd>: a name, a severity and one line are enough to start.
      </p>
      <p className="muted">Helping with someone else&apos;s incident? Join it with their invite, or import its file (or drop it here).</p>
      <button type="button" className="practice" onClick={() => useUi.getState().openDialog('practice')}>
        Start a practice incident
      </button>
    </div>
  );
}
