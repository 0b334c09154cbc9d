/**
 * Global hotkeys in main, with Electron's globalShortcut played by a fake
 * (test/unit/main/hotkey-fakes.ts): what registers, what another program
 * holds, what Electron cannot read, re-binding, letting go on quit, the
 * settings file round trip, and a Wayland session.
 */
import { describe, expect, it, vi } from 'vitest';
import { installHotkeys } from '../../../src/main/hotkeys';
import { createHotkeyRegistry } from '../../../src/main/hotkeys/registry';
import { detectHotkeySession, withPortalFeatures, type HotkeySession } from '../../../src/main/hotkeys/session';
import { openSettingsStore } from '../../../src/main/settings/store';
import { DEFAULT_HOTKEYS } from '../../../src/shared/hotkeys/actions';
import type { HotkeyAction, HotkeyBindings } from '../../../src/shared/ipc';
import { FakeEmitter, fakeEvent } from './fakes';
import { FakeGlobalShortcut } from './hotkey-fakes';
import { MemoryFiles, SETTINGS_PATH } from './memory-files';

function registry(options: { session?: HotkeySession; platform?: 'mac' | 'other'; now?: () => number } = {}) {
  const globalShortcut = new FakeGlobalShortcut();
  const pressed: [HotkeyAction, number][] = [];
  const logError = vi.fn();
  const reg = createHotkeyRegistry({
    globalShortcut,
    platform: options.platform ?? 'other',
    session: options.session ?? 'default',
    now: options.now ?? (() => 1_000),
    onPress: (action, at) => pressed.push([action, at]),
    logError,
  });
  return { globalShortcut, pressed, logError, reg };
}

const stateOf = (entries: readonly { action: string; state: string }[], action: HotkeyAction) => entries.find((e) => e.action === action)?.state;

describe('the hotkey registry', () => {
  it('registers every default key, and a press reaches its action with the time main read at the press', () => {
    let clock = 5_000;
    const { globalShortcut, pressed, reg } = registry({ now: () => clock });
    const entries = reg.apply(DEFAULT_HOTKEYS);
    expect(entries.map((e) => e.state)).toEqual(Array(8).fill('registered'));
    expect(globalShortcut.registered.size).toBe(8);
    clock = 7_250;
    globalShortcut.press('CommandOrControl+Alt+Shift+2');
    clock = 9_000;
    globalShortcut.press('CommandOrControl+Alt+Shift+K');
    expect(pressed).toEqual([
      ['decision', 7_250],
      ['mark-key', 9_000],
    ]);
  });

  it('reports a key another program holds, with what to do instead, and registers the rest', () => {
    const { globalShortcut, reg, logError } = registry();
    globalShortcut.taken.add('CommandOrControl+Alt+Shift+2');
    const entries = reg.apply(DEFAULT_HOTKEYS);
    const decision = entries.find((e) => e.action === 'decision')!;
    expect(decision.state).toBe('taken');
    expect(decision.message).toBe(
      'Ctrl+Alt+Shift+2 (“Log a decision”) is taken by another program. It still works inside Command Post; to use it from other programs, pick another key in Settings (Ctrl+, or Cmd+,).',
    );
    expect(entries.filter((e) => e.state === 'registered')).toHaveLength(7);
    expect(globalShortcut.press('CommandOrControl+Alt+Shift+2')).toBe(false);
    expect(logError).toHaveBeenCalledWith(expect.stringContaining('taken by another program'));
  });

  it('reports a key Electron cannot read, and one that is not a hotkey at all, without registering them', () => {
    const { globalShortcut, reg } = registry();
    globalShortcut.unreadable.add('CommandOrControl+Alt+Shift+3');
    const entries = reg.apply({ ...DEFAULT_HOTKEYS, note: 'Shift+N', status: 'Ctrl+Nope' });
    expect(entries.find((e) => e.action === 'action')).toMatchObject({ state: 'invalid', message: expect.stringMatching(/could not be registered: Error processing argument.*pick another key in Settings/) });
    expect(entries.find((e) => e.action === 'note')).toMatchObject({ state: 'invalid', message: expect.stringMatching(/needs Ctrl, Alt, Cmd or Super/) });
    expect(entries.find((e) => e.action === 'status')).toMatchObject({ state: 'invalid', message: expect.stringMatching(/“Nope” is not a key/) });
    expect(globalShortcut.registered.has('Shift+N')).toBe(false);
  });

  it('gives a key two actions share (a hand-edited file) to the first, and says so for the second', () => {
    const { reg } = registry();
    const entries = reg.apply({ ...DEFAULT_HOTKEYS, impact: 'Ctrl+Alt+Shift+1' });
    expect(stateOf(entries, 'note')).toBe('registered');
    expect(entries.find((e) => e.action === 'impact')).toMatchObject({ state: 'invalid', message: expect.stringMatching(/also the key for “Log a note”/) });
  });

  it('refuses Command Post’s own menu keys as hotkeys', () => {
    const { reg } = registry();
    const entries = reg.apply({ ...DEFAULT_HOTKEYS, capture: 'CmdOrCtrl+L' });
    expect(entries.find((e) => e.action === 'capture')).toMatchObject({ state: 'invalid', message: expect.stringMatching(/own key for “Log timeline event”/) });
  });

  it('re-binding lets the old keys go before taking the new ones; an empty key is off', () => {
    const { globalShortcut, reg } = registry();
    reg.apply(DEFAULT_HOTKEYS);
    const entries = reg.apply({ ...DEFAULT_HOTKEYS, decision: 'Ctrl+Alt+Shift+D', 'mark-key': '' });
    expect(globalShortcut.registered.has('CommandOrControl+Alt+Shift+2')).toBe(false);
    expect(globalShortcut.registered.has('CommandOrControl+Alt+Shift+K')).toBe(false);
    expect(globalShortcut.registered.has('Control+Alt+Shift+D')).toBe(true);
    expect(entries.find((e) => e.action === 'mark-key')).toEqual({ action: 'mark-key', accelerator: '', state: 'off', message: null });
    const firstRegister = globalShortcut.calls.indexOf('register Control+Alt+Shift+D');
    expect(globalShortcut.calls.lastIndexOf('unregister CommandOrControl+Alt+Shift+2')).toBeLessThan(firstRegister);
  });

  it('lets every key go, and suspends them while a key is recorded', () => {
    const { globalShortcut, reg } = registry();
    reg.apply(DEFAULT_HOTKEYS);
    reg.setSuspended(true);
    expect(globalShortcut.press('CommandOrControl+Alt+Shift+1')).toBe(false);
    reg.setSuspended(false);
    expect(globalShortcut.press('CommandOrControl+Alt+Shift+1')).toBe(true);
    reg.unregisterAll();
    expect(globalShortcut.registered.size).toBe(0);
  });

  it('in a Wayland session, a key asked of the portal is unconfirmed, and a refused one says what to do', () => {
    const { globalShortcut, reg } = registry({ session: 'wayland' });
    globalShortcut.taken.add('CommandOrControl+Alt+Shift+Space');
    const entries = reg.apply(DEFAULT_HOTKEYS);
    expect(stateOf(entries, 'note')).toBe('unconfirmed');
    expect(entries.find((e) => e.action === 'capture')).toMatchObject({ state: 'taken', message: expect.stringMatching(/^Your desktop did not grant Ctrl\+Alt\+Shift\+Space .*no Global Shortcuts portal.*works inside Command Post/) });
  });
});

describe('the Wayland session', () => {
  it('is a Linux session whose type or display says Wayland', () => {
    expect(detectHotkeySession('linux', { XDG_SESSION_TYPE: 'wayland' })).toBe('wayland');
    expect(detectHotkeySession('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe('wayland');
    expect(detectHotkeySession('linux', { XDG_SESSION_TYPE: 'x11' })).toBe('default');
    expect(detectHotkeySession('darwin', { XDG_SESSION_TYPE: 'wayland' })).toBe('default');
    expect(detectHotkeySession('win32', {})).toBe('default');
  });

  it('adds the portal features to those already asked for, once', () => {
    expect(withPortalFeatures('')).toBe('GlobalShortcutsPortal,GlobalShortcutsPortalPreferredTrigger');
    expect(withPortalFeatures('WebRTCPipeWireCapturer')).toBe('WebRTCPipeWireCapturer,GlobalShortcutsPortal,GlobalShortcutsPortalPreferredTrigger');
    expect(withPortalFeatures('GlobalShortcutsPortal')).toBe('GlobalShortcutsPortal,GlobalShortcutsPortalPreferredTrigger');
  });
});

async function installed(files = new MemoryFiles(), options: { taken?: string[]; session?: HotkeySession } = {}) {
  const settings = await openSettingsStore({ path: SETTINGS_PATH, files, now: () => 0, logError: () => {} });
  const app = new FakeEmitter();
  const { globalShortcut, reg } = registry({ session: options.session });
  for (const key of options.taken ?? []) globalShortcut.taken.add(key);
  const hotkeys = installHotkeys({
    app: app as never,
    registry: reg,
    preferences: { get: () => settings.get('hotkeys'), save: (b) => settings.set('hotkeys', b), problem: () => settings.problem },
    platform: 'other',
    session: options.session ?? 'default',
  });
  return { hotkeys, globalShortcut, app, files, settings };
}

describe('the hotkeys in the desktop app', () => {
  it('start from settings.json, and a change is registered and saved there for the next start', async () => {
    const files = new MemoryFiles();
    files.files.set(SETTINGS_PATH, JSON.stringify({ version: 1, hotkeys: { ...DEFAULT_HOTKEYS, decision: 'Ctrl+Alt+Shift+D' } }));
    const { hotkeys, globalShortcut } = await installed(files);
    expect(globalShortcut.registered.has('Control+Alt+Shift+D')).toBe(true);
    expect(hotkeys.status()).toMatchObject({ global: true, platform: 'other', sessionNotice: null, settingsProblem: null });

    const result = await hotkeys.change({ ...DEFAULT_HOTKEYS, decision: 'CmdOrCtrl+Alt+Shift+J' });
    expect(result.error).toBeNull();
    expect(result.status.entries.find((e) => e.action === 'decision')).toMatchObject({ accelerator: 'CommandOrControl+Alt+Shift+J', state: 'registered' });
    expect((files.json() as { hotkeys: HotkeyBindings }).hotkeys.decision).toBe('CommandOrControl+Alt+Shift+J');

    const again = await installed(files);
    expect(again.globalShortcut.registered.has('CommandOrControl+Alt+Shift+J')).toBe(true);
  });

  it('an action the file does not name yet takes its default key; a broken key is reported on its own', async () => {
    const files = new MemoryFiles();
    files.files.set(SETTINGS_PATH, JSON.stringify({ version: 1, hotkeys: { capture: 'Ctrl+Alt+Shift+Nope', unknownAction: 'Ctrl+Q' } }));
    const { hotkeys } = await installed(files);
    const entries = hotkeys.status().entries;
    expect(entries.find((e) => e.action === 'capture')).toMatchObject({ state: 'invalid' });
    expect(entries.find((e) => e.action === 'impact')).toMatchObject({ accelerator: DEFAULT_HOTKEYS.impact, state: 'registered' });
  });

  it('refuses a set where two actions share a key, as a whole: nothing is registered anew or saved', async () => {
    const { hotkeys, globalShortcut, files } = await installed();
    const calls = globalShortcut.calls.length;
    const result = await hotkeys.change({ ...DEFAULT_HOTKEYS, action: DEFAULT_HOTKEYS.decision });
    expect(result.error).toBe(
      'Ctrl+Alt+Shift+2 is already the key for “Log a decision”, so “Log an action” cannot have it too. Pick another key, or change that one first.',
    );
    expect(globalShortcut.calls.length).toBe(calls);
    expect(files.files.has(SETTINGS_PATH)).toBe(false);
  });

  it('reset brings the default keys back and saves them', async () => {
    const { hotkeys, files } = await installed();
    await hotkeys.change({ ...DEFAULT_HOTKEYS, note: '' });
    const result = await hotkeys.reset();
    expect(result.error).toBeNull();
    expect(result.status.entries.map((e) => e.accelerator)).toEqual(Object.values(DEFAULT_HOTKEYS));
    expect((files.json() as { hotkeys: HotkeyBindings }).hotkeys).toEqual(DEFAULT_HOTKEYS);
  });

  it('a change that cannot be saved still applies, and says it will not survive a restart', async () => {
    const { hotkeys, files, globalShortcut } = await installed();
    files.failWrite = new Error('EROFS: read-only file system');
    const result = await hotkeys.change({ ...DEFAULT_HOTKEYS, note: 'Ctrl+Alt+Shift+N' });
    expect(result.error).toMatch(/in use now, but could not be saved: .*read-only file system.*previous ones next time/);
    expect(globalShortcut.registered.has('Control+Alt+Shift+N')).toBe(true);
  });

  it('lets go of every key when the app quits, and changes nothing after', async () => {
    const { hotkeys, globalShortcut, app } = await installed();
    app.emit('will-quit', fakeEvent());
    expect(globalShortcut.registered.size).toBe(0);
    const result = await hotkeys.change({ ...DEFAULT_HOTKEYS, note: 'Ctrl+Alt+Shift+N' });
    expect(result.error).toMatch(/quitting/);
    expect(globalShortcut.registered.size).toBe(0);
  });

  it('in a Wayland session, the status says what to do if a key does nothing', async () => {
    const { hotkeys } = await installed(new MemoryFiles(), { session: 'wayland' });
    expect(hotkeys.status().sessionNotice).toMatch(/Wayland session.*Global Shortcuts portal.*keyboard settings.*inside Command Post.*X11/);
  });
});
