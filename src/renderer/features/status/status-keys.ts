import { useTabKeys } from '../../components/keys/useTabKeys';
import { host } from '../../host';
import { useStatusUi } from '../../stores/status-ui';
import { STATUS_KEY_TABLE, statusKeyPermission } from './status-key-list';
import { PHASE_PICKER_ID } from './PhasePicker';
import { addNotice } from '../../stores/notices';

/** Opens the observer view; a refusal (the desktop app could not open the window) is shown, in its words. */
export function openObserverView(incidentId: string): void {
  host.openStatusView(incidentId).catch((error: unknown) => addNotice('error', `The observer view could not be opened: ${error instanceof Error ? error.message : String(error)}`));
}

/** p, u, r, g and w on the Status tab: the phase only while writable, an update or a CAN report only with something to send from. */
export function useStatusKeys(readOnly: boolean, canSend: boolean, incidentId: string): void {
  useTabKeys(STATUS_KEY_TABLE, {
    ...statusKeyPermission(readOnly, canSend),
    run: (action) => {
      if (action === 'phase') document.getElementById(PHASE_PICKER_ID)?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]')?.focus();
      else if (action === 'observer') openObserverView(incidentId);
      else useStatusUi.getState().open(action);
    },
  });
}
