import { useUi, type IncidentTab } from '../../stores/ui';
import { panelId } from './tabs';

/**
 * Where focus lands in a tab's panel when the tab is shown from the
 * keyboard (Alt+letter, the palette): the selected item, else the item
 * that Tab would reach first in the tab's list (a roving tabindex), else
 * the first button, else the panel itself. Never a text field, so the
 * tab's single keys act at once; as in VS Code and Linear, a view chosen
 * by key is ready for that view's keys.
 */
const HOMES = ['[aria-current="true"][tabindex="0"]', '[tabindex="0"]', 'button:not([disabled]), a[href]'];

export function panelHome(panel: HTMLElement): HTMLElement {
  for (const selector of HOMES) {
    const found = panel.querySelector<HTMLElement>(selector);
    if (found) return found;
  }
  return panel;
}

/** Shows a tab and, once it has rendered, puts focus in its panel. */
export function showTabFromKeyboard(tab: IncidentTab): void {
  useUi.getState().showIncidentTab(tab);
  requestAnimationFrame(() => {
    const panel = document.getElementById(panelId(tab));
    if (panel) panelHome(panel).focus({ preventScroll: false });
  });
}
