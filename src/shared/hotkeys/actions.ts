/**
 * The hotkey actions: what each does, its default key, and the rules a set
 * of bindings must keep (every key usable, no key for two actions, none of
 * Command Post's own menu keys). Main applies them before registering
 * anything; the Settings form applies them as the user records a key, so a
 * conflict is refused with the same words in both.
 */
import type { CaptureKind, HotkeyAction, HotkeyBindings } from '../ipc';
import { HOTKEY_ACTIONS } from '../ipc-names';
import { canonicalAccelerator, formatAccelerator, parseAccelerator, sameChord, type KeyPlatform } from './accelerator';
import { ALL_APP_COMMANDS } from './app-commands';

export interface HotkeyActionSpec {
  readonly action: HotkeyAction;
  /** What it does, as Settings and the cheat sheet list it. */
  readonly label: string;
  /** The event type quick capture opens with; null: the one last used. Mark-key opens nothing. */
  readonly kind: CaptureKind | null;
}

export const HOTKEY_ACTION_SPECS: readonly HotkeyActionSpec[] = [
  { action: 'capture', label: 'Open quick capture', kind: null },
  { action: 'note', label: 'Log a note', kind: 'note' },
  { action: 'decision', label: 'Log a decision', kind: 'decision' },
  { action: 'action', label: 'Log an action', kind: 'action' },
  { action: 'status', label: 'Log a status change', kind: 'status' },
  { action: 'followup', label: 'Log a follow-up (TODO)', kind: 'followup' },
  { action: 'impact', label: 'Log an impact note', kind: 'impact' },
  { action: 'mark-key', label: 'Mark the last event as key', kind: null },
];

/** What quick capture says when there is no incident to log to (in the capture window and the page alike). */
export const NO_INCIDENT = 'No incident is open in Command Post. Open one (or declare one with Ctrl+Shift+D), then press the hotkey again.';

export function specOf(action: HotkeyAction): HotkeyActionSpec {
  return HOTKEY_ACTION_SPECS.find((s) => s.action === action)!;
}

/**
 * The default keys. Every one holds Ctrl (Cmd on a Mac), Alt (Option) and
 * Shift together, a combination no desktop or common program binds by
 * default, unlike two modifiers: Ctrl+Alt+T opens a terminal on Ubuntu,
 * Ctrl+Alt+arrows and Ctrl+Alt+Shift+arrows switch and move workspaces on
 * GNOME and KDE, Ctrl+Alt+Del, Ctrl+Alt+L and Ctrl+Alt+Esc belong to the
 * session, Ctrl+Shift+Space and Ctrl+Space switch input methods, browsers
 * own most Ctrl+Shift letters, and Cmd+Shift+3/4/5 take screenshots on a
 * Mac. Logging keys are digits in the order of the entry line's Alt+1…6, so
 * one sequence is learnt once; digits also keep clear of the letters AltGr
 * (Ctrl+Alt on Windows) types on layouts such as Polish (Ą, Ę, Ł, Ń, Ó, Ś,
 * Ź, Ż, Ć). Q stays free: Cmd+Option+Shift+Q logs a Mac out at once.
 */
export const DEFAULT_HOTKEYS: HotkeyBindings = {
  capture: 'CommandOrControl+Alt+Shift+Space',
  note: 'CommandOrControl+Alt+Shift+1',
  decision: 'CommandOrControl+Alt+Shift+2',
  action: 'CommandOrControl+Alt+Shift+3',
  status: 'CommandOrControl+Alt+Shift+4',
  followup: 'CommandOrControl+Alt+Shift+5',
  impact: 'CommandOrControl+Alt+Shift+6',
  'mark-key': 'CommandOrControl+Alt+Shift+K',
};

export function defaultHotkeys(): HotkeyBindings {
  return { ...DEFAULT_HOTKEYS };
}

export type CheckedBindings =
  | { readonly ok: true; readonly bindings: HotkeyBindings }
  | { readonly ok: false; readonly action: HotkeyAction; readonly message: string };

/**
 * Checks a whole set of bindings and returns it in canonical form (an
 * empty key means the action has none). The first problem found is
 * returned, naming its action and saying what to do.
 */
export function checkBindings(bindings: HotkeyBindings, platform: KeyPlatform): CheckedBindings {
  const canonical = {} as Record<HotkeyAction, string>;
  for (const action of HOTKEY_ACTIONS) {
    const text = bindings[action].trim();
    if (!text) {
      canonical[action] = '';
      continue;
    }
    const parsed = parseAccelerator(text);
    if (!parsed.ok) return { ok: false, action, message: `The key for “${specOf(action).label}” cannot be used: ${parsed.message}` };
    canonical[action] = parsed.accelerator.text;
  }
  for (const [i, action] of HOTKEY_ACTIONS.entries()) {
    const key = canonical[action];
    if (!key) continue;
    const shown = formatAccelerator(key, platform);
    for (const earlier of HOTKEY_ACTIONS.slice(0, i)) {
      if (canonical[earlier] && sameChord(canonical[earlier], key, platform)) {
        return {
          ok: false,
          action,
          message: `${shown} is already the key for “${specOf(earlier).label}”, so “${specOf(action).label}” cannot have it too. Pick another key, or change that one first.`,
        };
      }
    }
    const own = ALL_APP_COMMANDS.find((command) => sameChord(command.accelerator, key, platform));
    if (own) {
      return { ok: false, action, message: `${shown} is Command Post’s own key for “${own.label.replace(/…$/, '')}”. Pick another key for “${specOf(action).label}”.` };
    }
  }
  return { ok: true, bindings: canonical };
}

/** One action's key changed in a set of bindings (canonical when it is valid). */
export function withBinding(bindings: HotkeyBindings, action: HotkeyAction, accelerator: string): HotkeyBindings {
  return { ...bindings, [action]: canonicalAccelerator(accelerator) ?? accelerator };
}
