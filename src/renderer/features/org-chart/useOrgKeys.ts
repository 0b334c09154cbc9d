import { useEffect } from 'react';
import type { OrgChart } from '../../../shared/incident/org-chart';
import { isTyping } from '../../components/keys/typing';
import { incidentActions } from '../../stores/incident';
import { useOrgUi } from '../../stores/org-ui';
import { attempt } from '../../components/attempt';
import { actionForKey, outcomeFor } from './keys';

/**
 * The org view's single keys (c, a, h, m, r, b), acting on the selection;
 * ignored while typing, with a modifier, or with a dialog open. Arrow keys
 * are the chart's and the list's own (see ChartTree, ResponderPanel); from
 * nowhere in particular, they put focus on the selection.
 */
export function useOrgKeys(org: OrgChart, readOnly: boolean): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const ui = useOrgUi.getState();
      if (event.key.startsWith('Arrow') && (event.target === document.body || event.target === null)) {
        event.preventDefault();
        const first = ui.selection ?? (org.roles[0] ? { type: 'role' as const, id: org.roles[0].id } : null);
        ui.select(first, true);
        return;
      }
      const action = actionForKey(event.key);
      if (!action || readOnly) return;
      event.preventDefault();
      const outcome = outcomeFor(action, org, ui.selection);
      if ('open' in outcome) ui.open(outcome.open);
      else if ('hint' in outcome) ui.say(outcome.hint);
      else attempt(() => incidentActions.markBriefed(outcome.brief));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [org, readOnly]);
}

/** Puts focus on the selected card or row when asked (after arrow keys, or when a dialog closes). */
export function useSelectionFocus(): void {
  const request = useOrgUi((s) => s.focusRequest);
  useEffect(() => {
    if (!request) return;
    const selection = useOrgUi.getState().selection;
    if (!selection) return;
    // After the commit that rendered it (a newly checked-in person's row, say).
    const el = document.querySelector<HTMLElement>(`[data-org-item="${selection.type}:${CSS.escape(selection.id)}"]`);
    el?.focus();
    el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [request]);
}
