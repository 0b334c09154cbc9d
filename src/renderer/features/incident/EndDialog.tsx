import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_EVENT_TEXT, STATUS_PHASE_LABELS } from '../../../shared/incident';
import { Modal } from '../../components/Modal';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { FormFooter } from '../../components/FormFooter';
import { ActingFor } from '../attribution/ActingFor';
import { useRefusal } from '../../components/useRefusal';
import { commands } from '../../incidents/commands';

/** The key, inside this dialog, that answers its question (the tabs' Alt keys rest while a dialog is open). */
const RESOLVE_KEY = 'R';

/**
 * The end of an incident is declared explicitly, with a time, like its
 * start. While the status document is not at Resolved, the dialog asks
 * whether to move it there first (yes by default; Alt+R answers): ended
 * at Investigating, the observer's view and the closing notice would
 * otherwise have to say that the response ended with the service still
 * not back, and the notice then asks what is still being watched.
 */
export function EndDialog() {
  const name = useIncidents((s) => s.snapshot?.header?.name ?? 'this incident');
  const phase = useIncidents((s) => s.snapshot?.status.phase ?? 'resolved');
  const close = () => useUi.getState().openDialog(null);
  const [summary, setSummary] = useState('');
  const [resolve, setResolve] = useState(true);
  const { refusal, tryCommand } = useRefusal();
  const asking = phase !== 'resolved';

  function submit(event: FormEvent) {
    event.preventDefault();
    // The end is announced to the same people as the start: the closing notice comes next.
    const ended = tryCommand(() => (asking && resolve ? commands.resolveAndEnd({ summary }) : commands.declareEnd({ summary })));
    if (ended) useUi.getState().openDialog('closing');
  }

  function onKeyDown(event: KeyboardEvent) {
    // By the physical key: Option+R types a character on a Mac.
    if (asking && event.altKey && !event.ctrlKey && !event.metaKey && event.code === `Key${RESOLVE_KEY}`) {
      event.preventDefault();
      setResolve((r) => !r);
    }
  }

  return (
    <Modal title={`Declare the end of ${name}`} onClose={close}>
      <form onSubmit={submit} onKeyDown={onKeyDown} className="form">
        <ActingFor />
        <p>
          The incident leaves wartime: its timeline closes and the end is logged with the time and your name. This
          cannot be undone. Next comes the closing notice, for everyone who was told at the start.
        </p>
        <label>
          Closing summary (optional)
          <textarea
            name="summary"
            value={summary}
            maxLength={MAX_EVENT_TEXT}
            rows={3}
            data-autofocus
            placeholder="How it ended: mitigated, resolved, monitoring…"
            onChange={(e) => setSummary(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            }}
          />
        </label>
        {asking && (
          <fieldset className="end-phase">
            <legend>The status document still says {STATUS_PHASE_LABELS[phase]}</legend>
            <label className="inline">
              <input type="checkbox" checked={resolve} aria-keyshortcuts={`Alt+${RESOLVE_KEY}`} onChange={(e) => setResolve(e.target.checked)} />
              Move it to Resolved first: service is back to normal <kbd aria-hidden="true">Alt+{RESOLVE_KEY}</kbd>
            </label>
            <small className="muted">
              {resolve
                ? 'The phase change is logged just before the end.'
                : `Left at ${STATUS_PHASE_LABELS[phase]}: the closing notice will not say service is back, and asks what is still being watched.`}
            </small>
          </fieldset>
        )}
        <FormFooter
          error={refusal}
          onCancel={close}
          submit={
            <button type="submit" className="danger">
              Declare end of incident
            </button>
          }
        />
      </form>
    </Modal>
  );
}
