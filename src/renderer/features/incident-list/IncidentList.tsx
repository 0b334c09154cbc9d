import { useRef, useState, type DragEvent } from 'react';
import { INCIDENT_FILE_ACCEPT } from '../../../shared/incident/file-format';
import type { CatalogEntry } from '../../incidents/db';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { addNotice } from '../../stores/notices';
import { IncidentRow } from './IncidentRow';
import { NotePad } from './NotePad';
import { useNameCollisions, type NameCollisions } from './collisions';

/** Active incidents first (most severe, then newest), then ended ones (newest first). */
export function orderCatalog(entries: readonly CatalogEntry[]): { active: CatalogEntry[]; ended: CatalogEntry[] } {
  const active = entries
    .filter((e) => e.state === 'active')
    .sort((a, b) => a.severity.localeCompare(b.severity) || b.declaredAt - a.declaredAt);
  const ended = entries.filter((e) => e.state === 'ended').sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
  return { active, ended };
}

export function IncidentList() {
  const catalog = useIncidents((s) => s.catalog);
  const damaged = useIncidents((s) => s.damagedIncidents);
  const collisions = useNameCollisions();
  const openDeclare = () => useUi.getState().openDialog('declare');
  const imports = useFileImport();
  // The actions do not wait for the catalog: on a new machine the database is created first, and at 3 a.m. the
  // first thing to do is declare. The rows and the empty list's advice wait for it.
  const { active, ended } = orderCatalog(catalog ?? []);
  return (
    <section
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
          <button onClick={() => useUi.getState().openDialog('join')}>Join shared incident…</button>
          <button className="primary" onClick={openDeclare} aria-keyshortcuts="Control+Shift+D">
            Declare incident
          </button>
        </div>
      </div>
      {catalog === null ? <p className="muted">Loading incidents…</p> : catalog.length === 0 && <EmptyList />}
      {active.length > 0 && <IncidentGroup title="Active" entries={active} damaged={damaged} collisions={collisions} />}
      <NotePad />
      {ended.length > 0 && <IncidentGroup title="Ended" entries={ended} damaged={damaged} collisions={collisions} />}
    </section>
  );
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

function IncidentGroup({ title, entries, damaged, collisions }: { title: string; entries: CatalogEntry[]; damaged: ReadonlySet<string>; collisions: NameCollisions }) {
  return (
    <section aria-label={`${title} incidents`}>
      <h2>
        {title} <span className="count">{entries.length}</span>
      </h2>
      <ul className="incident-rows">
        {entries.map((entry) => (
          <IncidentRow key={entry.id} entry={entry} damaged={damaged.has(entry.id)} sharing={collisions.get(entry.id)} />
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
