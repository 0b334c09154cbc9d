import { useState } from 'react';
import { messageOf } from './attempt';

/**
 * A form's last refusal. The app's commands refuse with a reason; a dialog
 * (or an inline form) shows it in place, in the command's words, beside what
 * was typed so it can be fixed there, while attempt() shows a refusal
 * outside dialogs as a notice. tryCommand runs the command: on success the
 * refusal is cleared and it returns true; on a refusal it keeps the words
 * and returns false. setRefusal sets or clears them directly (as the user
 * edits).
 */
export function useRefusal() {
  const [refusal, setRefusal] = useState<string | null>(null);
  function tryCommand(run: () => unknown): boolean {
    try {
      run();
      setRefusal(null);
      return true;
    } catch (caught) {
      setRefusal(messageOf(caught));
      return false;
    }
  }
  return { refusal, setRefusal, tryCommand };
}
