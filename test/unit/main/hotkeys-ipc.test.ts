/**
 * The IPC contract for the hotkeys and quick capture: main validates every
 * payload and refuses what the contract does not allow before any handler
 * runs; the capture window's two calls are a contract of their own, taken
 * from that window only.
 */
import { fakeDiscovery } from './discovery-fakes';
import { fakeUpdateSettings } from './update-settings-fakes';
import { describe, expect, it, vi } from 'vitest';
import { createCaptureHandlers, createInvokeHandlers } from '../../../src/main/ipc/handlers';
import { registerInvokeHandlers } from '../../../src/main/ipc/register';
import { APP_ORIGIN, createOriginAllowlist } from '../../../src/main/security/origins';
import { createTrustedSenderCheck } from '../../../src/main/security/trusted-sender';
import { DEFAULT_HOTKEYS } from '../../../src/shared/hotkeys/actions';
import { captureContract, MAX_CAPTURE_TEXT } from '../../../src/shared/ipc';
import { FakeIpcMain, fakeInvokeEvent, fakeWebContents } from './fakes';
import { fakeHotkeyDeps, HOTKEY_STATUS } from './hotkey-fakes';

function setup() {
  const ipcMain = new FakeIpcMain();
  const main = fakeWebContents('app://command-post/index.html', 1);
  const captureWindow = fakeWebContents('app://command-post/capture.html', 2);
  const deps = fakeHotkeyDeps();
  const capture = { submit: vi.fn(() => ({ ok: true as const })), cancel: vi.fn() };
  const allow = createOriginAllowlist([APP_ORIGIN]);
  registerInvokeHandlers(
    ipcMain,
    createInvokeHandlers({
      discovery: fakeDiscovery(),
      updates: fakeUpdateSettings(),
      app: { getName: () => 'Command Post', getVersion: () => '0.1.0' },
      platform: 'linux',
      electronVersion: '45.4.1',
      windowFromWebContents: () => null,
      files: {} as never,
      signaling: { status: vi.fn(), change: vi.fn() } as never,
      notifications: { setDeadlines: vi.fn() },
      statusWindows: { open: vi.fn() },
      ...deps,
    }),
    createTrustedSenderCheck(() => main, allow),
  );
  registerInvokeHandlers(ipcMain, createCaptureHandlers(capture), createTrustedSenderCheck(() => captureWindow, allow), captureContract);
  return { ipcMain, deps, capture, fromMain: fakeInvokeEvent(main), fromCapture: fakeInvokeEvent(captureWindow) };
}

describe('the hotkey channels', () => {
  it('answer the status and pass a whole, valid set of bindings to main', async () => {
    const { ipcMain, deps, fromMain } = setup();
    await expect(ipcMain.invoke('hotkeys:get-status', fromMain)).resolves.toEqual(HOTKEY_STATUS);
    await expect(ipcMain.invoke('hotkeys:set-bindings', fromMain, { ...DEFAULT_HOTKEYS, note: '' })).resolves.toMatchObject({ error: null });
    expect(deps.hotkeys.change).toHaveBeenCalledWith({ ...DEFAULT_HOTKEYS, note: '' });
    await ipcMain.invoke('hotkeys:reset', fromMain);
    expect(deps.hotkeys.reset).toHaveBeenCalled();
    await ipcMain.invoke('hotkeys:suspend', fromMain, true);
    expect(deps.hotkeys.suspend).toHaveBeenCalledWith(true);
  });

  it('refuse bindings that miss an action, add one, or are not text of the grammar, without calling main', async () => {
    const { ipcMain, deps, fromMain } = setup();
    const { impact: _missing, ...withoutImpact } = DEFAULT_HOTKEYS;
    const bad: unknown[] = [
      withoutImpact,
      { ...DEFAULT_HOTKEYS, quit: 'Ctrl+Q' },
      { ...DEFAULT_HOTKEYS, note: 42 },
      { ...DEFAULT_HOTKEYS, note: `Ctrl+${'K'.repeat(100)}` },
      { ...DEFAULT_HOTKEYS, note: 'Ctrl+Alt+<script>' },
      null,
      'CommandOrControl+Alt+Shift+1',
    ];
    for (const payload of bad) {
      await expect(ipcMain.invoke('hotkeys:set-bindings', fromMain, payload), JSON.stringify(payload)).rejects.toThrow(/^hotkeys:set-bindings: invalid arguments/);
    }
    await expect(ipcMain.invoke('hotkeys:suspend', fromMain, 'yes')).rejects.toThrow(/^hotkeys:suspend: invalid arguments/);
    await expect(ipcMain.invoke('hotkeys:reset', fromMain, DEFAULT_HOTKEYS)).rejects.toThrow(/invalid arguments/);
    expect(deps.hotkeys.change).not.toHaveBeenCalled();
    expect(deps.hotkeys.suspend).not.toHaveBeenCalled();
  });

  it('capture:set-target takes the open incident, or null, and nothing else', async () => {
    const { ipcMain, deps, fromMain } = setup();
    await ipcMain.invoke('capture:set-target', fromMain, { incidentId: 'inc-1', name: '26-Bravo', refusal: null });
    await ipcMain.invoke('capture:set-target', fromMain, null);
    expect(deps.capture.setTarget.mock.calls).toEqual([[{ incidentId: 'inc-1', name: '26-Bravo', refusal: null }], [null]]);
    for (const payload of [{ incidentId: '../etc', name: 'x', refusal: null }, { incidentId: 'inc-1', name: '', refusal: null }, { incidentId: 'inc-1', name: 'x', refusal: null, at: 5 }, { incidentId: 'inc-1', name: 'x' }]) {
      await expect(ipcMain.invoke('capture:set-target', fromMain, payload), JSON.stringify(payload)).rejects.toThrow(/^capture:set-target: invalid arguments/);
    }
    expect(deps.capture.setTarget).toHaveBeenCalledTimes(2);
  });
});

describe('the capture window’s channels', () => {
  it('pass a trimmed entry of a loggable kind to quick capture', async () => {
    const { ipcMain, capture, fromCapture } = setup();
    await expect(ipcMain.invoke('capture:submit', fromCapture, { kind: 'followup', text: '  Write the postmortem  ' })).resolves.toEqual({ ok: true });
    expect(capture.submit).toHaveBeenCalledWith({ kind: 'followup', text: 'Write the postmortem' });
    await ipcMain.invoke('capture:cancel', fromCapture);
    expect(capture.cancel).toHaveBeenCalled();
  });

  it('refuse an empty or oversized text, another kind, a time that is not one, or an incident the page picked', async () => {
    const { ipcMain, capture, fromCapture } = setup();
    const bad: [unknown, RegExp][] = [
      [{ kind: 'note', text: '   ' }, /Write what happened/],
      [{ kind: 'note', text: 'x'.repeat(MAX_CAPTURE_TEXT + 1) }, /at most 5000/],
      [{ kind: 'declared', text: 'x' }, /kind/],
      // A stated time ("@09:30") may come along; the main window's page checks it against the incident as it logs.
      [{ kind: 'note', text: 'x', at: -1 }, /at/],
      [{ kind: 'note', text: 'x', at: '09:30' }, /at/],
      [{ kind: 'note', text: 'x', incidentId: 'inc-2' }, /incidentId/],
      [null, /invalid arguments/],
    ];
    for (const [payload, message] of bad) {
      await expect(ipcMain.invoke('capture:submit', fromCapture, payload), JSON.stringify(payload).slice(0, 80)).rejects.toThrow(message);
    }
    expect(capture.submit).not.toHaveBeenCalled();
  });

  it('are taken from the capture window only, and it may not call the main window’s', async () => {
    const { ipcMain, capture, deps, fromMain, fromCapture } = setup();
    await expect(ipcMain.invoke('capture:submit', fromMain, { kind: 'note', text: 'x' })).rejects.toThrow(/^capture:submit: rejected/);
    await expect(ipcMain.invoke('capture:cancel', fromMain)).rejects.toThrow(/rejected/);
    await expect(ipcMain.invoke('hotkeys:set-bindings', fromCapture, DEFAULT_HOTKEYS)).rejects.toThrow(/rejected/);
    await expect(ipcMain.invoke('capture:set-target', fromCapture, null)).rejects.toThrow(/rejected/);
    expect(capture.submit).not.toHaveBeenCalled();
    expect(deps.hotkeys.change).not.toHaveBeenCalled();
    expect(deps.capture.setTarget).not.toHaveBeenCalled();
  });
});
