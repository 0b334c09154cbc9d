import type { PlanTask } from '../../../shared/incident/plan-view';
import { shortcutFor } from '../../components/keys/key-table';
import { usePlanUi } from '../../stores/plan-ui';
import { attempt } from '../../components/attempt';
import { PLAN_KEY_TABLE } from './plan-keys';
import { countdownOf, isLive, isOverdue } from './plan-format';
import { commands } from '../../incidents/commands';
import { showTimelineEntry } from './plan-links';

interface Props {
  readonly task: PlanTask;
  /** Its owner by incident role and name (see ownerText). */
  readonly owner: string;
  readonly now: number;
  readonly selected: boolean;
  readonly tabbable: boolean;
  readonly readOnly: boolean;
}

/**
 * One task: what, who (by incident role and name), the time left in its
 * timebox, whether the owner said "understood", its status; and what can be
 * done with it. An open task past its timebox asks the IC to follow up.
 */
export function TaskRow({ task, owner, now, selected, tabbable, readOnly }: Props) {
  const live = isLive(task);
  const countdown = task.dueAt !== null && task.status === 'open' ? countdownOf(task.dueAt, now) : null;
  const overdue = isOverdue(task, now);
  const select = () => usePlanUi.getState().select(task.id);
  const act = (status: 'done' | 'blocked' | 'dropped' | 'open') => attempt(() => commands.setTaskStatus({ taskId: task.id, status }));
  const extend = () => {
    select();
    usePlanUi.getState().open({ kind: 'extend', taskId: task.id });
  };
  const reassign = () => {
    select();
    usePlanUi.getState().open({ kind: 'reassign', taskId: task.id });
  };
  // Only the selected row's buttons are in the Tab order; the overdue prompt's always are.
  const tab = selected ? 0 : -1;
  return (
    <li className={`task status-${task.status}${selected ? ' selected' : ''}${countdown ? ` timer-${countdown.state}` : ''}`}>
      <button
        type="button"
        className="task-main"
        data-plan-task={task.id}
        tabIndex={tabbable ? 0 : -1}
        aria-current={selected ? 'true' : undefined}
        aria-keyshortcuts={readOnly ? undefined : 'u d e r'}
        onFocus={select}
        onClick={select}
      >
        <span className="task-text">{task.text}</span>
        <span className="task-owner">{owner}</span>
        {countdown && <span className={`task-countdown ${countdown.state}`}>{countdown.text}</span>}
        {live && <span className={task.acknowledged ? 'task-ack' : 'task-waiting'}>{task.acknowledged ? 'understood' : 'waiting for "understood"'}</span>}
        <span className={`task-status ${task.status}`}>
          {task.status}
          {task.extensions > 0 && ` · extended ${task.extensions}×`}
          {task.note && ` · ${task.note}`}
        </span>
      </button>
      {task.source && <SourceLink source={task.source} what={task.text} tabIndex={tab} />}
      {overdue && (
        <div className="task-overdue" role="alert">
          <strong>Time is up: follow up with {owner}.</strong>
          {!readOnly && (
            <span className="task-actions">
              <button type="button" onClick={() => act('done')}>
                Done
              </button>
              <button type="button" onClick={extend}>
                Extend…
              </button>
              <button type="button" onClick={reassign}>
                Reassign…
              </button>
            </span>
          )}
        </div>
      )}
      {!readOnly && live && (
        <span className="task-actions task-row-actions" aria-label={`Actions for ${task.text}`} role="group">
          {!task.acknowledged && (
            <button type="button" tabIndex={tab} aria-keyshortcuts={shortcutFor(PLAN_KEY_TABLE, 'understood')} onClick={() => attempt(() => commands.acknowledgeTask(task.id))}>
              Understood
            </button>
          )}
          <button type="button" tabIndex={tab} aria-keyshortcuts={shortcutFor(PLAN_KEY_TABLE, 'done')} onClick={() => act('done')}>
            Done
          </button>
          {task.status === 'blocked' ? (
            <button type="button" tabIndex={tab} onClick={() => act('open')}>
              Unblock
            </button>
          ) : (
            <button type="button" tabIndex={tab} onClick={() => act('blocked')}>
              Blocked
            </button>
          )}
          <button type="button" tabIndex={tab} onClick={() => act('dropped')}>
            Drop
          </button>
          <button type="button" tabIndex={tab} aria-keyshortcuts={shortcutFor(PLAN_KEY_TABLE, 'extend')} onClick={extend}>
            Extend…
          </button>
          <button type="button" tabIndex={tab} aria-keyshortcuts={shortcutFor(PLAN_KEY_TABLE, 'reassign')} onClick={reassign}>
            Reassign…
          </button>
        </span>
      )}
    </li>
  );
}

/** The way back from a plan item adopted from the timeline to its row there. */
export function SourceLink({ source, what, tabIndex }: { source: string; what: string; tabIndex?: number }) {
  return (
    <button type="button" className="link-button plan-source" tabIndex={tabIndex} aria-label={`Show in the timeline: ${what}`} onClick={() => showTimelineEntry(source)}>
      from the timeline ↗
    </button>
  );
}
