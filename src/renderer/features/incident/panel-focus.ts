import { flushSync } from 'react-dom';
import { panelHome } from '../../components/focus';
import { useUi, type IncidentTab } from '../../stores/ui';
import { panelId } from './tabs';

/**
 * Shows a tab and puts focus in its panel (see panelHome). The tab renders
 * at once, so a key pressed straight after (before the next frame, on a
 * busy machine) already finds focus in the panel and acts there. While a
 * dialog is still closing (the palette), it tries again on the next frame.
 */
export function showTabFromKeyboard(tab: IncidentTab): void {
  flushSync(() => useUi.getState().showIncidentTab(tab));
  if (!focusPanel(tab)) requestAnimationFrame(() => focusPanel(tab));
}

function focusPanel(tab: IncidentTab): boolean {
  const panel = document.getElementById(panelId(tab));
  if (!panel) return false;
  panelHome(panel).focus({ preventScroll: false });
  return panel.contains(document.activeElement);
}
