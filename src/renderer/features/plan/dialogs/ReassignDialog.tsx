import { useState } from 'react';
import type { OrgChart } from '../../../../shared/incident/org-chart';
import type { PlanTask } from '../../../../shared/incident/plan-view';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { usePlanUi } from '../../../stores/plan-ui';
import { useRefusal } from '../../../components/useRefusal';
import { MinutesField } from './MinutesField';
import { DialogForm } from '../../../components/DialogForm';
import { DEFAULT_TIMEBOX_MINUTES, ownerFromChoice } from '../plan-format';
import { OwnerSelect } from './OwnerSelect';
import { commands } from '../../../incidents/commands';

/** The task moves to another owner, with a fresh timebox. */
export function ReassignDialog({ task, org }: { task: PlanTask; org: OrgChart | null }) {
  const [owner, setOwner] = useState('');
  const [minutes, setMinutes] = useState(String(DEFAULT_TIMEBOX_MINUTES));
  const { refusal, tryCommand } = useRefusal();
  const close = () => usePlanUi.getState().close();
  function submit() {
    if (tryCommand(() => commands.reassignTask({ taskId: task.id, owner: ownerFromChoice(owner), timeboxMinutes: Number(minutes) }))) close();
  }
  return (
    <Modal title={`Reassign "${task.text}"`} onClose={close}>
      <DialogForm onSubmit={submit}>
        <p className="muted">Now with {task.ownerLabel}.</p>
        <OwnerSelect org={org} value={owner} onChange={setOwner} autoFocus />
        <MinutesField label="Timebox (minutes)" value={minutes} onChange={setMinutes} />
        <FormFooter error={refusal} onCancel={close} submit="Reassign" />
      </DialogForm>
    </Modal>
  );
}
