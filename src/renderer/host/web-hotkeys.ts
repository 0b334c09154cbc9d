/**
 * The hotkeys in a browser: a page cannot take keys from other programs, so
 * the same actions are keys the page listens for while it has focus. They
 * are kept per browser in localStorage and checked by the same rules as the
 * desktop app's (src/shared/hotkeys/actions.ts).
 */
import type { HotkeyBindings, HotkeyEntry, HotkeyStatus } from '../../shared/ipc';
import { HOTKEY_ACTIONS } from '../../shared/ipc-names';
import { parseAccelerator, type KeyPlatform } from '../../shared/hotkeys/accelerator';
import { checkBindings, defaultHotkeys, specOf } from '../../shared/hotkeys/actions';
import type { HotkeyControl } from './types';

export const HOTKEYS_STORAGE_KEY = 'command-post:hotkeys';

export function createWebHotkeys(storage: Pick<Storage, 'getItem' | 'setItem'> | null, platform: KeyPlatform): HotkeyControl {
  let problem: string | null = null;

  async function read(): Promise<HotkeyBindings> {
    let text: string | null;
    try {
      text = storage?.getItem(HOTKEYS_STORAGE_KEY) ?? null;
    } catch {
      return defaultHotkeys();
    }
    if (!text) return defaultHotkeys();
    // The contract's schema brings zod, loaded only for keys saved here: a new profile starts without it.
    const contract = await import('../../shared/ipc').catch((error: unknown) => {
      problem = `The saved keys could not be checked (part of Command Post did not load: ${error instanceof Error ? error.message : String(error)}), so the defaults are in use.`;
    });
    if (!contract) return defaultHotkeys();
    try {
      // Actions added since the keys were saved take their defaults.
      const parsed = contract.HotkeyBindings.safeParse({ ...defaultHotkeys(), ...(JSON.parse(text) as object) });
      if (parsed.success) return parsed.data;
      problem = 'The saved keys could not be read, so the defaults are in use.';
    } catch {
      problem = 'The saved keys could not be read, so the defaults are in use.';
    }
    return defaultHotkeys();
  }

  function status(bindings: HotkeyBindings): HotkeyStatus {
    const entries = HOTKEY_ACTIONS.map((action): HotkeyEntry => {
      const accelerator = bindings[action];
      if (!accelerator) return { action, accelerator: '', state: 'off', message: null };
      const parsed = parseAccelerator(accelerator);
      if (!parsed.ok) return { action, accelerator, state: 'invalid', message: `The key for “${specOf(action).label}” cannot be used: ${parsed.message}` };
      return { action, accelerator, state: 'in-app', message: null };
    });
    return { global: false, platform, entries, sessionNotice: null, settingsProblem: problem };
  }

  async function change(bindings: HotkeyBindings) {
    const checked = checkBindings(bindings, platform);
    if (!checked.ok) return { status: status(await read()), error: checked.message };
    try {
      storage?.setItem(HOTKEYS_STORAGE_KEY, JSON.stringify(checked.bindings));
    } catch (error) {
      return { status: status(checked.bindings), error: `The keys apply in this page but could not be saved in this browser: ${error instanceof Error ? error.message : String(error)}` };
    }
    problem = null;
    return { status: status(checked.bindings), error: null };
  }

  return {
    getStatus: async () => status(await read()),
    change,
    reset: () => change(defaultHotkeys()),
    suspend: () => {},
  };
}
