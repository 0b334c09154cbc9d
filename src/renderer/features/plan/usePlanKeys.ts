import { useEffect } from 'react';
import type { PlanView } from '../../../shared/incident/plan-view';
import { isTyping } from '../../components/keys/typing';
import { incidentActions } from '../../stores/incident';
import { usePlanUi } from '../../stores/plan-ui';
import { attempt } from '../../components/attempt';
import { listStep } from '../org-chart/keys';
import { taskOrder } from './plan-format';
import { planActionForKey, planOutcomeFor } from './plan-keys';

/**
 * The Plan tab's single keys (o, t, p, c, u, d, e, r) and ↑ ↓ through the
 * tasks; ignored while typing, with a modifier, or with a dialog open.
 */
export function usePlanKeys(plan: PlanView, readOnly: boolean): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const ui = usePlanUi.getState();
      if (['ArrowUp', 'ArrowDown', 'Home', 'End'].includes(event.key)) {
        const next = listStep(taskOrder(plan), ui.selectedTaskId, event.key);
        if (!next) return;
        event.preventDefault();
        ui.select(next, true);
        return;
      }
      const action = planActionForKey(event.key);
      if (!action || readOnly) return;
      event.preventDefault();
      const outcome = planOutcomeFor(action, plan, ui.selectedTaskId);
      if ('open' in outcome) ui.open(outcome.open);
      else if ('hint' in outcome) ui.say(outcome.hint);
      else if ('acknowledge' in outcome) attempt(() => incidentActions.acknowledgeTask(outcome.acknowledge));
      else attempt(() => incidentActions.setTaskStatus({ taskId: outcome.done, status: 'done' }));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [plan, readOnly]);
}

/** Puts focus on the selected task when asked (after arrow keys, or when a dialog closes). */
export function useTaskFocus(): void {
  const request = usePlanUi((s) => s.focusRequest);
  useEffect(() => {
    if (!request) return;
    const id = usePlanUi.getState().selectedTaskId;
    if (!id) return;
    const el = document.querySelector<HTMLElement>(`[data-plan-task="${CSS.escape(id)}"]`);
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  }, [request]);
}
