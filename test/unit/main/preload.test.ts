import type { IpcRendererEvent } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, CAPTURE_BRIDGE_KEY, CAPTURE_OPEN_CHANNEL, INTENT_CHANNEL, type Intent } from '../../../src/shared/ipc';
import { createBridge, type IpcRendererLike } from '../../../src/preload/bridge';
import { createCaptureBridge } from '../../../src/preload/capture-bridge';
import { DEFAULT_HOTKEYS } from '../../../src/shared/hotkeys/actions';

type RendererListener = (event: IpcRendererEvent, ...args: unknown[]) => void;

/** ipcRenderer with a scripted main on the other end. */
class FakeIpcRenderer {
  readonly listeners = new Map<string, Set<RendererListener>>();
  readonly invoke = vi.fn(async (channel: string, ..._args: unknown[]): Promise<unknown> => {
    if (channel === 'app:get-info') return { name: 'Command Post', version: '0.1.0', platform: 'linux', electron: '45.4.1' };
    if (channel === 'file:save-text' || channel === 'file:save-pdf') return 'saved';
    if (channel === 'signaling:get-status') return { listening: true };
    if (channel === 'signaling:set-settings') return { status: { listening: true }, error: null };
    return undefined;
  });
  readonly event = { sender: this, senderId: 0, ports: [] } as unknown as IpcRendererEvent;

  on(channel: string, listener: RendererListener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
    return this;
  }

  removeListener(channel: string, listener: RendererListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  /** main calling webContents.send(channel, payload). */
  push(channel: string, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(this.event, payload);
  }
}

/** The main window's bridge: one function per call it may make, and the intent subscription. */
const BRIDGE_FUNCTIONS = [
  'checkForUpdates',
  'getAppInfo',
  'getDiscoveryStatus',
  'getHotkeyStatus',
  'getSignalingStatus',
  'getUpdateStatus',
  'onDiscovery',
  'onIntent',
  'openStatusWindow',
  'resetHotkeys',
  'savePdf',
  'saveTextFile',
  'setCaptureTarget',
  'setDeadlines',
  'setDiscoverySettings',
  'setHotkeys',
  'setSignalingSettings',
  'setUpdateFeed',
  'setWindowTitle',
  'shareOnLan',
  'suspendHotkeys',
  'unshareOnLan',
  'watchDiscovery',
];

function setup() {
  const ipc = new FakeIpcRenderer();
  const bridge = createBridge(ipc as unknown as IpcRendererLike);
  return { ipc, bridge };
}

describe('preload bridge', () => {
  it('exposes exactly the contract functions and nothing of ipcRenderer', () => {
    const { bridge } = setup();
    expect(Object.keys(bridge).sort()).toEqual(BRIDGE_FUNCTIONS);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('getAppInfo invokes app:get-info with no arguments', async () => {
    const { ipc, bridge } = setup();
    await expect(bridge.getAppInfo()).resolves.toMatchObject({ name: 'Command Post' });
    expect(ipc.invoke).toHaveBeenCalledWith('app:get-info');
  });

  it('openStatusWindow invokes window:open-status with the incident id only', async () => {
    const { ipc, bridge } = setup();
    await expect(bridge.openStatusWindow('inc-7')).resolves.toBeUndefined();
    expect(ipc.invoke).toHaveBeenCalledWith('window:open-status', 'inc-7');
  });

  it('setWindowTitle invokes window:set-title with the title only', async () => {
    const { ipc, bridge } = setup();
    await expect(bridge.setWindowTitle('INC-7 · DNS')).resolves.toBeUndefined();
    expect(ipc.invoke).toHaveBeenCalledWith('window:set-title', 'INC-7 · DNS');
  });

  it('saveTextFile invokes file:save-text with the name and content only', async () => {
    const { ipc, bridge } = setup();
    const request = { suggestedName: '26-Bravo.cpinc', content: '{}', path: '/etc/passwd' };
    await expect(bridge.saveTextFile(request)).resolves.toBe('saved');
    expect(ipc.invoke).toHaveBeenCalledWith('file:save-text', { suggestedName: '26-Bravo.cpinc', content: '{}' });
  });

  it('savePdf invokes file:save-pdf with the name and paper only', async () => {
    const { ipc, bridge } = setup();
    const request = { suggestedName: '26-Bravo ICS 201.pdf', paper: 'a4' as const, path: '/etc/passwd' };
    await expect(bridge.savePdf(request)).resolves.toBe('saved');
    expect(ipc.invoke).toHaveBeenCalledWith('file:save-pdf', { suggestedName: '26-Bravo ICS 201.pdf', paper: 'a4' });
  });

  it('getSignalingStatus invokes signaling:get-status with no arguments', async () => {
    const { ipc, bridge } = setup();
    await expect(bridge.getSignalingStatus()).resolves.toEqual({ listening: true });
    expect(ipc.invoke).toHaveBeenCalledWith('signaling:get-status');
  });

  it('setSignalingSettings invokes signaling:set-settings with the two settings only', async () => {
    const { ipc, bridge } = setup();
    const preferences = { exposeOnLan: true, port: 5001, host: '0.0.0.0' };
    await expect(bridge.setSignalingSettings(preferences)).resolves.toMatchObject({ error: null });
    expect(ipc.invoke).toHaveBeenCalledWith('signaling:set-settings', { exposeOnLan: true, port: 5001 });
  });

  it('setDeadlines invokes notifications:set-deadlines with the incident and the contract\'s fields of each deadline only', async () => {
    const { ipc, bridge } = setup();
    const due = { key: 'task:t1:1000', incidentId: 'inc-1', title: 'Rollback due', body: '', dueAt: 1000, target: { view: 'incident' as const, incidentId: 'inc-1', item: 't1' } };
    const withExtras = { ...due, onclick: 'alert(1)', target: { ...due.target, url: 'https://evil.example/' } };
    const withoutItem = { ...due, key: 'task:t2:1000', target: { view: 'incident' as const, incidentId: 'inc-1' } };
    await expect(bridge.setDeadlines('inc-1', [withExtras, withoutItem])).resolves.toBeUndefined();
    expect(ipc.invoke).toHaveBeenCalledWith('notifications:set-deadlines', 'inc-1', [due, withoutItem]);
  });

  it('delivers a clicked notification\'s show-item intent', () => {
    const { ipc, bridge } = setup();
    const listener = vi.fn();
    bridge.onIntent(listener);
    ipc.push(INTENT_CHANNEL, { type: 'show-item', incidentId: 'inc-1', item: 't1' });
    ipc.push(INTENT_CHANNEL, { type: 'show-item', incidentId: '../../etc' });
    expect(listener.mock.calls).toEqual([[{ type: 'show-item', incidentId: 'inc-1', item: 't1' }]]);
  });

  it('passes main’s rejections through', async () => {
    const { ipc, bridge } = setup();
    ipc.invoke.mockRejectedValueOnce(new Error('window:set-title: invalid arguments'));
    await expect(bridge.setWindowTitle('x')).rejects.toThrow('invalid arguments');
  });

  it('delivers valid intents without the raw IPC event', () => {
    const { ipc, bridge } = setup();
    const listener = vi.fn();
    bridge.onIntent(listener);
    ipc.push(INTENT_CHANNEL, { type: 'declare-incident' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ type: 'declare-incident' } satisfies Intent]);
  });

  it('drops payloads that are not intents', () => {
    const { ipc, bridge } = setup();
    const listener = vi.fn();
    bridge.onIntent(listener);
    for (const payload of [undefined, null, 'declare-incident', { type: 'format-disk' }, { kind: 'declare-incident' }, ['declare-incident']]) {
      ipc.push(INTENT_CHANNEL, payload);
    }
    expect(listener).not.toHaveBeenCalled();
  });

  it('listens on the intent channel only', () => {
    const { ipc, bridge } = setup();
    const listener = vi.fn();
    bridge.onIntent(listener);
    ipc.push('some-other-channel', { type: 'declare-incident' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('unsubscribes exactly the listener it subscribed', () => {
    const { ipc, bridge } = setup();
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = bridge.onIntent(first);
    bridge.onIntent(second);
    unsubscribeFirst();
    ipc.push(INTENT_CHANNEL, { type: 'show-incident-list' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith({ type: 'show-incident-list' });
    expect(ipc.listeners.get(INTENT_CHANNEL)?.size).toBe(1);
  });
});

describe('preload entry', () => {
  afterEach(() => {
    vi.doUnmock('electron');
    vi.resetModules();
  });

  it('exposes the bridge under BRIDGE_KEY and nothing else', async () => {
    const exposeInMainWorld = vi.fn();
    const ipcRenderer = new FakeIpcRenderer();
    vi.resetModules();
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer }));
    await import('../../../src/preload/index');

    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, bridge] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe(BRIDGE_KEY);
    expect(Object.keys(bridge).sort()).toEqual(BRIDGE_FUNCTIONS);
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });
});

describe('preload bridge: Settings → Updates', () => {
  it('invokes the update channels with an address or null, nothing else', async () => {
    const { ipc, bridge } = setup();
    await bridge.getUpdateStatus();
    expect(ipc.invoke).toHaveBeenCalledWith('updates:get-status');
    await bridge.setUpdateFeed('http://updates.example.lan/command-post/');
    expect(ipc.invoke).toHaveBeenLastCalledWith('updates:set-feed', 'http://updates.example.lan/command-post/');
    await bridge.setUpdateFeed(null);
    expect(ipc.invoke).toHaveBeenLastCalledWith('updates:set-feed', null);
    // A page that sends an object gets none of it through.
    await bridge.setUpdateFeed({ toString: () => '/etc' } as never);
    expect(ipc.invoke).toHaveBeenLastCalledWith('updates:set-feed', null);
    await expect(bridge.checkForUpdates()).resolves.toBeUndefined();
    expect(ipc.invoke).toHaveBeenLastCalledWith('updates:check');
  });
});

describe('preload bridge: hotkeys and quick capture', () => {
  it('the hotkey calls invoke their channels with the contract’s fields only', async () => {
    const { ipc, bridge } = setup();
    await bridge.getHotkeyStatus();
    expect(ipc.invoke).toHaveBeenCalledWith('hotkeys:get-status');
    await bridge.setHotkeys({ ...DEFAULT_HOTKEYS, sneaky: 'Ctrl+Q' } as typeof DEFAULT_HOTKEYS);
    expect(ipc.invoke).toHaveBeenCalledWith('hotkeys:set-bindings', DEFAULT_HOTKEYS);
    await bridge.resetHotkeys();
    expect(ipc.invoke).toHaveBeenCalledWith('hotkeys:reset');
    await bridge.suspendHotkeys(true);
    expect(ipc.invoke).toHaveBeenCalledWith('hotkeys:suspend', true);
    await bridge.setCaptureTarget({ incidentId: 'inc-1', name: '26-Bravo', refusal: null, extra: 1 } as never);
    expect(ipc.invoke).toHaveBeenCalledWith('capture:set-target', { incidentId: 'inc-1', name: '26-Bravo', refusal: null });
    await bridge.setCaptureTarget(null);
    expect(ipc.invoke).toHaveBeenLastCalledWith('capture:set-target', null);
  });

  it('delivers the hotkey intents: capture, an entry to log, mark-key', () => {
    const { ipc, bridge } = setup();
    const listener = vi.fn();
    bridge.onIntent(listener);
    ipc.push(INTENT_CHANNEL, { type: 'capture', kind: 'decision', at: 1000 });
    ipc.push(INTENT_CHANNEL, { type: 'log-entry', incidentId: 'inc-1', kind: 'note', text: 'x', at: 1000 });
    ipc.push(INTENT_CHANNEL, { type: 'mark-key' });
    ipc.push(INTENT_CHANNEL, { type: 'log-entry', incidentId: 'inc-1', kind: 'declared', text: 'x', at: 1000 });
    ipc.push(INTENT_CHANNEL, { type: 'capture', kind: 'decision', at: -1 });
    expect(listener.mock.calls.map(([intent]) => (intent as Intent).type)).toEqual(['capture', 'log-entry', 'mark-key']);
  });

  it('the capture window’s bridge has submit, cancel and onOpen, and nothing of the main window’s', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createCaptureBridge(ipc as unknown as IpcRendererLike);
    expect(Object.keys(bridge).sort()).toEqual(['cancel', 'onOpen', 'submit']);
    await bridge.submit({ kind: 'decision', text: 'Fail over', at: 5, incidentId: 'other' } as never);
    expect(ipc.invoke).toHaveBeenCalledWith('capture:submit', { kind: 'decision', text: 'Fail over' });
    await bridge.cancel();
    expect(ipc.invoke).toHaveBeenCalledWith('capture:cancel');
  });

  it('the capture window hears valid presses only', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createCaptureBridge(ipc as unknown as IpcRendererLike);
    const listener = vi.fn();
    const off = bridge.onOpen(listener);
    ipc.push(CAPTURE_OPEN_CHANNEL, { kind: 'impact', at: 1000, target: { incidentId: 'inc-1', name: '26-Bravo', refusal: null } });
    ipc.push(CAPTURE_OPEN_CHANNEL, { kind: 'nonsense', at: 1000, target: null });
    ipc.push(CAPTURE_OPEN_CHANNEL, { kind: null, at: 'soon', target: null });
    ipc.push(INTENT_CHANNEL, { kind: null, at: 1000, target: null });
    expect(listener.mock.calls).toEqual([[{ kind: 'impact', at: 1000, target: { incidentId: 'inc-1', name: '26-Bravo', refusal: null } }]]);
    off();
    ipc.push(CAPTURE_OPEN_CHANNEL, { kind: null, at: 1000, target: null });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('the capture preload exposes the capture bridge under its own key and nothing else', async () => {
    const exposeInMainWorld = vi.fn();
    vi.resetModules();
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: new FakeIpcRenderer() }));
    await import('../../../src/preload/capture');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, bridge] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe(CAPTURE_BRIDGE_KEY);
    expect(Object.keys(bridge).sort()).toEqual(['cancel', 'onOpen', 'submit']);
    vi.doUnmock('electron');
  });
});
