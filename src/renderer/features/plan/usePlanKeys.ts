import type { PlanView } from '../../../shared/incident/plan-view';
import { attempt } from '../../components/attempt';
import { useFocusRequest } from '../../components/keys/useFocusRequest';
import { useTabKeys } from '../../components/keys/useTabKeys';
import { usePlanUi } from '../../stores/plan-ui';
import { listStep } from '../org-chart/keys';
import { taskOrder } from './plan-format';
import { PLAN_KEY_TABLE, planOutcomeFor } from './plan-keys';
import { commands } from '../../incidents/commands';

const MOVE_KEYS = ['ArrowUp', 'ArrowDown', 'Home', 'End'];

/** The Plan tab's single keys (o, t, p, c, u, d, e, r), none while read-only, and ↑ ↓ through the tasks. */
export function usePlanKeys(plan: PlanView, readOnly: boolean): void {
  useTabKeys(PLAN_KEY_TABLE, {
    readOnly,
    move: (event) => {
      const ui = usePlanUi.getState();
      const next = MOVE_KEYS.includes(event.key) ? listStep(taskOrder(plan), ui.selectedTaskId, event.key) : null;
      if (!next) return false;
      ui.select(next, true);
      return true;
    },
    run: (action) => {
      const ui = usePlanUi.getState();
      const outcome = planOutcomeFor(action, plan, ui.selectedTaskId);
      if ('open' in outcome) ui.open(outcome.open);
      else if ('hint' in outcome) ui.say(outcome.hint);
      else if ('acknowledge' in outcome) attempt(() => commands.acknowledgeTask(outcome.acknowledge));
      else attempt(() => commands.setTaskStatus({ taskId: outcome.done, status: 'done' }));
    },
  });
}

/** Puts focus on the selected task when asked (after arrow keys, or when a dialog closes). */
export function useTaskFocus(): void {
  useFocusRequest(
    usePlanUi((s) => s.focusRequest),
    () => {
      const id = usePlanUi.getState().selectedTaskId;
      return id && `[data-plan-task="${CSS.escape(id)}"]`;
    },
    { block: 'nearest' },
  );
}
