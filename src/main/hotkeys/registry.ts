/**
 * The global hotkeys, registered with the operating system through
 * Electron's globalShortcut (injected, so the tests run without Electron).
 *
 * `apply` replaces every key this registry holds with a new set, action by
 * action, and says how each one stands: registered, taken by another
 * program, not usable, or (in a Wayland session) asked for without an
 * answer. A key that cannot be registered never stops the others, and each
 * failure carries what to do instead, for the Settings dialog and the main
 * window's notice. The time of a press is read here, in main, the moment
 * the system delivers it: that is the event's time, not when it is typed.
 */
import { HOTKEY_ACTIONS, type HotkeyAction, type HotkeyBindings, type HotkeyEntry } from '../../shared/ipc';
import { formatAccelerator, parseAccelerator, sameChord, type KeyPlatform } from '../../shared/hotkeys/accelerator';
import { specOf } from '../../shared/hotkeys/actions';
import { ALL_APP_COMMANDS } from '../../shared/hotkeys/app-commands';
import type { HotkeySession } from './session';

/** The part of Electron's globalShortcut the registry uses. */
export interface GlobalShortcutLike {
  /** False when the key is taken (another program holds it); throws on an accelerator Electron cannot read. */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  setSuspended(suspended: boolean): void;
}

export interface HotkeyRegistryDeps {
  globalShortcut: GlobalShortcutLike;
  platform: KeyPlatform;
  session: HotkeySession;
  now: () => number;
  /** A registered key was pressed at `at` (ms since the epoch). */
  onPress(action: HotkeyAction, at: number): void;
  logError(message: string, error?: unknown): void;
}

export interface HotkeyRegistry {
  /** Unregisters what it holds and registers these, reporting on each action. */
  apply(bindings: HotkeyBindings): readonly HotkeyEntry[];
  entries(): readonly HotkeyEntry[];
  /** While Settings records a key, pressing a registered one must record it, not act. */
  setSuspended(suspended: boolean): void;
  /** Lets every key go (on quit): the system would keep a key of a crashed program from nobody, but others must get them back now. */
  unregisterAll(): void;
}

/** What to do when a key cannot be a global hotkey, in the same words everywhere. */
const INSTEAD = 'It still works inside Command Post; to use it from other programs, pick another key in Settings (Ctrl+, or Cmd+,).';

export function createHotkeyRegistry(deps: HotkeyRegistryDeps): HotkeyRegistry {
  /** The accelerators this registry holds now. */
  let held: string[] = [];
  let current: HotkeyEntry[] = [];

  function release(): void {
    for (const accelerator of held) {
      try {
        deps.globalShortcut.unregister(accelerator);
      } catch (error) {
        deps.logError(`hotkeys: could not unregister ${accelerator}`, error);
      }
    }
    held = [];
  }

  function registerOne(action: HotkeyAction, text: string, earlier: ReadonlyMap<string, HotkeyAction>): HotkeyEntry {
    const label = specOf(action).label;
    if (!text.trim()) return { action, accelerator: '', state: 'off', message: null };
    const parsed = parseAccelerator(text);
    if (!parsed.ok) return { action, accelerator: text, state: 'invalid', message: `The key for “${label}” cannot be used: ${parsed.message} Pick another in Settings.` };
    const accelerator = parsed.accelerator.text;
    const shown = formatAccelerator(accelerator, deps.platform);
    for (const [other, otherAction] of earlier) {
      if (sameChord(other, accelerator, deps.platform)) {
        return { action, accelerator, state: 'invalid', message: `${shown} is also the key for “${specOf(otherAction).label}”, so “${label}” has none. Pick another key in Settings.` };
      }
    }
    const own = ALL_APP_COMMANDS.find((command) => sameChord(command.accelerator, accelerator, deps.platform));
    if (own) return { action, accelerator, state: 'invalid', message: `${shown} is Command Post’s own key for “${own.label.replace(/…$/, '')}”. Pick another key for “${label}” in Settings.` };

    let registered: boolean;
    try {
      registered = deps.globalShortcut.register(accelerator, () => deps.onPress(action, deps.now()));
    } catch (error) {
      deps.logError(`hotkeys: ${accelerator} was refused`, error);
      const reason = error instanceof Error ? error.message : String(error);
      return { action, accelerator, state: 'invalid', message: `${shown} (“${label}”) could not be registered: ${reason}. ${INSTEAD}` };
    }
    if (!registered) {
      const message =
        deps.session === 'wayland'
          ? `Your desktop did not grant ${shown} (“${label}”): it may have no Global Shortcuts portal, or another program holds the key. ${INSTEAD}`
          : `${shown} (“${label}”) is taken by another program. ${INSTEAD}`;
      return { action, accelerator, state: 'taken', message };
    }
    held.push(accelerator);
    // On Wayland the portal answers later (and may ask the user), so success is not known.
    return { action, accelerator, state: deps.session === 'wayland' ? 'unconfirmed' : 'registered', message: null };
  }

  return {
    apply(bindings) {
      release();
      const earlier = new Map<string, HotkeyAction>();
      current = HOTKEY_ACTIONS.map((action) => {
        const entry = registerOne(action, bindings[action], earlier);
        if (entry.state === 'registered' || entry.state === 'unconfirmed' || entry.state === 'taken') earlier.set(entry.accelerator, action);
        return entry;
      });
      const failed = current.filter((e) => e.message);
      if (failed.length) deps.logError(`hotkeys: ${failed.map((e) => e.message).join(' ')}`);
      return current;
    },
    entries: () => current,
    setSuspended(suspended) {
      try {
        deps.globalShortcut.setSuspended(suspended);
      } catch (error) {
        deps.logError('hotkeys: could not suspend the hotkeys', error);
      }
    },
    unregisterAll() {
      release();
    },
  };
}
