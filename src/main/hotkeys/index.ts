/**
 * The global hotkeys' life inside the desktop app: registered once the app
 * is ready from this machine's settings (settings.json, `hotkeys` section),
 * changed from the Settings dialog (a set with two actions on one key, or a
 * key that is not usable, is refused as a whole and nothing changes), and
 * let go of when the app quits.
 */
import type { App } from 'electron';
import type { HotkeyBindings, HotkeyChangeResult, HotkeyStatus } from '../../shared/ipc';
import type { KeyPlatform } from '../../shared/hotkeys/accelerator';
import { checkBindings, defaultHotkeys } from '../../shared/hotkeys/actions';
import type { HotkeyRegistry } from './registry';
import { WAYLAND_NOTICE, type HotkeySession } from './session';

/** The saved hotkeys: the settings store's `hotkeys` section. */
export interface HotkeyPreferenceStore {
  get(): HotkeyBindings;
  /** Rejects with a message when the settings cannot be written. */
  save(bindings: HotkeyBindings): Promise<void>;
  /** What was wrong with the settings file at start-up, if anything. */
  problem(): string | null;
}

export interface HotkeysDeps {
  app: Pick<App, 'on'>;
  registry: HotkeyRegistry;
  preferences: HotkeyPreferenceStore;
  platform: KeyPlatform;
  session: HotkeySession;
}

export interface HotkeysHandle {
  status(): HotkeyStatus;
  change(bindings: HotkeyBindings): Promise<HotkeyChangeResult>;
  reset(): Promise<HotkeyChangeResult>;
  suspend(suspended: boolean): void;
}

export function installHotkeys(deps: HotkeysDeps): HotkeysHandle {
  deps.registry.apply(deps.preferences.get());
  let quitting = false;
  // Other programs get the keys back as soon as this one stops using them.
  deps.app.on('will-quit', () => {
    quitting = true;
    deps.registry.unregisterAll();
  });

  const status = (): HotkeyStatus => ({
    global: true,
    platform: deps.platform,
    entries: [...deps.registry.entries()],
    sessionNotice: deps.session === 'wayland' ? WAYLAND_NOTICE : null,
    settingsProblem: deps.preferences.problem(),
  });

  // Changes run one at a time, so two quick saves cannot interleave their registrations.
  let queue: Promise<unknown> = Promise.resolve();
  function change(bindings: HotkeyBindings): Promise<HotkeyChangeResult> {
    const run = async (): Promise<HotkeyChangeResult> => {
      if (quitting) return { status: status(), error: 'Command Post is quitting; the hotkeys were not changed.' };
      const checked = checkBindings(bindings, deps.platform);
      if (!checked.ok) return { status: status(), error: checked.message };
      deps.registry.apply(checked.bindings);
      try {
        await deps.preferences.save(checked.bindings);
        return { status: status(), error: null };
      } catch (failure) {
        const reason = failure instanceof Error ? failure.message : String(failure);
        return { status: status(), error: `The hotkeys are in use now, but could not be saved: ${reason} The app will start with the previous ones next time.` };
      }
    };
    const result = queue.then(run);
    queue = result.catch(() => {});
    return result;
  }

  return {
    status,
    change,
    reset: () => change(defaultHotkeys()),
    suspend: (suspended) => deps.registry.setSuspended(suspended),
  };
}
