/**
 * How the keyboard behaves on this machine. Single-key shortcuts (a letter,
 * a digit, "?" or "/" acting on its own) can be turned off, as WCAG 2.1.4
 * asks: speech input types words as letters, and a tremor presses keys by
 * accident. Shortcuts with Ctrl, Cmd or Alt, and Enter, Escape and the
 * arrows in a list, work either way; the command palette (Ctrl+K) reaches
 * every action without them.
 */
import { create } from 'zustand';

const SINGLE_KEYS_KEY = 'command-post:single-keys';

function storedSingleKeys(): boolean {
  try {
    return typeof localStorage === 'undefined' || localStorage.getItem(SINGLE_KEYS_KEY) !== 'off';
  } catch {
    return true;
  }
}

interface KeyPrefs {
  /** Whether a character key on its own acts as a shortcut (on unless turned off). */
  singleKeys: boolean;
  setSingleKeys(on: boolean): void;
}

export const useKeyPrefs = create<KeyPrefs>((set) => ({
  singleKeys: storedSingleKeys(),
  setSingleKeys: (singleKeys) => {
    try {
      localStorage.setItem(SINGLE_KEYS_KEY, singleKeys ? 'on' : 'off');
    } catch {
      // No storage (a private window): the choice holds for this session only.
    }
    set({ singleKeys });
  },
}));
