import { useState, type FormEvent } from 'react';
import { MAX_EVENT_TEXT } from '../../../shared/incident';
import { Modal } from '../../components/Modal';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { FormFooter } from '../../components/FormFooter';
import { ActingFor } from '../attribution/ActingFor';
import { useRefusal } from '../../components/useRefusal';
import { commands } from '../../incidents/commands';

/** The end of an incident is declared explicitly, with a time, like its start. */
export function EndDialog() {
  const name = useIncidents((s) => s.snapshot?.header?.name ?? 'this incident');
  const close = () => useUi.getState().openDialog(null);
  const [summary, setSummary] = useState('');
  const { refusal, tryCommand } = useRefusal();

  function submit(event: FormEvent) {
    event.preventDefault();
    // The end is announced to the same people as the start: the closing notice comes next.
    if (tryCommand(() => commands.declareEnd({ summary }))) useUi.getState().openDialog('closing');
  }

  return (
    <Modal title={`Declare the end of ${name}`} onClose={close}>
      <form onSubmit={submit} className="form">
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
