import { CommandError } from '../../shared/incident/errors';
import { addNotice } from '../stores/notices';

/**
 * Runs a command from a button or a key outside a dialog (every tab's, not
 * the org chart's alone); a refusal is shown as a notice, in the command's
 * words. Dialogs show theirs in place, through messageOf.
 */
export function attempt(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (caught) {
    addNotice('error', messageOf(caught));
    return false;
  }
}

/** A refusal's message for a dialog's FormError: a command's own words, anything else as it prints. */
export function messageOf(caught: unknown): string {
  return caught instanceof CommandError ? caught.message : String(caught);
}
