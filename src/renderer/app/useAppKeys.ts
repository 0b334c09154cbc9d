import { useEffect } from 'react';
import { tabForKey } from '../features/incident/tabs';
import { showTabFromKeyboard } from '../features/incident/panel-focus';
import { isSingleKey } from '../components/keys/typing';
import { isPaletteKey } from '../components/keys/palette-key';
import { host } from '../host';
import { useUi } from '../stores/ui';
import { scriptedDrillOpen } from '../stores/drill';
import { openAttribution, runIntent, toggleCuePanel } from './intents';
import { ATTRIBUTION_KEY, CHEAT_SHEET_KEY, CUE_PANEL_KEY, FOCUS_ENTRY_KEY } from './app-keys';

/** Alt+<letter>, by the physical key (Option+C types "ç" on a Mac). */
function isAltLetter(event: KeyboardEvent, letter: string): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === `Key${letter}`;
}

/** Intents from the host (menu accelerators, or their web equivalents) and the in-app keys. */
export function useAppKeys(): void {
  useEffect(() => {
    const offIntent = host.onIntent(runIntent);
    const onKeyDown = (event: KeyboardEvent) => {
      // Alt+<letter> switches the incident's view, even from the quick-entry line.
      const inIncident = !event.defaultPrevented && useUi.getState().route.view === 'incident' && !document.querySelector('dialog[open]');
      const tab = inIncident ? tabForKey(event, scriptedDrillOpen()) : null;
      if (tab) {
        event.preventDefault();
        showTabFromKeyboard(tab);
        return;
      }
      if (inIncident && isAltLetter(event, CUE_PANEL_KEY)) {
        event.preventDefault();
        toggleCuePanel();
        return;
      }
      if (inIncident && isAltLetter(event, ATTRIBUTION_KEY)) {
        event.preventDefault();
        openAttribution();
        return;
      }
      // The observer's status view and the printed forms have nothing to act on and show no dialogs: neither key opens one there.
      const observing = useUi.getState().route.view === 'status' || useUi.getState().route.view === 'forms';
      if (isPaletteKey(event) && !event.defaultPrevented && !observing) {
        event.preventDefault();
        // The same key closes it again, as in Linear and VS Code; over another dialog it waits its turn.
        const ui = useUi.getState();
        if (ui.dialog === 'palette') ui.openDialog(null);
        else if (!document.querySelector('dialog[open]')) ui.openDialog('palette');
        return;
      }
      if (!isSingleKey(event)) return;
      if (event.key === FOCUS_ENTRY_KEY) {
        event.preventDefault();
        runIntent({ type: 'focus-quick-entry' });
      } else if (event.key === CHEAT_SHEET_KEY && !observing && !document.querySelector('dialog[open]')) {
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
