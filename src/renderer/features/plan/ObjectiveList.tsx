import type { OrgChart } from '../../../shared/incident/org-chart';
import type { PlanView } from '../../../shared/incident/plan-view';
import { usePlanUi } from '../../stores/plan-ui';
import { attempt } from '../../components/attempt';
import { ownerText } from './plan-format';
import { TaskRow } from './TaskRow';
import { commands } from '../../incidents/commands';

/** The objectives in the order they were set, each with its tasks. */
export function ObjectiveList({ plan, org, now, readOnly }: { plan: PlanView; org: OrgChart | null; now: number; readOnly: boolean }) {
  const selectedTaskId = usePlanUi((s) => s.selectedTaskId);
  if (!plan.objectives.length) {
    // Read-only, nobody here can set one: the view says only what is there.
    if (readOnly) return <p className="muted plan-empty">No objectives yet.</p>;
    return <p className="muted plan-empty">No objectives yet. Say what the response is for ("Restore checkout for EU customers"): press o.</p>;
  }
  const firstTask = plan.objectives.find((o) => o.tasks.length)?.tasks[0]?.id;
  const anySelected = plan.objectives.some((o) => o.tasks.some((t) => t.id === selectedTaskId));
  return (
    <ol className="objectives">
      {plan.objectives.map((objective, i) => (
        <li key={objective.id} className={`objective${objective.closed ? ` closed closed-${objective.closed}` : ''}`}>
          <div className="objective-head">
            <h3>
              <span className="objective-number">{i + 1}.</span> {objective.text}
              {objective.closed && <span className="objective-closed"> — {objective.closed === 'met' ? 'met' : 'dropped'}</span>}
            </h3>
            {!readOnly && objective.closed === null && (
              <span className="objective-actions">
                <button type="button" aria-label={`Add task for ${objective.text}`} onClick={() => usePlanUi.getState().open({ kind: 'task', objectiveId: objective.id })}>
                  Add task…
                </button>
                <button type="button" aria-label={`Objective met: ${objective.text}`} onClick={() => attempt(() => commands.closeObjective({ objectiveId: objective.id, outcome: 'met' }))}>
                  Met
                </button>
                <button type="button" aria-label={`Drop objective: ${objective.text}`} onClick={() => attempt(() => commands.closeObjective({ objectiveId: objective.id, outcome: 'dropped' }))}>
                  Drop
                </button>
              </span>
            )}
          </div>
          {objective.tasks.length > 0 ? (
            <ul className="tasks" aria-label={`Tasks for ${objective.text}`}>
              {objective.tasks.map((task) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  owner={ownerText(task, org)}
                  now={now}
                  selected={task.id === selectedTaskId}
                  tabbable={task.id === selectedTaskId || (!anySelected && task.id === firstTask)}
                  readOnly={readOnly}
                />
              ))}
            </ul>
          ) : (
            <p className="muted tasks-empty">No tasks yet.</p>
          )}
        </li>
      ))}
    </ol>
  );
}
