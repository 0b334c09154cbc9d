import { useTabKeys } from '../../components/keys/useTabKeys';
import { host } from '../../host';
import { useStatusUi } from '../../stores/status-ui';
import { STATUS_KEY_TABLE, statusKeyPermission } from './status-key-list';
import { PHASE_PICKER_ID } from './PhasePicker';
import { IMPACT_NOTE_BUTTON_ID, IMPACT_SINCE_ID } from './ImpactSince';
import { addNotice } from '../../stores/notices';

/** Opens the observer view; a refusal (the desktop app could not open the window) is shown, in its words. */
export function openObserverView(incidentId: string): void {
  host.openStatusView(incidentId).catch((error: unknown) => addNotice('error', `The observer view could not be opened: ${error instanceof Error ? error.message : String(error)}`));
}

/** p, s, i, u, r, g and w on the Status tab: the phase only while writable, an update or a CAN report only while this machine may send. */
export function useStatusKeys(readOnly: boolean, canSend: boolean, incidentId: string): void {
  useTabKeys(STATUS_KEY_TABLE, {
    ...statusKeyPermission(readOnly, canSend),
    run: (action) => {
      if (action === 'phase') document.getElementById(PHASE_PICKER_ID)?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]')?.focus();
      else if (action === 'since') document.getElementById(IMPACT_SINCE_ID)?.focus();
      // The same as the button beside the field, which is there only when the timeline holds an impact note.
      else if (action === 'impact-note') impactNoteButton()?.click();
      else if (action === 'observer') openObserverView(incidentId);
      else useStatusUi.getState().open(action);
    },
  });
}

function impactNoteButton(): HTMLButtonElement | null {
  const button = document.getElementById(IMPACT_NOTE_BUTTON_ID);
  if (button instanceof HTMLButtonElement) return button;
  addNotice('info', 'No impact note in the timeline yet: log one with "i: " in the entry line, or type the time in Impact since (s).');
  return null;
}
