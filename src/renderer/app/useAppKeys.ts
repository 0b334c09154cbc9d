import { useEffect } from 'react';
import type { Intent } from '../../shared/ipc';
import { openCapture } from '../features/capture/capture-ui';
import { logCaptured, runHotkeyAction } from '../features/capture/run-action';
import { tabForKey } from '../features/incident/tabs';
import { isSingleKey } from '../components/keys/typing';
import { host } from '../host';
import { useUi } from '../stores/ui';
import { usePlanUi } from '../stores/plan-ui';
import { CHEAT_SHEET_KEY, CUE_PANEL_KEY, FOCUS_ENTRY_KEY } from './keymap';

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

/** Alt+C, by the physical key (Option+C types "ç" on a Mac). */
function isCuePanelKey(event: KeyboardEvent): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === `Key${CUE_PANEL_KEY}`;
}

/** Opens the cue cards with the first card focused (their keys act from there), or closes them. */
export function toggleCuePanel(): void {
  const open = !useUi.getState().cuePanelOpen;
  useUi.getState().toggleCuePanel(open);
  if (open) requestAnimationFrame(() => document.querySelector<HTMLElement>('.cue-panel .cue-head')?.focus());
  else useUi.getState().requestQuickEntryFocus();
}

/** Intents from the host (menu accelerators, or their web equivalents) and the in-app keys. */
export function useAppKeys(): void {
  useEffect(() => {
    const offIntent = host.onIntent(runIntent);
    const onKeyDown = (event: KeyboardEvent) => {
      // Alt+<letter> switches the incident's view, even from the quick-entry line.
      const inIncident = !event.defaultPrevented && useUi.getState().route.view === 'incident' && !document.querySelector('dialog[open]');
      const tab = inIncident ? tabForKey(event) : null;
      if (tab) {
        event.preventDefault();
        useUi.getState().showIncidentTab(tab);
        return;
      }
      if (inIncident && isCuePanelKey(event)) {
        event.preventDefault();
        toggleCuePanel();
        return;
      }
      if (!isSingleKey(event)) return;
      if (event.key === FOCUS_ENTRY_KEY) {
        event.preventDefault();
        runIntent({ type: 'focus-quick-entry' });
      } else if (event.key === CHEAT_SHEET_KEY && !document.querySelector('dialog[open]')) {
        event.preventDefault();
        useUi.getState().openDialog('keys');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      offIntent();
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
