import { useEffect } from 'react';
import { isTyping } from '../../components/keys/typing';
import { host } from '../../host';
import { addNotice } from '../../stores/incident';
import { useStatusUi } from '../../stores/status-ui';
import { STATUS_KEYS } from './status-key-list';
import { PHASE_PICKER_ID } from './PhasePicker';

/** Opens the observer view; a refusal (the desktop app could not open the window) is shown, in its words. */
export function openObserverView(incidentId: string): void {
  host.openStatusView(incidentId).catch((error: unknown) => addNotice('error', `The observer view could not be opened: ${error instanceof Error ? error.message : String(error)}`));
}

/** p, u, r, g and w on the Status tab; ignored while typing, with a modifier, or with a dialog open. */
export function useStatusKeys(readOnly: boolean, canSend: boolean, incidentId: string): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const entry = STATUS_KEYS.find((k) => k.key === event.key.toLowerCase());
      if (!entry || ((entry.dialog === 'update' || entry.dialog === 'can') && !canSend) || (entry.dialog === 'phase' && readOnly)) return;
      event.preventDefault();
      if (entry.dialog === 'phase') document.getElementById(PHASE_PICKER_ID)?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]')?.focus();
      else if (entry.dialog === 'observer') openObserverView(incidentId);
      else useStatusUi.getState().open(entry.dialog);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [readOnly, canSend, incidentId]);
}
