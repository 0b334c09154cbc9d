import { useState } from 'react';
import type { OrgChart } from '../../../../shared/incident/org-chart';
import type { PlanView } from '../../../../shared/incident/plan-view';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { usePlanUi, type PlanSource } from '../../../stores/plan-ui';
import { useRefusal } from '../../../components/useRefusal';
import { MinutesField } from './MinutesField';
import { DialogForm } from '../../../components/DialogForm';
import { DEFAULT_TIMEBOX_MINUTES, ownerFromChoice } from '../plan-format';
import { OwnerSelect } from './OwnerSelect';
import { commands } from '../../../incidents/commands';

/**
 * "Jo, check replication lag; back to me in 10 minutes": what, one owner, a
 * timebox, under an objective. Adopting an action logged in the timeline
 * (source) starts from its text; the owner and the timebox are still asked.
 */
export function TaskDialog({ plan, org, objectiveId, source }: { plan: PlanView; org: OrgChart | null; objectiveId?: string; source?: PlanSource }) {
  const open = plan.objectives.filter((o) => o.closed === null);
  const [objective, setObjective] = useState(objectiveId ?? open[open.length - 1]?.id ?? '');
  const [text, setText] = useState(source?.text ?? '');
  const [owner, setOwner] = useState('');
  const [minutes, setMinutes] = useState(String(DEFAULT_TIMEBOX_MINUTES));
  const { refusal, tryCommand } = useRefusal();
  const close = () => usePlanUi.getState().close();

  function submit() {
    tryCommand(() => {
      const event = commands.assignTask({ objectiveId: objective, text, owner: ownerFromChoice(owner), timeboxMinutes: Number(minutes), source: source?.id });
      if (event.plan.change === 'task-add') usePlanUi.getState().select(event.plan.taskId);
      close();
    });
  }

  return (
    <Modal title="Assign a task" onClose={close}>
      <DialogForm onSubmit={submit}>
        {source && <p className="muted">From an action logged in the timeline: give it one owner and a timebox.</p>}
        <label>
          Objective
          <select value={objective} onChange={(e) => setObjective(e.target.value)}>
            {open.map((o) => (
              <option key={o.id} value={o.id}>
                {o.text}
              </option>
            ))}
          </select>
        </label>
        <label>
          What
          <input value={text} data-autofocus placeholder="Check replication lag on the primary" onChange={(e) => setText(e.target.value)} />
        </label>
        <OwnerSelect org={org} value={owner} onChange={setOwner} />
        <MinutesField label="Timebox (minutes)" value={minutes} onChange={setMinutes} />
        <FormFooter error={refusal} onCancel={close} submit="Assign" />
      </DialogForm>
    </Modal>
  );
}
