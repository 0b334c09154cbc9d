import { useState } from 'react';
import type { ChangeState } from '../../../../shared/incident/plan-fold';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { usePlanUi } from '../../../stores/plan-ui';
import { useRefusal } from '../../../components/useRefusal';
import { DialogForm } from '../../../components/DialogForm';
import { commands } from '../../../incidents/commands';

/** What the change did, observed (not assumed), and whether it worked. */
export function ObserveDialog({ change }: { change: ChangeState }) {
  const [result, setResult] = useState('');
  const [worked, setWorked] = useState<'yes' | 'no'>('yes');
  const { refusal, tryCommand } = useRefusal();
  const close = () => usePlanUi.getState().close();
  function submit() {
    if (tryCommand(() => commands.observeChange({ changeId: change.id, result, worked: worked === 'yes' }))) close();
  }
  return (
    <Modal title={`Result of "${change.text}"`} onClose={close}>
      <DialogForm onSubmit={submit}>
        <label>
          What was observed
          <input value={result} data-autofocus placeholder="Error rate back under 1% within 2 minutes" onChange={(e) => setResult(e.target.value)} />
        </label>
        <fieldset className="plan-choice">
          <legend>Did it work?</legend>
          <label>
            <input type="radio" name="worked" checked={worked === 'yes'} onChange={() => setWorked('yes')} /> It worked
          </label>
          <label>
            <input type="radio" name="worked" checked={worked === 'no'} onChange={() => setWorked('no')} /> It did not work
          </label>
        </fieldset>
        <FormFooter error={refusal} onCancel={close} submit="Record result" />
      </DialogForm>
    </Modal>
  );
}
