import { SEVERITY_LEVELS, type Severity } from '../../../shared/ics/severity';
import { CommandError, type IncidentHeader as Header } from '../../../shared/incident';
import { formatDateTime, formatElapsed } from '../../components/format';
import { useNow } from '../../components/useNow';
import { toggleCuePanel } from '../../app/intents';
import { useUi } from '../../stores/ui';
import { ClockSkewWarning } from '../sync/ClockSkewWarning';
import { NotInSyncWarning } from '../sync/NotInSyncWarning';
import { SyncIndicator } from '../sync/SyncIndicator';
import { LanSharePill } from '../sync/LanSharePill';
import { SaveIndicator } from './SaveIndicator';
import { MembersButton } from '../members/MembersButton';
import { commands } from '../../incidents/commands';
import { exportOpenIncident } from '../../incidents/incident-files';
import { addNotice } from '../../stores/notices';
import { DrillClockPill } from '../drills/DrillClockPill';

/** `loading`: the stored first view is shown while the doc loads; nothing can act on it yet. */
export function IncidentHeader({ header, readOnly, loading = false }: { header: Header; readOnly: boolean; loading?: boolean }) {
  const ended = header.state === 'ended';
  return (
    <header className={`incident-header${ended ? ' ended' : ''}`}>
      <div className="incident-title">
        <a href="#/" className="back" aria-label="Back to incidents" aria-keyshortcuts="Control+Shift+H">
          ←
        </a>
        <h1 {...{ elementtiming: 'incident-name' }} title={header.formerNames ? `Formerly ${header.formerNames.join(', ')}` : undefined}>
          {header.name}
        </h1>
        {!readOnly && !loading && (
          <button className="rename-button" title="Give the incident a new name; the rename is logged with the old one" onClick={() => useUi.getState().openDialog('rename')}>
            Rename…
          </button>
        )}
        {header.drill && <span className="pill drill">Drill</span>}
        {header.drill && !ended && <DrillClockPill />}
        <span className={`pill state-${header.state}`}>{ended ? 'Ended' : 'Wartime'}</span>
        <SeveritySelect header={header} disabled={readOnly || loading} />
        <IncidentClock header={header} />
        <SaveIndicator />
        <SyncIndicator readOnly={readOnly || loading} />
        <LanSharePill />
        {!loading && <MembersButton />}
        <CueCardsToggle />
        <button
          className="export-button"
          aria-label="Export incident file"
          title="Save this incident as a file, to import it on another machine"
          disabled={loading}
          onClick={() => void exportOpenIncident()}
        >
          Export
        </button>
        {!readOnly && !loading && (
          <button className="danger end-button" onClick={() => useUi.getState().openDialog('end')}>
            Declare end…
          </button>
        )}
      </div>
      <p className="synopsis">{header.synopsis}</p>
      {/* Apart from the declaration's line, which a phone hides: the name said on the call must stay findable there too. */}
      {header.formerNames && <p className="former-names muted">Formerly {header.formerNames.join(', ')}</p>}
      {header.umbrella && (
        <p className="umbrella-line">
          Part of the umbrella response <a href={`#/incident/${header.umbrella.id}`}>{header.umbrella.name}</a>
        </p>
      )}
      {header.children?.length ? <p className="umbrella-line">Umbrella response over {header.children.map((c) => c.name).join(', ')} (Status tab)</p> : null}
      <p className="declared muted">
        Declared {formatDateTime(header.declaredAt)} by {header.declaredBy}
        {header.endedAt !== null && ` · Ended ${formatDateTime(header.endedAt)} by ${header.endedBy}`}
      </p>
      <NotInSyncWarning />
      <ClockSkewWarning />
    </header>
  );
}

function IncidentClock({ header }: { header: Header }) {
  const now = useNow();
  const end = header.endedAt ?? now;
  return (
    <span className="clock" role="timer" aria-label={header.endedAt ? 'Incident duration' : 'Time since declaration'}>
      {formatElapsed(end - header.declaredAt)}
    </span>
  );
}

function SeveritySelect({ header, disabled }: { header: Header; disabled: boolean }) {
  function change(to: Severity) {
    try {
      commands.changeSeverity({ to });
    } catch (caught) {
      addNotice('error', caught instanceof CommandError ? caught.message : String(caught));
    }
  }
  return (
    <select
      className={`sev-select sev-${header.severity.slice(-1)}`}
      aria-label="Severity"
      value={header.severity}
      disabled={disabled}
      onChange={(e) => change(e.target.value as Severity)}
    >
      {SEVERITY_LEVELS.map((level) => (
        <option key={level.id} value={level.id} title={level.meaning}>
          {level.id}
        </option>
      ))}
    </select>
  );
}

function CueCardsToggle() {
  const open = useUi((s) => s.cuePanelOpen);
  return (
    <button className="cue-toggle" aria-pressed={open} aria-keyshortcuts="Alt+C" title="The IC's call phrases, each with a key to log what happened (Alt+C)" onClick={toggleCuePanel}>
      Cue cards
    </button>
  );
}
