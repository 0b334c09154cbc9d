/**
 * The wiring in src/main/index.ts, run against a fake 'electron' module
 * (vi.doMock: the real module is never loaded). The capabilities themselves
 * are tested in their own files; this checks that index.ts puts them together
 * in the right order and with the right arguments.
 */
import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, MenuItemConstructorOptions, WebFrameMain } from 'electron';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignalingServer, SignalingServerOptions } from '../../../src/main/signaling/server';
import { CAPTURE_OPEN_CHANNEL, INTENT_CHANNEL } from '../../../src/shared/ipc';
import { FakeEmitter, FakeIpcMain, fakeEvent, fakeFrame } from './fakes';
import { FakeGlobalShortcut } from './hotkey-fakes';

class FakeWebContents extends FakeEmitter {
  readonly send = vi.fn();
  readonly mainFrame: WebFrameMain;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  constructor(url: string) {
    super();
    this.mainFrame = fakeFrame({ url, frameTreeNodeId: 1 });
  }
  isDestroyed(): boolean {
    return false;
  }
  isLoading(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

function fakeElectron() {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  class BrowserWindow extends FakeEmitter {
    static readonly instances: BrowserWindow[] = [];
    static getAllWindows = (): BrowserWindow[] => BrowserWindow.instances;
    static fromWebContents = (contents: unknown): BrowserWindow | null =>
      BrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
    static getFocusedWindow = (): BrowserWindow | null => BrowserWindow.instances.find((w) => w.focused) ?? null;

    readonly webContents = new FakeWebContents('about:blank');
    readonly loadURL = vi.fn(async (url: string) => {
      Object.assign(this.webContents.mainFrame, { url });
    });
    readonly setTitle = vi.fn();
    visible = false;
    focused = false;
    readonly show = vi.fn(() => {
      this.visible = true;
    });
    readonly hide = vi.fn(() => {
      this.visible = false;
      this.focused = false;
    });
    readonly focus = vi.fn(() => {
      for (const other of BrowserWindow.instances) other.focused = other === this;
    });
    readonly restore = vi.fn();
    readonly setAlwaysOnTop = vi.fn();
    readonly setPosition = vi.fn();
    isDestroyed = (): boolean => false;
    isMinimized = (): boolean => false;
    isVisible = (): boolean => this.visible;
    isFocused = (): boolean => this.focused;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      BrowserWindow.instances.push(this);
    }
  }

  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    whenReady: vi.fn(() => ready),
    getName: () => 'Command Post',
    getVersion: () => '0.1.0',
    commandLine: { appendSwitch: vi.fn(), getSwitchValue: vi.fn(() => '') },
    // userData is a fresh directory per test: the settings file is really read and written.
    getPath: vi.fn((name: string) => (name === 'userData' ? userData : `/home/dana/${name}`)),
    // The project folder of a development build: one without resources/update-signing-key.pem.
    getAppPath: () => userData,
  });
  /** Electron's Notification: every one shown, to click in a test. */
  class Notification extends FakeEmitter {
    static readonly shown: Notification[] = [];
    static isSupported = (): boolean => true;
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show(): void {
      Notification.shown.push(this);
    }
  }
  const electron = {
    app,
    Notification,
    powerMonitor: new FakeEmitter(),
    BrowserWindow,
    ipcMain: new FakeIpcMain(),
    Menu: { buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => template), setApplicationMenu: vi.fn() },
    net: { fetch: vi.fn() },
    dialog: {
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] })),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn(async () => {}) },
    globalShortcut: new FakeGlobalShortcut(),
    screen: {
      getCursorScreenPoint: () => ({ x: 2000, y: 100 }),
      getDisplayNearestPoint: () => ({ workArea: { x: 1920, y: 0, width: 1920, height: 1080 } }),
    },
  };
  return { electron, markReady: () => markReady(), signaling: fakeSignaling() };
}

/** The signaling server module with its start replaced: the tests never bind a port here. */
function fakeSignaling() {
  const close = vi.fn(async () => {});
  const startSignalingServer = vi.fn(
    async (options: SignalingServerOptions): Promise<SignalingServer> => ({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 4444,
      url: `ws://127.0.0.1:${options.port ?? 4444}`,
      close,
      stats: () => ({ connections: 0, clients: 0, topics: 0, subscriptions: 0 }),
    }),
  );
  return { startSignalingServer, close };
}

type Fake = ReturnType<typeof fakeElectron>;

let userData = '';

const SIGNALING_SERVER_MODULE = '../../../src/main/signaling/server';

function mockModules(fake: Fake): void {
  vi.resetModules();
  vi.doMock('electron', () => fake.electron);
  vi.doMock(SIGNALING_SERVER_MODULE, async (importOriginal) => ({
    ...(await importOriginal<typeof import('../../../src/main/signaling/server')>()),
    startSignalingServer: fake.signaling.startSignalingServer,
  }));
}

async function start(env: { ELECTRON_RENDERER_URL?: string } = {}, packaged = false): Promise<Fake> {
  const fake = fakeElectron();
  fake.electron.app.isPackaged = packaged;
  mockModules(fake);
  if (env.ELECTRON_RENDERER_URL) vi.stubEnv('ELECTRON_RENDERER_URL', env.ELECTRON_RENDERER_URL);
  else vi.stubEnv('ELECTRON_RENDERER_URL', '');
  await import('../../../src/main/index');
  return fake;
}

/** The window whose preload is this one (index.cjs: the main window; capture.cjs: quick capture). */
function windowWithPreload(fake: Fake, preload: 'index' | 'capture') {
  return fake.electron.BrowserWindow.instances.find((w) => new RegExp(`[/\\\\]preload[/\\\\]${preload}\\.cjs$`).test(w.options.webPreferences?.preload ?? ''));
}

async function startReady(env: { ELECTRON_RENDERER_URL?: string } = {}, packaged = false) {
  const fake = await start(env, packaged);
  fake.markReady();
  // The main window, and the quick-capture window created hidden beside it.
  await vi.waitFor(() => expect(fake.electron.BrowserWindow.instances).toHaveLength(2));
  const window = windowWithPreload(fake, 'index');
  const capture = windowWithPreload(fake, 'capture');
  if (!window || !capture) throw new Error('no window');
  return { ...fake, window, capture };
}

describe('main entry', () => {
  beforeEach(async () => {
    userData = await mkdtemp(join(tmpdir(), 'command-post-userdata-'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.stubEnv('COMMAND_POST_SIGNALING_PORT', undefined);
    vi.stubEnv('COMMAND_POST_SIGNALING_LAN', undefined);
  });
  afterEach(async () => {
    await rm(userData, { recursive: true, force: true });
    vi.doUnmock('electron');
    vi.doUnmock(SIGNALING_SERVER_MODULE);
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('sandboxes everything and registers app:// before ready, and nothing else', async () => {
    const { electron, signaling } = await start();
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    expect(electron.ipcMain.handlers.size).toBe(0);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(signaling.startSignalingServer).not.toHaveBeenCalled();
  });

  it('on ready, serves app://, registers IPC, sets the menu and opens the window', async () => {
    const { electron, window } = await startReady();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([
      'app:get-info',
      'capture:cancel',
      'capture:set-target',
      'capture:submit',
      'discovery:get-status',
      'discovery:set-settings',
      'discovery:share',
      'discovery:unshare',
      'discovery:watch',
      'file:save-pdf',
      'file:save-text',
      'hotkeys:get-status',
      'hotkeys:reset',
      'hotkeys:set-bindings',
      'hotkeys:suspend',
      'notifications:set-deadlines',
      'signaling:get-status',
      'signaling:set-settings',
      'updates:check',
      'updates:get-status',
      'updates:set-feed',
      'window:open-status',
      'window:set-title',
    ]);
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledWith(expect.any(Function));
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(window.options.webPreferences?.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://command-post/index.html');
  });

  it('loads the dev server instead of app:// under electron-vite dev', async () => {
    const { electron, window } = await startReady({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(electron.protocol.handle).not.toHaveBeenCalled();
  });

  it('a packaged build ignores the renderer URL override and has no developer tools in any window or in the menu', async () => {
    const roles = (template: MenuItemConstructorOptions[]): string[] =>
      template.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
    const menuOf = (electron: Fake['electron']) => electron.Menu.buildFromTemplate.mock.calls[0]![0];

    const packaged = await startReady({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true);
    expect(packaged.window.loadURL).toHaveBeenCalledWith('app://command-post/index.html');
    const fromWindow = { sender: packaged.window.webContents, senderFrame: packaged.window.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    await packaged.electron.ipcMain.invoke('window:open-status', fromWindow, 'inc-1');
    const all = packaged.electron.BrowserWindow.instances;
    expect(all).toHaveLength(3);
    for (const window of all) expect(window.options.webPreferences?.devTools).toBe(false);
    expect(roles(menuOf(packaged.electron))).not.toEqual(expect.arrayContaining(['toggleDevTools']));
    expect(roles(menuOf(packaged.electron))).not.toContain('reload');

    // The same start in a development build keeps them, so the switch is what removes them.
    vi.resetModules();
    const dev = await startReady({}, false);
    expect(dev.window.options.webPreferences?.devTools).toBe(true);
    expect(roles(menuOf(dev.electron))).toContain('toggleDevTools');
  });

  it('accepts IPC from the main window only', async () => {
    const { electron, window } = await startReady();
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    await electron.ipcMain.invoke('window:set-title', fromWindow, 'INC-1');
    expect(window.setTitle).toHaveBeenCalledWith('INC-1');

    const stranger = new FakeWebContents('app://command-post/index.html');
    const fromStranger = { sender: stranger, senderFrame: stranger.mainFrame } as unknown as IpcMainInvokeEvent;
    await expect(electron.ipcMain.invoke('window:set-title', fromStranger, 'pwned')).rejects.toThrow(/rejected/);
    expect(window.setTitle).toHaveBeenCalledTimes(1);
  });

  it('opens one observer window per incident, sandboxed and without the bridge, on its status route', async () => {
    const { electron, window } = await startReady();
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    // The main window and the hidden quick-capture window are there from the start.
    const before = electron.BrowserWindow.instances.length;
    await electron.ipcMain.invoke('window:open-status', fromWindow, 'inc-1');
    expect(electron.BrowserWindow.instances).toHaveLength(before + 1);
    const observer = electron.BrowserWindow.instances[before]!;
    expect(observer.loadURL).toHaveBeenCalledWith('app://command-post/index.html#/status/inc-1');
    expect(observer.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(observer.options.webPreferences?.preload).toBeUndefined();
    // Asked again: the same window comes up, no second one.
    await electron.ipcMain.invoke('window:open-status', fromWindow, 'inc-1');
    expect(electron.BrowserWindow.instances).toHaveLength(before + 1);
    expect(observer.focus).toHaveBeenCalled();
    // The observer itself can call nothing: main refuses any sender but the main window.
    const fromObserver = { sender: observer.webContents, senderFrame: observer.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    await expect(electron.ipcMain.invoke('window:open-status', fromObserver, 'inc-2')).rejects.toThrow(/rejected/);
    await expect(electron.ipcMain.invoke('window:open-status', fromWindow, '../../etc')).rejects.toThrow(/invalid arguments/);
    expect(electron.BrowserWindow.instances).toHaveLength(before + 1);
  });

  it('saving a file opens the save dialog on the window that asked, in Downloads', async () => {
    const { electron, window } = await startReady();
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    await expect(electron.ipcMain.invoke('file:save-text', fromWindow, { suggestedName: '26-Bravo.cpinc', content: '{}' })).resolves.toBe('cancelled');
    expect(electron.dialog.showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: expect.stringMatching(/^[/\\]home[/\\]dana[/\\]downloads[/\\]26-Bravo\.cpinc$/) }));
  });

  it('menu accelerators reach the window as intents', async () => {
    const { electron, window } = await startReady();
    const template = electron.Menu.buildFromTemplate.mock.calls[0]?.[0] ?? [];
    const items = template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
    const declare = items.find((item) => item.accelerator === 'CmdOrCtrl+Shift+D');
    (declare?.click as () => void)();
    expect(window.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, { type: 'declare-incident' });
  });

  it('Check for updates… with no update source set explains how one is set, on the main window, and fetches nothing', async () => {
    vi.stubEnv('COMMAND_POST_UPDATE_URL', undefined);
    // electron-updater is not even loaded: with no source there is nothing for it to do.
    const loadUpdater = vi.fn(() => ({ default: { autoUpdater: {} } }));
    vi.doMock('electron-updater', loadUpdater);
    const { electron, window } = await startReady();
    const template = electron.Menu.buildFromTemplate.mock.calls[0]?.[0] ?? [];
    const items = template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
    (items.find((item) => item.label === 'Check for updates…')?.click as () => void)();
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1));
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(window, expect.objectContaining({ message: 'No update source is set for this machine.' }));
    expect(electron.net.fetch).not.toHaveBeenCalled();
    expect(loadUpdater).not.toHaveBeenCalled();
    vi.doUnmock('electron-updater');
  });

  it('Settings → Updates saves the address in settings.json, and its Check for updates now runs the menu’s check on that address', async () => {
    vi.stubEnv('COMMAND_POST_UPDATE_URL', undefined);
    const { electron, window } = await startReady();
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    await expect(electron.ipcMain.invoke('updates:get-status', fromWindow)).resolves.toMatchObject({ feedUrl: null, inUse: null, packaged: false, hasSigningKey: false });
    await expect(electron.ipcMain.invoke('updates:set-feed', fromWindow, '/mnt/updates/command-post')).resolves.toMatchObject({ error: null, status: { inUse: 'the folder /mnt/updates/command-post' } });
    expect(JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8'))).toMatchObject({ updates: { feedUrl: '/mnt/updates/command-post' } });
    await expect(electron.ipcMain.invoke('updates:check', fromWindow)).resolves.toBeUndefined();
    // The address is now set: the check gets as far as this development build, on the main window.
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(window, expect.objectContaining({ message: 'Updates are not available in a development build.' })));
  });

  it('a due deadline becomes an OS notification; clicking it brings the minimized window up on the incident', async () => {
    const { electron, window } = await startReady();
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    const dueAt = Date.now() - 1000;
    const notice = { key: `task:t1:${dueAt}`, incidentId: 'inc-1', title: 'Rollback due', body: 'Owner: Dana', dueAt, target: { view: 'incident', incidentId: 'inc-1', item: 't1' } };
    await electron.ipcMain.invoke('notifications:set-deadlines', fromWindow, 'inc-1', [notice]);
    expect(electron.Notification.shown.map((n) => n.options)).toEqual([{ title: 'Rollback due', body: 'Owner: Dana' }]);
    window.isMinimized = () => true;
    electron.Notification.shown[0]?.emit('click');
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, { type: 'show-item', incidentId: 'inc-1', item: 't1' });
    // Sent again (the renderer re-sends its list on every change): not shown twice, and it is on disk.
    await electron.ipcMain.invoke('notifications:set-deadlines', fromWindow, 'inc-1', [notice]);
    expect(electron.Notification.shown).toHaveLength(1);
    await vi.waitFor(async () => expect(JSON.parse(await readFile(join(userData, 'notifications.json'), 'utf8')).delivered).toHaveProperty(notice.key));
    await electron.ipcMain.invoke('notifications:set-deadlines', fromWindow, 'inc-1', []);
  });

  it('guards every new WebContents', async () => {
    const { electron } = await startReady();
    const contents = new FakeWebContents('app://command-post/index.html');
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.com/');
    const navigation = fakeEvent('https://example.com/');
    contents.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);
  });

  it('a second instance quits without opening anything', async () => {
    const fake = fakeElectron();
    fake.electron.app.requestSingleInstanceLock.mockReturnValue(false);
    mockModules(fake);
    await import('../../../src/main/index');
    fake.markReady();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.electron.BrowserWindow.instances).toHaveLength(0);
    expect(fake.electron.ipcMain.handlers.size).toBe(0);
    expect(fake.signaling.startSignalingServer).not.toHaveBeenCalled();
  });

  it('on ready, starts the signaling server on this machine only, and logs where', async () => {
    const { signaling } = await startReady();
    expect(signaling.startSignalingServer).toHaveBeenCalledTimes(1);
    expect(signaling.startSignalingServer).toHaveBeenCalledWith(expect.objectContaining({ host: '127.0.0.1', port: 4444 }));
    await vi.waitFor(() =>
      expect(console.log).toHaveBeenCalledWith('[command-post] Signaling server listening on ws://127.0.0.1:4444 (this machine only).'),
    );
  });

  it('exposes signaling on the LAN only when the environment says so', async () => {
    vi.stubEnv('COMMAND_POST_SIGNALING_PORT', '5555');
    vi.stubEnv('COMMAND_POST_SIGNALING_LAN', '1');
    const { signaling } = await startReady();
    expect(signaling.startSignalingServer).toHaveBeenCalledWith(expect.objectContaining({ host: '0.0.0.0', port: 5555 }));
  });

  it('closes the signaling server before quitting', async () => {
    const { electron, signaling } = await startReady();
    await vi.waitFor(() => expect(console.log).toHaveBeenCalled());
    const quitting = fakeEvent();
    electron.app.emit('will-quit', quitting);
    expect(quitting.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
    expect(signaling.close).toHaveBeenCalledTimes(1);
    const again = fakeEvent();
    electron.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });

  it('a signaling port that is taken is reported and the app opens anyway', async () => {
    const fake = fakeElectron();
    fake.signaling.startSignalingServer.mockRejectedValue(new Error('Signaling server could not listen on 127.0.0.1:4444: port 4444 is already in use.'));
    mockModules(fake);
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await import('../../../src/main/index');
    fake.markReady();
    await vi.waitFor(() => expect(fake.electron.BrowserWindow.instances).toHaveLength(2));
    await vi.waitFor(() => expect(console.error).toHaveBeenCalledWith(expect.stringMatching(/^\[command-post\] Signaling server not started.*already in use/)));
    expect(fake.electron.app.quit).not.toHaveBeenCalled();
  });

  it('starts signaling where the settings file says, and an environment variable still wins', async () => {
    await writeFile(join(userData, 'settings.json'), JSON.stringify({ version: 1, signaling: { exposeOnLan: true, port: 5001 } }));
    vi.stubEnv('COMMAND_POST_SIGNALING_PORT', '5555');
    const { signaling } = await startReady();
    expect(signaling.startSignalingServer).toHaveBeenCalledWith(expect.objectContaining({ host: '0.0.0.0', port: 5555 }));
  });

  it('a corrupt settings file is reported and kept aside, and the app opens with the defaults', async () => {
    await writeFile(join(userData, 'settings.json'), '{"signaling": ');
    const { signaling, electron } = await startReady();
    expect(signaling.startSignalingServer).toHaveBeenCalledWith(expect.objectContaining({ host: '127.0.0.1', port: 4444 }));
    expect(console.error).toHaveBeenCalledWith(expect.stringMatching(/^\[command-post\] settings: The settings file .* is not valid JSON/));
    const names = await readdir(userData);
    expect(names).toContain('settings.json');
    const aside = names.find((name) => name.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(userData, aside ?? ''), 'utf8')).toBe('{"signaling": ');
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('changing the signaling settings from the window moves the server and saves them in userData', async () => {
    const { electron, window, signaling } = await startReady();
    await vi.waitFor(() => expect(signaling.startSignalingServer).toHaveBeenCalledTimes(1));
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    const result = await electron.ipcMain.invoke('signaling:set-settings', fromWindow, { exposeOnLan: true, port: 5002 });
    expect(result).toMatchObject({ error: null, status: { listening: true, exposedOnLan: true, port: 5002 } });
    expect(signaling.startSignalingServer).toHaveBeenLastCalledWith(expect.objectContaining({ host: '0.0.0.0', port: 5002 }));
    expect(signaling.close).toHaveBeenCalledTimes(1);
    expect(JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8'))).toMatchObject({ version: 1, signaling: { exposeOnLan: true, port: 5002 } });
    await expect(electron.ipcMain.invoke('signaling:get-status', fromWindow)).resolves.toMatchObject({ settings: { exposeOnLan: true, port: 5002 } });
  });

  it('registers the default hotkeys; a press elsewhere opens the capture window, told first, and its entry reaches the main window as an intent', async () => {
    const { electron, window, capture } = await startReady();
    const keys = [...electron.globalShortcut.registered.keys()].sort();
    expect(keys).toEqual([
      'CommandOrControl+Alt+Shift+1',
      'CommandOrControl+Alt+Shift+2',
      'CommandOrControl+Alt+Shift+3',
      'CommandOrControl+Alt+Shift+4',
      'CommandOrControl+Alt+Shift+5',
      'CommandOrControl+Alt+Shift+6',
      'CommandOrControl+Alt+Shift+K',
      'CommandOrControl+Alt+Shift+Space',
    ]);
    expect(capture.options).toMatchObject({ show: false, frame: false, alwaysOnTop: true, skipTaskbar: true });
    expect(capture.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(capture.loadURL).toHaveBeenCalledWith('app://command-post/capture.html');
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    const fromCapture = { sender: capture.webContents, senderFrame: capture.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    await electron.ipcMain.invoke('capture:set-target', fromWindow, { incidentId: 'inc-1', name: '26-Bravo', refusal: null });

    const before = Date.now();
    expect(electron.globalShortcut.press('CommandOrControl+Alt+Shift+2')).toBe(true);
    const open = capture.webContents.send.mock.calls.find(([channel]) => channel === CAPTURE_OPEN_CHANNEL)?.[1] as { kind: string; at: number; target: unknown };
    expect(open).toMatchObject({ kind: 'decision', target: { incidentId: 'inc-1', name: '26-Bravo', refusal: null } });
    expect(open.at).toBeGreaterThanOrEqual(before);
    // Placed on the display under the pointer, then shown and focused.
    expect(capture.setPosition).toHaveBeenCalledWith(2570, 233);
    expect(capture.show).toHaveBeenCalled();
    expect(capture.focus).toHaveBeenCalled();
    // Told before it is shown, so the keys typed after the chord come after the press.
    expect(capture.webContents.send.mock.invocationCallOrder[0]).toBeLessThan(capture.show.mock.invocationCallOrder[0]!);

    // The main window may not submit capture entries; the capture window may not use the main window's calls.
    await expect(electron.ipcMain.invoke('capture:submit', fromWindow, { kind: 'decision', text: 'x' })).rejects.toThrow(/rejected/);
    await expect(electron.ipcMain.invoke('capture:set-target', fromCapture, null)).rejects.toThrow(/rejected/);

    await expect(electron.ipcMain.invoke('capture:submit', fromCapture, { kind: 'decision', text: '  Fail over to the replica ' })).resolves.toEqual({ ok: true });
    expect(window.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, { type: 'log-entry', incidentId: 'inc-1', kind: 'decision', text: 'Fail over to the replica', at: open.at });
    expect(capture.hide).toHaveBeenCalled();
  });

  it('a press while the main window has focus opens capture in its page; mark-key goes to the page without a window', async () => {
    const { electron, window, capture } = await startReady();
    window.focus();
    electron.globalShortcut.press('CommandOrControl+Alt+Shift+5');
    expect(window.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, expect.objectContaining({ type: 'capture', kind: 'followup' }));
    electron.globalShortcut.press('CommandOrControl+Alt+Shift+K');
    expect(window.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, { type: 'mark-key' });
    expect(capture.show).not.toHaveBeenCalled();
  });

  it('a hotkey another program holds is reported through hotkeys:get-status, and the keys are let go of on quit', async () => {
    const fake = fakeElectron();
    fake.electron.globalShortcut.taken.add('CommandOrControl+Alt+Shift+2');
    mockModules(fake);
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await import('../../../src/main/index');
    fake.markReady();
    await vi.waitFor(() => expect(fake.electron.BrowserWindow.instances).toHaveLength(2));
    const window = windowWithPreload(fake, 'index')!;
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    const status = (await fake.electron.ipcMain.invoke('hotkeys:get-status', fromWindow)) as { entries: { action: string; state: string; message: string | null }[] };
    expect(status.entries.find((e) => e.action === 'decision')).toMatchObject({ state: 'taken', message: expect.stringMatching(/taken by another program/) });
    expect(status.entries.filter((e) => e.state === 'registered')).toHaveLength(7);
    fake.electron.app.emit('will-quit', fakeEvent());
    expect(fake.electron.globalShortcut.registered.size).toBe(0);
  });

  it('in a Wayland session, turns on the GlobalShortcuts portal before ready and says so in the status', async () => {
    vi.stubEnv('XDG_SESSION_TYPE', 'wayland');
    const { electron, window } = await startReady();
    if (process.platform !== 'linux') return;
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('enable-features', 'GlobalShortcutsPortal,GlobalShortcutsPortalPreferredTrigger');
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame } as unknown as IpcMainInvokeEvent;
    const status = (await electron.ipcMain.invoke('hotkeys:get-status', fromWindow)) as { sessionNotice: string | null; entries: { state: string }[] };
    expect(status.sessionNotice).toMatch(/Wayland session/);
    expect(new Set(status.entries.map((e) => e.state))).toEqual(new Set(['unconfirmed']));
  });
});
