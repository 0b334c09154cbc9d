/**
 * What the app's own keys and intents do, apart from the keys themselves:
 * the listener (useAppKeys), the cheat sheet's lines and the command
 * palette all run these, so a key and its palette row cannot differ.
 */
import type { Intent } from '../../shared/ipc';
import { openCapture } from '../features/capture/capture-ui';
import { logCaptured, runHotkeyAction } from '../features/capture/run-action';
import { useUi } from '../stores/ui';
import { usePlanUi } from '../stores/plan-ui';

export function runIntent(intent: Intent): void {
  const ui = useUi.getState();
  switch (intent.type) {
    case 'focus-quick-entry':
      ui.requestQuickEntryFocus();
      break;
    case 'declare-incident':
      ui.openDialog('declare');
      break;
    case 'show-incident-list':
      ui.openDialog(null);
      ui.navigate({ view: 'list' });
      break;
    case 'open-settings':
      ui.openDialog('settings');
      break;
    case 'search-incidents':
      ui.openDialog('search');
      break;
    case 'show-item':
      // A clicked deadline notification: a task's opens the plan on that task,
      // any other the timers board (items are named as on the board: task:<id>, review, …).
      ui.openDialog(null);
      ui.navigate({ view: 'incident', id: intent.incidentId });
      if (intent.item?.startsWith('task:')) {
        ui.showIncidentTab('plan');
        usePlanUi.getState().select(intent.item.slice('task:'.length), true);
      } else if (intent.item) {
        ui.showIncidentTab('timers');
      }
      break;
    case 'capture':
      // A hotkey while this window had focus: capture opens here, timed at the press.
      openCapture(intent.kind, intent.at);
      break;
    case 'log-entry':
      logCaptured(intent);
      break;
    case 'mark-key':
      runHotkeyAction('mark-key', Date.now());
      break;
  }
}

/** Opens the cue cards with the first card focused (their keys act from there), or closes them. */
export function toggleCuePanel(): void {
  const open = !useUi.getState().cuePanelOpen;
  useUi.getState().toggleCuePanel(open);
  if (open) requestAnimationFrame(() => document.querySelector<HTMLElement>('.cue-panel .cue-head')?.focus());
  else useUi.getState().requestQuickEntryFocus();
}

/** Alt+A: whom the entries that follow are for (features/attribution). */
export function openAttribution(): void {
  if (!document.querySelector('dialog[open]')) useUi.getState().openDialog('attribution');
}
