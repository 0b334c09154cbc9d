import type { StatusObjective } from '../../../shared/views/status-document';
import { countdownOf } from '../plan/plan-format';

/**
 * The current plan as the status document reads it live from the Plan tab
 * (the tab and the observer's page): each open objective with the tasks
 * under way, who owns each, and how its timebox stands, an overdue one
 * marked as such in words, not only in colour.
 */
export function CurrentPlan({ objectives, now, empty }: { objectives: readonly StatusObjective[]; now: number; empty: string }) {
  if (!objectives.length) return <p className="muted">{empty}</p>;
  return (
    <ol className="current-plan">
      {objectives.map((objective, i) => (
        <li key={i}>
          <span className="current-objective">{objective.text}</span>
          {objective.tasks.length > 0 && (
            <ul className="current-tasks" aria-label={`Tasks for ${objective.text}`}>
              {objective.tasks.map((task) => {
                const countdown = task.dueAt === null ? null : countdownOf(task.dueAt, now);
                const state = task.status === 'blocked' ? 'blocked' : (countdown?.state ?? 'ended');
                return (
                  <li key={task.id} className={`current-task timer-${state}`}>
                    <span className="current-task-text">{task.text}</span>
                    <span className="current-task-owner">{task.owner}</span>
                    <span className="current-task-time mono">{task.status === 'blocked' ? 'blocked' : (countdown?.text ?? 'open at the end')}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
