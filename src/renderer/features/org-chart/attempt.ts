import { CommandError } from '../../../shared/incident';
import { addNotice } from '../../stores/notices';

/**
 * Runs an org command from a button or a key outside a dialog; a refusal is
 * shown as a notice, in the command's words. Dialogs show theirs in place.
 */
export function attempt(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (caught) {
    addNotice('error', caught instanceof CommandError ? caught.message : String(caught));
    return false;
  }
}

/** A refusal's message for a dialog's FormError. */
export function messageOf(caught: unknown): string {
  return caught instanceof CommandError ? caught.message : String(caught);
}
