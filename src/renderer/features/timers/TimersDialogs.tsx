import { useState } from 'react';
import { SEVERITIES } from '../../../shared/ics/severity';
import type { PlanView } from '../../../shared/incident/plan-view';
import { FormFooter } from '../../components/FormFooter';
import { Modal } from '../../components/Modal';
import { useTimersUi } from '../../stores/timers-ui';
import { useRefusal } from '../../components/useRefusal';
import { DialogForm } from '../../components/DialogForm';
import { MinutesField } from '../plan/dialogs/MinutesField';
import { commands } from '../../incidents/commands';

/** The Timers tab's open dialog, if any. */
export function TimersDialogs({ plan }: { plan: PlanView }) {
  const dialog = useTimersUi((s) => s.dialog);
  if (dialog === 'timer') return <NewTimerDialog />;
  if (dialog === 'cadence') return <CadenceDialog plan={plan} />;
  return null;
}

/** Runs a command from a dialog: closes it, or keeps it open with the domain's reason. */
function useDialogCommand(): { refusal: string | null; run: (command: () => unknown) => void; close: () => void } {
  const { refusal, tryCommand } = useRefusal();
  const close = () => useTimersUi.getState().close();
  return {
    refusal,
    close,
    run(command) {
      if (tryCommand(command)) close();
    },
  };
}

/** A custom timer: "Vendor promised a call back", in 15 minutes. Every peer sees the same deadline. */
function NewTimerDialog() {
  const [label, setLabel] = useState('');
  const [minutes, setMinutes] = useState('15');
  const { refusal, run, close } = useDialogCommand();
  return (
    <Modal title="New timer" onClose={close}>
      <DialogForm onSubmit={() => run(() => commands.startTimer({ label, minutes: Number(minutes) }))}>
        <label>
          Label
          <input value={label} data-autofocus placeholder="Vendor promised a call back" onChange={(e) => setLabel(e.target.value)} />
        </label>
        <MinutesField label="Minutes from now" value={minutes} onChange={setMinutes} />
        <FormFooter error={refusal} onCancel={close} submit="Start timer" />
      </DialogForm>
    </Modal>
  );
}

/**
 * How often the IC gives a status update, per severity, and how often the
 * response reviews its plan. Logged, and the same on every peer.
 */
function CadenceDialog({ plan }: { plan: PlanView }) {
  const [status, setStatus] = useState<Record<string, string>>(() =>
    Object.fromEntries(SEVERITIES.map((sev) => [sev, String(plan.statusMinutes[sev] ?? '')])),
  );
  const [review, setReview] = useState(String(plan.reviewMinutes));
  const { refusal, run, close } = useDialogCommand();
  function submit() {
    const statusMinutes = Object.fromEntries(SEVERITIES.map((sev) => [sev, Number(status[sev])]));
    run(() => commands.setCadence({ statusMinutes, reviewMinutes: Number(review) }));
  }
  return (
    <Modal title="Update cadence" onClose={close}>
      <DialogForm onSubmit={submit}>
        <fieldset className="cadence-fields">
          <legend>Status update every … minutes</legend>
          {SEVERITIES.map((sev, i) => (
            <MinutesField
              key={sev}
              label={sev}
              value={status[sev] ?? ''}
              autoFocus={i === 0}
              onChange={(value) => setStatus((s) => ({ ...s, [sev]: value }))}
            />
          ))}
        </fieldset>
        <MinutesField label="Review the plan every … minutes" value={review} onChange={setReview} />
        <FormFooter error={refusal} onCancel={close} submit="Save cadence" />
      </DialogForm>
    </Modal>
  );
}
