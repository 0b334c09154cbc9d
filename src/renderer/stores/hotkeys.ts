/**
 * The hotkeys as the host reports them (registered globally, taken by
 * another program, in-page only), the chords the page itself must answer,
 * and the notice that tells the user about any that failed.
 */
import { create } from 'zustand';
import type { HotkeyAction, HotkeyStatus } from '../../shared/ipc';
import { parseAccelerator, type Accelerator } from '../../shared/hotkeys/accelerator';
import { host } from '../host';
import { addNotice, dismissNotice } from './notices';

export interface PageChord {
  readonly action: HotkeyAction;
  readonly accelerator: Accelerator;
}

interface HotkeysState {
  status: HotkeyStatus | null;
  /**
   * The keys the page listens for itself: every one in a browser; in the
   * desktop app those the system did not register (a key the system
   * delivers never reaches the page, so listening for it too would only
   * risk acting twice).
   */
  chords: readonly PageChord[];
  /** The status could not be read. */
  error: string | null;
}

export const useHotkeys = create<HotkeysState>(() => ({ status: null, chords: [], error: null }));

let noticeIds: string[] = [];

export function setHotkeyStatus(status: HotkeyStatus): void {
  const chords: PageChord[] = [];
  for (const entry of status.entries) {
    if (!entry.accelerator || entry.state === 'registered') continue;
    const parsed = parseAccelerator(entry.accelerator);
    if (parsed.ok) chords.push({ action: entry.action, accelerator: parsed.accelerator });
  }
  useHotkeys.setState({ status, chords, error: null });
  // What was said about the previous keys no longer holds.
  for (const id of noticeIds) dismissNotice(id);
  noticeIds = hotkeyNotices(status).map(({ tone, message }) => addNotice(tone, message));
}

/** What the main window says about hotkeys that do not work from other programs, and what to do. */
export function hotkeyNotices(status: HotkeyStatus): { tone: 'warning' | 'error'; message: string }[] {
  if (!status.global) return [];
  const notices: { tone: 'warning' | 'error'; message: string }[] = [];
  const failed = status.entries.filter((e) => (e.state === 'taken' || e.state === 'invalid') && e.message);
  if (failed.length) {
    const count = failed.length === 1 ? 'A global hotkey does not work' : `${failed.length} global hotkeys do not work`;
    notices.push({ tone: 'warning', message: `${count} from other programs. ${failed.map((e) => e.message).join(' ')}` });
  }
  if (status.sessionNotice) notices.push({ tone: 'warning', message: `Global hotkeys: ${status.sessionNotice}` });
  return notices;
}

let loading: Promise<void> | null = null;
/** Reads the hotkeys from the host once at start-up (Settings updates them afterwards). */
export function loadHotkeys(): Promise<void> {
  loading ??= host.hotkeys
    .getStatus()
    .then(setHotkeyStatus)
    .catch((error: unknown) => {
      const message = `The hotkeys could not be read: ${error instanceof Error ? error.message : String(error)}`;
      useHotkeys.setState({ error: message });
      addNotice('error', message);
    });
  return loading;
}
