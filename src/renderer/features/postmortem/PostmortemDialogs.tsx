import { useRef, useState, type RefObject } from 'react';
import { MAX_PERSON } from '../../../shared/incident';
import { useIdentity } from '../../incidents/identity-store';
import { MAX_DUE_BUSINESS_DAYS } from '../../../shared/ics/business-days';
import { SEVERITIES, type Severity } from '../../../shared/ics/severity';
import type { IncidentSnapshot } from '../../../shared/incident';
import { CloseFooter } from '../../components/CloseFooter';
import { FormError } from '../../components/FormError';
import { FormFooter } from '../../components/FormFooter';
import { Modal } from '../../components/Modal';
import { zoneName } from '../../components/format';
import { incidentNow } from '../../incidents/clock';
import { usePostmortemUi } from '../../stores/postmortem';
import { useRefusal } from '../../components/useRefusal';
import { DialogForm } from '../../components/DialogForm';
import { toLocalInput } from '../status/StatusView';
import { DRILL_EXPORT, EXPORT_FORMATS, exportProblem, saveExport, TOOL_EXPORTS } from './export-files';
import { useDrill } from '../../stores/drill';
import type { ExportFormat } from './export-content';
import { OwnerFields } from './OwnerFields';
import { commands } from '../../incidents/commands';
import { addNotice } from '../../stores/notices';

const close = () => usePostmortemUi.getState().open(null);

/** The Postmortem tab's open dialog, if any. */
export function PostmortemDialogs({ snapshot, readOnly }: { snapshot: IncidentSnapshot; readOnly: boolean }) {
  const dialog = usePostmortemUi((s) => s.dialog);
  if (dialog === 'export') return <ExportDialog snapshot={snapshot} />;
  if (readOnly) return null;
  if (dialog === 'owner') return <OwnerDialog snapshot={snapshot} />;
  if (dialog === 'meeting') return <MeetingDialog snapshot={snapshot} />;
  return null;
}

/** The owner and due date, and the business days each severity gives (this incident's policy). */
function OwnerDialog({ snapshot }: { snapshot: IncidentSnapshot }) {
  const policy = snapshot.postmortem.policy;
  const [days, setDays] = useState<Record<Severity, string>>(() => Object.fromEntries(SEVERITIES.map((s) => [s, String(policy[s])])) as Record<Severity, string>);
  const { refusal, tryCommand } = useRefusal();
  function savePolicy() {
    const saved = tryCommand(() =>
      commands.setPostmortemPolicy(Object.fromEntries(SEVERITIES.map((s) => [s, days[s].trim() === '' ? Number.NaN : Number(days[s])])) as Record<Severity, number>),
    );
    if (saved) addNotice('info', 'Due-date policy saved for this incident.');
  }
  return (
    <Modal title="Postmortem owner and due date" onClose={close}>
      <div className="form">
        <OwnerFields snapshot={snapshot} onAssigned={close} autoFocus />
        <details className="pm-policy">
          <summary>Due-date policy: business days after the end, by severity</summary>
          <div className="pm-policy-days">
            {SEVERITIES.map((s) => (
              <label key={s}>
                {s}
                <input type="number" min={0} max={MAX_DUE_BUSINESS_DAYS} value={days[s]} onChange={(e) => setDays({ ...days, [s]: e.target.value })} />
              </label>
            ))}
          </div>
          <p className="muted">Saturdays and Sundays do not count. PagerDuty's defaults: SEV-1 3 days, SEV-2 5.</p>
          <FormError message={refusal} />
          <button type="button" onClick={savePolicy}>
            Save policy
          </button>
        </details>
        <CloseFooter onClose={close} />
      </div>
    </Modal>
  );
}

/** A sensible first proposal: the working day before the due date (or tomorrow), at 14:00 here. */
function proposedMeeting(snapshot: IncidentSnapshot): number {
  const due = snapshot.postmortem.dueDate;
  const base = due ? new Date(`${due}T14:00`) : new Date(incidentNow() + 86_400_000);
  if (!due) base.setHours(14, 0, 0, 0);
  return base.getTime();
}

/** Schedules the postmortem meeting (or moves it); the calendar file follows every change. */
function MeetingDialog({ snapshot }: { snapshot: IncidentSnapshot }) {
  const meeting = snapshot.postmortem.meeting;
  const [at, setAt] = useState(() => toLocalInput(meeting?.at ?? proposedMeeting(snapshot)));
  const [minutes, setMinutes] = useState(String(meeting?.minutes ?? 30));
  const [where, setWhere] = useState(meeting?.where ?? '');
  const { refusal, tryCommand } = useRefusal();
  function save() {
    const scheduled = tryCommand(() => {
      const time = new Date(at).getTime();
      commands.schedulePostmortemMeeting({ at: Number.isFinite(time) ? time : Number.NaN, minutes: minutes.trim() === '' ? Number.NaN : Number(minutes), where });
    });
    if (!scheduled) return;
    close();
    addNotice('info', 'Postmortem meeting scheduled. Export it as a calendar file with e.');
  }
  return (
    <Modal title="Postmortem meeting" onClose={close}>
      <DialogForm onSubmit={save}>
        <p className="muted">Schedule it before the draft is done, so it is on the calendar. Invite the IC, the responders, and the owners of the services involved.</p>
        <label>
          Starts ({zoneName()})
          <input type="datetime-local" value={at} data-autofocus onChange={(e) => setAt(e.target.value)} />
        </label>
        <label>
          Length (minutes)
          <input type="number" min={5} max={480} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
        <label>
          Where (a room or a call link)
          <input value={where} maxLength={300} onChange={(e) => setWhere(e.target.value)} />
        </label>
        <FormFooter error={refusal} onCancel={close} submit={meeting ? 'Move the meeting' : 'Schedule'} />
      </DialogForm>
    </Modal>
  );
}

/**
 * Every file the postmortem can be saved as, each with what it is for; one
 * that cannot be made yet says why. Each file says who exported it: with no
 * name set on this machine yet, the dialog asks for it first (Enter saves
 * it, and focus goes on to the first file). Then the files for other tools
 * (the action items for a tracker, the timeline), which name nobody; the
 * public status is saved from the Status tab, which asks for its components.
 */
/** One file of the export dialog: its button, and what it holds (or why it cannot be made yet). */
function ExportChoice({
  format,
  snapshot,
  problem,
  button = {},
}: {
  format: { readonly format: ExportFormat; readonly label: string; readonly what: string };
  snapshot: IncidentSnapshot;
  problem: string | null;
  button?: { ref?: RefObject<HTMLButtonElement | null>; 'data-autofocus'?: true };
}) {
  return (
    <li>
      <button type="button" {...button} disabled={!!problem} aria-describedby={`pm-export-${format.format}`} onClick={() => void saveExport(format.format, snapshot)}>
        {format.label}
      </button>{' '}
      <span className="muted" id={`pm-export-${format.format}`}>
        {problem ?? format.what}
      </span>
    </li>
  );
}

function ExportDialog({ snapshot }: { snapshot: IncidentSnapshot }) {
  const name = useIdentity((s) => s.name);
  const first = useRef<HTMLButtonElement>(null);
  const unnamed = !name.trim();
  const scripted = useDrill((s) => s.drill !== null);
  return (
    <Modal title="Export the postmortem" onClose={close}>
      <div className="form">
        {unnamed && <ExporterName onSaved={() => requestAnimationFrame(() => first.current?.focus())} />}
        <ul className="pm-exports">
          {EXPORT_FORMATS.map((f, i) => (
            <ExportChoice
              key={f.format}
              format={f}
              snapshot={snapshot}
              problem={unnamed ? 'Give your name first: every file says who exported it.' : exportProblem(f.format, snapshot)}
              button={i === 0 ? { ref: first, 'data-autofocus': !unnamed || undefined } : {}}
            />
          ))}
          {scripted && (
            <ExportChoice
              format={DRILL_EXPORT}
              snapshot={snapshot}
              problem={unnamed ? 'Give your name first: every file says who exported it.' : exportProblem(DRILL_EXPORT.format, snapshot)}
            />
          )}
        </ul>
        <h3 className="pm-exports-heading">For other tools</h3>
        <ul className="pm-exports">
          {TOOL_EXPORTS.filter((f) => f.format !== 'statuspage').map((f) => (
            <ExportChoice key={f.format} format={f} snapshot={snapshot} problem={exportProblem(f.format, snapshot)} />
          ))}
        </ul>
        <CloseFooter onClose={close} />
      </div>
    </Modal>
  );
}

/** The exporter's name, asked for before the first export from a machine that never had one. */
function ExporterName({ onSaved }: { onSaved: () => void }) {
  const setName = useIdentity((s) => s.setName);
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <DialogForm
      onSubmit={() => {
        if (saving) return;
        if (!value.trim()) {
          setError('Type your name: the exported files say who made them.');
          return;
        }
        setSaving(true);
        void setName(value).then(() => {
          setSaving(false);
          onSaved();
        });
      }}
    >
      <label>
        Your name, for "exported by"
        <input value={value} maxLength={MAX_PERSON} data-autofocus autoComplete="name" onChange={(e) => setValue(e.target.value)} />
      </label>
      <FormError message={error} />
      <button type="submit" className="primary" disabled={saving}>
        Save name
      </button>
    </DialogForm>
  );
}
