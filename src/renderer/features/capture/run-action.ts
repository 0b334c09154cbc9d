/**
 * What a hotkey does in the page, whether the page saw the chord itself or
 * main sent it as an intent: open quick capture timed at the press, log an
 * entry the capture window sent, mark the last event as key.
 */
import { CommandError } from '../../../shared/incident/errors';
import { EVENT_KIND_LABELS } from '../../../shared/incident/kinds';
import type { HotkeyAction, Intent } from '../../../shared/ipc';
import { specOf } from '../../../shared/hotkeys/actions';
import { useIncidents } from '../../stores/incident';
import { openCapture } from './capture-ui';
import { commands } from '../../incidents/commands';
import { addNotice } from '../../stores/notices';

export function runHotkeyAction(action: HotkeyAction, at: number): void {
  if (action === 'mark-key') return markLastKey();
  openCapture(specOf(action).kind, at);
}

/**
 * Marks the newest entry this person logged by hand in the open incident as
 * a key event, and says so: the chord is often pressed from another window.
 */
function markLastKey(): void {
  const { status, snapshot } = useIncidents.getState();
  if (status !== 'ready' || !snapshot?.header) {
    addNotice('error', 'No incident is open here to mark an entry of: open it, then press the key again.');
    return;
  }
  try {
    const marked = commands.markLastKey();
    const text = snapshot.amendments.get(marked.target)?.text ?? snapshot.timeline.find((e) => e.id === marked.target)?.text ?? '';
    addNotice('info', `Marked as a key event in ${snapshot.header.name}: “${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`);
  } catch (caught) {
    addNotice('error', caught instanceof CommandError ? caught.message : String(caught));
  }
}

/**
 * An entry from the desktop app's capture window, logged to the incident it
 * was captured for, at the time of the press. If that incident is no longer
 * the open one, nothing is logged and the text is shown, so nothing typed is
 * lost.
 */
export function logCaptured(intent: Extract<Intent, { type: 'log-entry' }>): void {
  const { openId, status, snapshot } = useIncidents.getState();
  const quoted = `Your text (${EVENT_KIND_LABELS[intent.kind]}): “${intent.text}”`;
  if (openId !== intent.incidentId || status !== 'ready') {
    addNotice('error', `The entry from quick capture was not logged: its incident is no longer open here. Open it and log it again. ${quoted}`);
    return;
  }
  try {
    commands.logEvent({ kind: intent.kind, text: intent.text, at: intent.at });
  } catch (caught) {
    const reason = caught instanceof CommandError ? caught.message : String(caught);
    addNotice('error', `The entry from quick capture was not logged to ${snapshot?.header?.name ?? 'the incident'}: ${reason} ${quoted}`);
  }
}
