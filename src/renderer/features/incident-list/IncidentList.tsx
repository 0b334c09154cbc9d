import { useRef, useState, type DragEvent } from 'react';
import { INCIDENT_FILE_ACCEPT } from '../../../shared/incident';
import { SeverityBadge } from '../../components/SeverityBadge';
import { formatDateTime, formatElapsed } from '../../components/format';
import { useNow } from '../../components/useNow';
import type { CatalogEntry } from '../../incidents/db';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { importIncidentFiles } from '../../incidents/incident-files';

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
  const openDeclare = () => useUi.getState().openDialog('declare');
  const imports = useFileImport();
  if (!catalog) return <p className="muted">Loading incidents…</p>;
  const { active, ended } = orderCatalog(catalog);
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
      {catalog.length === 0 && (
        <div className="empty">
          <p>No incidents on this machine yet.</p>
          <p className="muted">
            Declare one when something is wrong: a name, a severity and one line are enough to start. Press{' '}
            <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>D</kbd> from anywhere in the app.
          </p>
          <p className="muted">To continue an incident from another machine, import its incident file or drop it here.</p>
        </div>
      )}
      {active.length > 0 && <IncidentGroup title="Active" entries={active} damaged={damaged} />}
      {ended.length > 0 && <IncidentGroup title="Ended" entries={ended} damaged={damaged} />}
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
      await importIncidentFiles(files);
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

function IncidentGroup({ title, entries, damaged }: { title: string; entries: CatalogEntry[]; damaged: ReadonlySet<string> }) {
  return (
    <section aria-label={`${title} incidents`}>
      <h2>
        {title} <span className="count">{entries.length}</span>
      </h2>
      <ul className="incident-rows">
        {entries.map((entry) => (
          <IncidentRow key={entry.id} entry={entry} damaged={damaged.has(entry.id)} />
        ))}
      </ul>
    </section>
  );
}

function IncidentRow({ entry, damaged }: { entry: CatalogEntry; damaged: boolean }) {
  const now = useNow();
  const ended = entry.state === 'ended';
  return (
    <li className={`incident-row${ended ? ' ended' : ''}`}>
      <a href={`#/incident/${entry.id}`} aria-label={`${entry.name}, ${entry.severity}, ${ended ? 'ended' : 'active'}${entry.drill ? ', drill' : ''}`}>
        <SeverityBadge severity={entry.severity} />
        <span className="incident-name">{entry.name}</span>
        {entry.drill && <span className="pill drill">Drill</span>}
        {damaged && <span className="pill damaged">Damaged data</span>}
        <span className="incident-synopsis">{entry.synopsis}</span>
        <span className="incident-when">
          {ended
            ? `Ended ${formatDateTime(entry.endedAt ?? entry.lastChangeAt)}`
            : `Declared ${formatDateTime(entry.declaredAt)} · ${formatElapsed(now - entry.declaredAt)}`}
        </span>
      </a>
    </li>
  );
}
