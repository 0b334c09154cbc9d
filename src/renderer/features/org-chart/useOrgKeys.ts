import type { OrgChart } from '../../../shared/incident/org-chart';
import { attempt } from '../../components/attempt';
import { useFocusRequest } from '../../components/keys/useFocusRequest';
import { useTabKeys } from '../../components/keys/useTabKeys';
import { useOrgUi } from '../../stores/org-ui';
import { ORG_KEY_TABLE, outcomeFor } from './keys';
import { commands } from '../../incidents/commands';

/**
 * The org view's single keys (c, a, h, m, r, b), acting on the selection,
 * none while read-only; and z, + and - zooming the chart, always. Arrow keys are the chart's and the list's own (see
 * ChartTree, ResponderPanel); from nowhere in particular, they put focus
 * on the selection.
 */
export function useOrgKeys(org: OrgChart, readOnly: boolean): void {
  useTabKeys(ORG_KEY_TABLE, {
    readOnly,
    move: (event) => {
      if (!event.key.startsWith('Arrow') || (event.target !== document.body && event.target !== null)) return false;
      const ui = useOrgUi.getState();
      ui.select(ui.selection ?? (org.roles[0] ? { type: 'role', id: org.roles[0].id } : null), true);
      return true;
    },
    run: (action) => {
      const ui = useOrgUi.getState();
      const outcome = outcomeFor(action, org, ui.selection);
      if ('open' in outcome) ui.open(outcome.open);
      else if ('hint' in outcome) ui.say(outcome.hint);
      else if ('zoom' in outcome) ui.zoom(outcome.zoom);
      else attempt(() => commands.markBriefed(outcome.brief));
    },
  });
}

/** Puts focus on the selected card or row when asked (after arrow keys, or when a dialog closes). */
export function useSelectionFocus(): void {
  useFocusRequest(
    useOrgUi((s) => s.focusRequest),
    () => {
      const selection = useOrgUi.getState().selection;
      return selection && `[data-org-item="${selection.type}:${CSS.escape(selection.id)}"]`;
    },
    { block: 'nearest', inline: 'nearest' },
  );
}
