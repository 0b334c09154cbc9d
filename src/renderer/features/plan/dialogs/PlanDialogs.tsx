import type { OrgChart } from '../../../../shared/incident/org-chart';
import type { PlanView } from '../../../../shared/incident/plan-view';
import { usePlanUi } from '../../../stores/plan-ui';
import { NoLongerThere } from '../../org-chart/dialogs/NoLongerThere';
import { findTask } from '../plan-format';
import { ExtendDialog } from './ExtendDialog';
import { ObserveDialog } from './ObserveDialog';
import { ReassignDialog } from './ReassignDialog';
import { TaskDialog } from './TaskDialog';
import { TextDialog } from './TextDialog';
import { commands } from '../../../incidents/commands';

/** The plan dialog that is open, if any. One opened on something a peer removed meanwhile says so. */
export function PlanDialogs({ plan, org }: { plan: PlanView; org: OrgChart | null }) {
  const dialog = usePlanUi((s) => s.dialog);
  const close = () => usePlanUi.getState().close();
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'objective':
      return (
        <TextDialog
          title="Add an objective"
          label="Objective"
          placeholder="Restore checkout for EU customers"
          help="What, not how: the outcome the response works toward."
          submit="Add objective"
          run={(text) => {
            commands.addObjective(text);
            // The next task (t) goes under the objective just set, not beside the task selected before.
            usePlanUi.getState().select(null);
          }}
        />
      );
    case 'task':
      return <TaskDialog key={`${dialog.objectiveId ?? ''}/${dialog.source?.id ?? ''}`} plan={plan} org={org} objectiveId={dialog.objectiveId} source={dialog.source} />;
    case 'extend':
    case 'reassign': {
      const task = findTask(plan, dialog.taskId);
      if (!task) return <NoLongerThere title="Task" what="This task" onClose={close} />;
      return dialog.kind === 'extend' ? <ExtendDialog key={task.id} task={task} /> : <ReassignDialog key={task.id} task={task} org={org} />;
    }
    case 'propose':
      return (
        <TextDialog
          key={dialog.source?.id ?? ''}
          title="Propose a decision"
          label="I propose…"
          placeholder="we fail over to the secondary region"
          help='Said on the call as "I propose … Are there any strong objections?"'
          submit="Propose"
          initial={dialog.source?.text}
          from={dialog.source && 'From a decision logged in the timeline: it goes on the plan as a proposal, decided there.'}
          run={(text) => {
            const source = dialog.source;
            return source ? commands.proposeDecision({ text, source: source.id }) : commands.proposeDecision(text);
          }}
        />
      );
    case 'object': {
      const decision = plan.decisions.find((d) => d.id === dialog.decisionId);
      if (!decision) return <NoLongerThere title="Objection" what="This proposal" onClose={close} />;
      return (
        <TextDialog
          key={decision.id}
          title={`Objection to "${decision.text}"`}
          label="Objection"
          placeholder="Failover drops in-flight payments"
          submit="Record objection"
          run={(text) => commands.recordObjection({ decisionId: decision.id, text })}
        />
      );
    }
    case 'change':
      return (
        <TextDialog
          title="Announce a change"
          label="Change to production"
          placeholder="Restart the payment workers in eu-west-1"
          help={plan.inFlight.length ? `${plan.inFlight.length} already in flight: one change at a time.` : 'Announced before it is made; in flight until its result is observed.'}
          submit="Announce"
          run={(text) => commands.announceChange(text)}
        />
      );
    case 'observe': {
      const change = plan.changes.find((c) => c.id === dialog.changeId);
      if (!change) return <NoLongerThere title="Change" what="This change" onClose={close} />;
      return <ObserveDialog key={change.id} change={change} />;
    }
  }
}
