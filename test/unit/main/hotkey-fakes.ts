/**
 * Stand-ins for the hotkey side of main: Electron's globalShortcut as the
 * registry sees it (keys another program holds, accelerators Electron
 * cannot read, pressing a key), and the handles the IPC handlers take.
 */
import { vi } from 'vitest';
import type { HotkeyBindings, HotkeyStatus } from '../../../src/shared/ipc';
import { DEFAULT_HOTKEYS } from '../../../src/shared/hotkeys/actions';
import type { GlobalShortcutLike } from '../../../src/main/hotkeys/registry';

export const HOTKEY_STATUS: HotkeyStatus = {
  global: true,
  platform: 'other',
  entries: Object.entries(DEFAULT_HOTKEYS).map(([action, accelerator]) => ({ action: action as keyof HotkeyBindings, accelerator, state: 'registered' as const, message: null })),
  sessionNotice: null,
  settingsProblem: null,
};

export function fakeHotkeyDeps() {
  return {
    hotkeys: {
      status: vi.fn(() => HOTKEY_STATUS),
      change: vi.fn(async (_bindings: HotkeyBindings) => ({ status: HOTKEY_STATUS, error: null })),
      reset: vi.fn(async () => ({ status: HOTKEY_STATUS, error: null })),
      suspend: vi.fn(),
    },
    capture: { setTarget: vi.fn() },
  };
}

/**
 * globalShortcut with the operating system's side played by the test: keys
 * in `taken` belong to another program (register answers false), and an
 * accelerator in `unreadable` makes register throw, as Electron does for one
 * it cannot convert.
 */
export class FakeGlobalShortcut implements GlobalShortcutLike {
  readonly registered = new Map<string, () => void>();
  readonly taken = new Set<string>();
  readonly unreadable = new Set<string>();
  suspended = false;
  readonly calls: string[] = [];

  register(accelerator: string, callback: () => void): boolean {
    this.calls.push(`register ${accelerator}`);
    if (this.unreadable.has(accelerator)) throw new Error(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }

  unregister(accelerator: string): void {
    this.calls.push(`unregister ${accelerator}`);
    this.registered.delete(accelerator);
  }

  setSuspended(suspended: boolean): void {
    this.suspended = suspended;
  }

  /** The user pressing the key: only a registered, not suspended, key reaches the app. */
  press(accelerator: string): boolean {
    const callback = this.registered.get(accelerator);
    if (!callback || this.suspended) return false;
    callback();
    return true;
  }
}
