import { useState } from 'react';
import type { PlanTask } from '../../../../shared/incident/plan-view';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { usePlanUi } from '../../../stores/plan-ui';
import { useRefusal } from '../../../components/useRefusal';
import { MinutesField } from './MinutesField';
import { DialogForm } from '../../../components/DialogForm';
import { DEFAULT_TIMEBOX_MINUTES } from '../plan-format';
import { commands } from '../../../incidents/commands';

/** "How much time do you need?": a new timebox from now, logged. */
export function ExtendDialog({ task }: { task: PlanTask }) {
  const [minutes, setMinutes] = useState(String(DEFAULT_TIMEBOX_MINUTES));
  const { refusal, tryCommand } = useRefusal();
  const close = () => usePlanUi.getState().close();
  function submit() {
    if (tryCommand(() => commands.extendTask({ taskId: task.id, minutes: Number(minutes) }))) close();
  }
  return (
    <Modal title={`Extend "${task.text}"`} onClose={close}>
      <DialogForm onSubmit={submit}>
        <p>Ask {task.ownerLabel}: how much time do you need?</p>
        <MinutesField label="Minutes from now" value={minutes} onChange={setMinutes} autoFocus />
        <FormFooter error={refusal} onCancel={close} submit="Extend" />
      </DialogForm>
    </Modal>
  );
}
