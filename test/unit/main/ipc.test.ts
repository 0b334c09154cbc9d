import { DISCOVERY_STATUS, fakeDiscovery } from './discovery-fakes';
import { fakeUpdateSettings, UPDATE_STATUS } from './update-settings-fakes';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MAX_DEADLINES_PER_INCIDENT, MAX_SAVED_TEXT_CHARS, invokeContract, type DeadlineNotice, type SignalingPreferences, type SignalingStatus } from '../../../src/shared/ipc';
import type { PdfOptions, SavePdfDeps } from '../../../src/main/files/save-pdf';
import { createInvokeHandlers } from '../../../src/main/ipc/handlers';
import { registerInvokeHandlers } from '../../../src/main/ipc/register';
import type { InvokeHandlers } from '../../../src/main/ipc/types';
import { APP_ORIGIN, createOriginAllowlist } from '../../../src/main/security/origins';
import { createTrustedSenderCheck } from '../../../src/main/security/trusted-sender';
import { FakeIpcMain, fakeFrame, fakeInvokeEvent, fakeWebContents } from './fakes';
import { fakeHotkeyDeps, HOTKEY_STATUS } from './hotkey-fakes';

const INFO = { name: 'Command Post', version: '0.1.0', platform: 'linux', electron: '45.4.1' };

const STATUS: SignalingStatus = {
  listening: true,
  port: 4444,
  exposedOnLan: false,
  localUrl: 'ws://127.0.0.1:4444',
  lanAddresses: ['192.168.1.20'],
  error: null,
  settings: { exposeOnLan: false, port: 4444 },
  envOverrides: { exposeOnLan: null, port: null },
  settingsProblem: null,
};

/** A deadline of incident inc-1, with whatever a test changes. */
function notice(overrides: Record<string, unknown> = {}): DeadlineNotice {
  return {
    key: 'task:t1:1000',
    incidentId: 'inc-1',
    title: 'Rollback due',
    body: 'Roll back the 14:05 deploy',
    dueAt: 1000,
    target: { view: 'incident', incidentId: 'inc-1', item: 't1' },
    ...overrides,
  } as DeadlineNotice;
}

/** The signaling handle as main has it, answering with STATUS. */
function fakeSignaling() {
  return {
    status: vi.fn(async () => STATUS),
    change: vi.fn(async (preferences: SignalingPreferences) => ({ status: { ...STATUS, settings: preferences }, error: null })),
  };
}

/** File deps whose dialog always answers `filePath` and whose writes land in `written`. */
function fakeFiles(filePath = '/tmp/out.cpinc') {
  const written = new Map<string, string | Uint8Array>();
  const printed: { sender: WebContents; options: PdfOptions }[] = [];
  const files: SavePdfDeps = {
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath })),
    defaultDirectory: () => '/tmp',
    writeFile: async (path, content) => {
      written.set(path, content);
    },
    rename: async (from, to) => {
      written.set(to, written.get(from) ?? '');
      written.delete(from);
    },
    remove: async () => {},
    now: () => 0,
    printToPdf: async (sender, options) => {
      printed.push({ sender, options });
      return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    },
  };
  return { files, written, printed };
}

function setup(handlers?: Partial<InvokeHandlers>) {
  const ipcMain = new FakeIpcMain();
  const main = fakeWebContents('app://command-post/index.html');
  const setTitle = vi.fn();
  const { files, written, printed } = fakeFiles();
  const signaling = fakeSignaling();
  const notifications = { setDeadlines: vi.fn() };
  const statusWindows = { open: vi.fn() };
  const real = createInvokeHandlers({
      discovery: fakeDiscovery(),
      updates: fakeUpdateSettings(),
    app: { getName: () => INFO.name, getVersion: () => INFO.version },
    platform: 'linux',
    electronVersion: INFO.electron,
    windowFromWebContents: (contents) => (contents === main ? { setTitle, isDestroyed: () => false } : null),
    files,
    signaling,
    notifications,
    ...fakeHotkeyDeps(),
    statusWindows,
  });
  const isTrusted = createTrustedSenderCheck(() => main, createOriginAllowlist([APP_ORIGIN]));
  const unregister = registerInvokeHandlers(ipcMain, { ...real, ...handlers }, isTrusted);
  return { ipcMain, main, setTitle, files, written, printed, signaling, notifications, statusWindows, unregister, trusted: fakeInvokeEvent(main) };
}

describe('registerInvokeHandlers', () => {
  it('registers exactly the channels of the contract', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(invokeContract).sort());
  });

  it('answers a valid call from the trusted sender', async () => {
    const { ipcMain, trusted, setTitle } = setup();
    await expect(ipcMain.invoke('app:get-info', trusted)).resolves.toEqual(INFO);
    await expect(ipcMain.invoke('window:set-title', trusted, 'INC-42 · Checkout down')).resolves.toBeUndefined();
    expect(setTitle).toHaveBeenCalledWith('INC-42 · Checkout down');
  });

  it('rejects arguments that do not match the schema, without calling the handler', async () => {
    const { ipcMain, trusted, setTitle } = setup();
    await expect(ipcMain.invoke('window:set-title', trusted, 42)).rejects.toThrow(/^window:set-title: invalid arguments/);
    await expect(ipcMain.invoke('window:set-title', trusted, 'x'.repeat(201))).rejects.toThrow(/invalid arguments/);
    await expect(ipcMain.invoke('window:set-title', trusted)).rejects.toThrow(/invalid arguments/);
    await expect(ipcMain.invoke('window:set-title', trusted, 'ok', 'extra')).rejects.toThrow(/invalid arguments/);
    await expect(ipcMain.invoke('app:get-info', trusted, { sneaky: true })).rejects.toThrow(/^app:get-info: invalid arguments/);
    expect(setTitle).not.toHaveBeenCalled();
  });

  it('opens the observer window for a valid incident id only', async () => {
    const { ipcMain, statusWindows, trusted } = setup();
    await expect(ipcMain.invoke('window:open-status', trusted, 'inc-1')).resolves.toBeUndefined();
    expect(statusWindows.open).toHaveBeenCalledWith('inc-1');
    for (const bad of ['', '../index.html', 'inc 1', 'a'.repeat(65), 7]) {
      await expect(ipcMain.invoke('window:open-status', trusted, bad)).rejects.toThrow(/^window:open-status: invalid arguments/);
    }
    expect(statusWindows.open).toHaveBeenCalledTimes(1);
  });

  it('saves a text file where the user chose', async () => {
    const { ipcMain, trusted, written } = setup();
    await expect(ipcMain.invoke('file:save-text', trusted, { suggestedName: '26-Bravo.cpinc', content: '{}' })).resolves.toBe('saved');
    // Close to a device name is not one: these are files.
    for (const name of ['console.md', 'CONTRIBUTORS.csv', 'com10.cpinc', 'nul-report.csv', 'Café_مرحبا.cpinc']) {
      await expect(ipcMain.invoke('file:save-text', trusted, { suggestedName: name, content: '{}' }), name).resolves.toBe('saved');
    }
    expect([...written]).toEqual([['/tmp/out.cpinc', '{}']]);
  });

  it('prints the asking page to a PDF on the paper asked for, and saves it where the user chose', async () => {
    const { ipcMain, trusted, written, printed, main } = setup();
    await expect(ipcMain.invoke('file:save-pdf', trusted, { suggestedName: '26-Bravo ICS 201.pdf', paper: 'a4' })).resolves.toBe('saved');
    expect(printed).toEqual([{ sender: main, options: { pageSize: 'A4', printBackground: true, preferCSSPageSize: true } }]);
    expect([...written]).toEqual([['/tmp/out.cpinc', new Uint8Array([0x25, 0x50, 0x44, 0x46])]]);
    await ipcMain.invoke('file:save-pdf', trusted, { suggestedName: 'x.pdf', paper: 'letter' });
    expect(printed[1]!.options.pageSize).toBe('Letter');
    for (const bad of [{ suggestedName: 'x.pdf', paper: 'a3' }, { suggestedName: 'x.exe', paper: 'a4' }, { suggestedName: '../x.pdf', paper: 'a4' }, { suggestedName: 'x.pdf' }]) {
      await expect(ipcMain.invoke('file:save-pdf', trusted, bad), JSON.stringify(bad)).rejects.toThrow(/^file:save-pdf: invalid arguments/);
    }
    expect(printed).toHaveLength(2);
  });

  it('refuses a file name that is a path or that file systems refuse, and oversized or extra content', async () => {
    const { ipcMain, trusted, files, written } = setup();
    const bad: unknown[] = [
      { suggestedName: '../../.bashrc', content: 'x' },
      { suggestedName: '/etc/passwd', content: 'x' },
      { suggestedName: 'C:\\Windows\\x.cpinc', content: 'x' },
      { suggestedName: 'a/b.cpinc', content: 'x' },
      { suggestedName: '.hidden', content: 'x' },
      { suggestedName: '..', content: 'x' },
      { suggestedName: 'trailing.', content: 'x' },
      { suggestedName: '', content: 'x' },
      { suggestedName: 'nul\u0000.cpinc', content: 'x' },
      { suggestedName: 'line\nbreak.cpinc', content: 'x' },
      { suggestedName: 'x'.repeat(121), content: 'x' },
      // Names Windows keeps for devices, whatever the case, extension or trailing space.
      { suggestedName: 'CON', content: 'x' },
      { suggestedName: 'nul.txt', content: 'x' },
      { suggestedName: 'Com1.cpinc', content: 'x' },
      { suggestedName: 'lpt9 .csv', content: 'x' },
      { suggestedName: 'COM¹.md', content: 'x' },
      // A right-to-left override that makes "…exe.pdf" read as a PDF, and other hidden marks.
      { suggestedName: 'invoice\u202Efdp.exe', content: 'x' },
      { suggestedName: 'report\u2066.cpinc', content: 'x' },
      { suggestedName: 'a\u200Fb.cpinc', content: 'x' },
      { suggestedName: 'c1\u0085.cpinc', content: 'x' },
      { suggestedName: 'ok.cpinc', content: 42 },
      { suggestedName: 'ok.cpinc', content: 'x', path: '/etc/passwd' },
      { suggestedName: 'ok.cpinc' },
      'ok.cpinc',
    ];
    for (const request of bad) {
      await expect(ipcMain.invoke('file:save-text', trusted, request), JSON.stringify(request)).rejects.toThrow(/^file:save-text: invalid arguments/);
    }
    await expect(ipcMain.invoke('file:save-text', trusted, { suggestedName: 'big.cpinc', content: 'x'.repeat(MAX_SAVED_TEXT_CHARS + 1) })).rejects.toThrow(
      /larger than 64 MB/,
    );
    expect(files.showSaveDialog).not.toHaveBeenCalled();
    expect(written.size).toBe(0);
  });

  it('answers the signaling status and passes valid signaling settings to main', async () => {
    const { ipcMain, trusted, signaling } = setup();
    await expect(ipcMain.invoke('signaling:get-status', trusted)).resolves.toEqual(STATUS);
    const result = await ipcMain.invoke('signaling:set-settings', trusted, { exposeOnLan: true, port: 5555 });
    expect(result).toMatchObject({ status: { settings: { exposeOnLan: true, port: 5555 } }, error: null });
    expect(signaling.change).toHaveBeenCalledWith({ exposeOnLan: true, port: 5555 });
    // The bounds are inclusive.
    await ipcMain.invoke('signaling:set-settings', trusted, { exposeOnLan: false, port: 1024 });
    await ipcMain.invoke('signaling:set-settings', trusted, { exposeOnLan: false, port: 65535 });
    expect(signaling.change).toHaveBeenCalledTimes(3);
  });

  it('refuses signaling settings that are not a port from 1024 to 65535 and a yes/no, without touching the server', async () => {
    const { ipcMain, trusted, signaling } = setup();
    const bad: [unknown, RegExp][] = [
      [{ exposeOnLan: true, port: 80 }, /lower ports need administrator rights/],
      [{ exposeOnLan: true, port: 0 }, /1024 to 65535/],
      [{ exposeOnLan: true, port: 65536 }, /1024 to 65535/],
      [{ exposeOnLan: true, port: 4444.5 }, /whole number/],
      [{ exposeOnLan: true, port: '4444' }, /must be a number/],
      [{ exposeOnLan: 'yes', port: 4444 }, /exposeOnLan/],
      [{ port: 4444 }, /exposeOnLan/],
      [{ exposeOnLan: true, port: 4444, host: '0.0.0.0' }, /host/],
      [null, /invalid arguments/],
    ];
    for (const [payload, message] of bad) {
      const call = ipcMain.invoke('signaling:set-settings', trusted, payload);
      await expect(call, JSON.stringify(payload)).rejects.toThrow(/^signaling:set-settings: invalid arguments/);
      await expect(ipcMain.invoke('signaling:set-settings', trusted, payload), JSON.stringify(payload)).rejects.toThrow(message);
    }
    await expect(ipcMain.invoke('signaling:get-status', trusted, 'extra')).rejects.toThrow(/^signaling:get-status: invalid arguments/);
    expect(signaling.change).not.toHaveBeenCalled();
  });

  it('passes one incident\'s deadlines to the notifications, an empty list too', async () => {
    const { ipcMain, trusted, notifications } = setup();
    await expect(ipcMain.invoke('notifications:set-deadlines', trusted, 'inc-1', [notice()])).resolves.toBeUndefined();
    expect(notifications.setDeadlines).toHaveBeenCalledWith('inc-1', [notice()]);
    await ipcMain.invoke('notifications:set-deadlines', trusted, 'inc-1', []);
    expect(notifications.setDeadlines).toHaveBeenLastCalledWith('inc-1', []);
    const full = Array.from({ length: MAX_DEADLINES_PER_INCIDENT }, (_, i) => notice({ key: `task:${i}:1000` }));
    await ipcMain.invoke('notifications:set-deadlines', trusted, 'inc-1', full);
    expect(notifications.setDeadlines).toHaveBeenCalledTimes(3);
  });

  it('refuses deadlines that are malformed, too many, of another incident or twice the same, and schedules none of them', async () => {
    const { ipcMain, trusted, notifications } = setup();
    const bad: [unknown[], RegExp][] = [
      [['inc-1', [notice({ title: 'x'.repeat(121) })]], /longer than 120/],
      [['inc-1', [notice({ body: 'x'.repeat(301) })]], /longer than 300/],
      [['inc-1', [notice({ key: '' })]], /empty key/],
      [['inc-1', [notice({ dueAt: -1 })]], /dueAt/],
      [['inc-1', [notice({ dueAt: 1.5 })]], /dueAt/],
      [['inc-1', [notice({ dueAt: '1000' })]], /dueAt/],
      [['inc-1', [{ ...notice(), onclick: 'x' }]], /onclick/],
      [['inc-1', [notice({ target: { view: 'settings', incidentId: 'inc-1' } })]], /view/],
      [['inc-1', [notice({ incidentId: 'inc-2', target: { view: 'incident', incidentId: 'inc-2' } })]], /belong to the incident/],
      [['inc-1', [notice({ target: { view: 'incident', incidentId: 'inc-2' } })]], /belong to the incident/],
      [['inc-1', [notice(), notice()]], /same key/],
      [['inc-1', Array.from({ length: MAX_DEADLINES_PER_INCIDENT + 1 }, (_, i) => notice({ key: `k${i}` }))], /More than 500/],
      [['../etc', []], /incident id is not valid/],
      [['inc-1'], /invalid arguments/],
      [['inc-1', notice()], /invalid arguments/],
    ];
    for (const [args, message] of bad) {
      await expect(ipcMain.invoke('notifications:set-deadlines', trusted, ...args), JSON.stringify(args).slice(0, 200)).rejects.toThrow(message);
      await expect(ipcMain.invoke('notifications:set-deadlines', trusted, ...args)).rejects.toThrow(/^notifications:set-deadlines: invalid arguments/);
    }
    expect(notifications.setDeadlines).not.toHaveBeenCalled();
  });

  it('refuses a signaling status the contract does not allow', async () => {
    const { ipcMain, trusted } = setup({ 'signaling:get-status': (async () => ({ ...STATUS, port: 'many' })) as unknown as InvokeHandlers['signaling:get-status'] });
    await expect(ipcMain.invoke('signaling:get-status', trusted)).rejects.toThrow(/^signaling:get-status: handler returned an invalid result/);
  });

  it('rejects an untrusted sender before looking at its payload', async () => {
    const getInfo = vi.fn(() => INFO);
    const { ipcMain, main, signaling, notifications } = setup({ 'app:get-info': getInfo });
    const stranger = fakeInvokeEvent(fakeWebContents('app://command-post/index.html'));
    const subframe = fakeInvokeEvent(main, fakeFrame({ url: 'app://command-post/index.html', frameTreeNodeId: 2, parent: main.mainFrame }));
    const foreign = fakeInvokeEvent(fakeWebContents('https://evil.example/'));
    for (const event of [stranger, subframe, foreign]) {
      await expect(ipcMain.invoke('app:get-info', event)).rejects.toThrow(/^app:get-info: rejected: the sender is not the Command Post window$/);
    }
    await expect(ipcMain.invoke('window:set-title', stranger, 42)).rejects.toThrow(/rejected/);
    await expect(ipcMain.invoke('file:save-text', foreign, { suggestedName: 'x.cpinc', content: 'x' })).rejects.toThrow(/rejected/);
    await expect(ipcMain.invoke('signaling:set-settings', foreign, { exposeOnLan: true, port: 4444 })).rejects.toThrow(/rejected/);
    await expect(ipcMain.invoke('signaling:get-status', subframe)).rejects.toThrow(/rejected/);
    await expect(ipcMain.invoke('notifications:set-deadlines', foreign, 'inc-1', [notice()])).rejects.toThrow(/^notifications:set-deadlines: rejected/);
    expect(getInfo).not.toHaveBeenCalled();
    expect(signaling.change).not.toHaveBeenCalled();
    expect(signaling.status).not.toHaveBeenCalled();
    expect(notifications.setDeadlines).not.toHaveBeenCalled();
  });

  it('passes the parsed arguments and the event to the handler', async () => {
    const setTitle = vi.fn((_event: IpcMainInvokeEvent, _title: string) => undefined);
    const { ipcMain, trusted } = setup({ 'window:set-title': setTitle });
    await ipcMain.invoke('window:set-title', trusted, 'Bridge call');
    expect(setTitle).toHaveBeenCalledWith(trusted, 'Bridge call');
  });

  it('refuses to send back a result the contract does not allow', async () => {
    const broken = (() => ({ name: 'Command Post' })) as unknown as InvokeHandlers['app:get-info'];
    const { ipcMain, trusted } = setup({ 'app:get-info': broken });
    await expect(ipcMain.invoke('app:get-info', trusted)).rejects.toThrow(/^app:get-info: handler returned an invalid result/);
  });

  it('propagates handler failures as rejections', async () => {
    const { ipcMain, trusted } = setup({
      'app:get-info': async () => {
        throw new Error('boom');
      },
    });
    await expect(ipcMain.invoke('app:get-info', trusted)).rejects.toThrow('boom');
  });

  it('can be unregistered, after which registering again works', async () => {
    const { ipcMain, unregister, main } = setup();
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    const again = registerInvokeHandlers(ipcMain, createInvokeHandlers({
      discovery: fakeDiscovery(),
      updates: fakeUpdateSettings(),
      app: { getName: () => 'x', getVersion: () => '1' },
      platform: 'darwin',
      electronVersion: '45.0.0',
      windowFromWebContents: () => null,
      files: fakeFiles().files,
      signaling: fakeSignaling(),
      notifications: { setDeadlines: vi.fn() },
      ...fakeHotkeyDeps(),
      statusWindows: { open: vi.fn() },
    }), () => true);
    await expect(ipcMain.invoke('app:get-info', fakeInvokeEvent(main))).resolves.toEqual({ name: 'x', version: '1', platform: 'darwin', electron: '45.0.0' });
    again();
  });
});

describe('invoke handlers', () => {
  it("sets the title of the sender's own window, and of no other", () => {
    const first = fakeWebContents('app://command-post/index.html');
    const second = fakeWebContents('app://command-post/index.html');
    const setFirst = vi.fn();
    const setSecond = vi.fn();
    const handlers = createInvokeHandlers({
      discovery: fakeDiscovery(),
      updates: fakeUpdateSettings(),
      app: { getName: () => '', getVersion: () => '' },
      platform: 'linux',
      electronVersion: '',
      windowFromWebContents: (contents) =>
        contents === first
          ? { setTitle: setFirst, isDestroyed: () => false }
          : contents === second
            ? { setTitle: setSecond, isDestroyed: () => false }
            : null,
      files: fakeFiles().files,
      signaling: fakeSignaling(),
      notifications: { setDeadlines: vi.fn() },
      ...fakeHotkeyDeps(),
      statusWindows: { open: vi.fn() },
    });
    handlers['window:set-title'](fakeInvokeEvent(second), 'Second');
    expect(setSecond).toHaveBeenCalledWith('Second');
    expect(setFirst).not.toHaveBeenCalled();
    // A sender without a window (it closed meanwhile) is a no-op, not a crash.
    expect(() => handlers['window:set-title'](fakeInvokeEvent(fakeWebContents('app://command-post/')), 'Nobody')).not.toThrow();
  });

  it('does not touch a destroyed window', () => {
    const setTitle = vi.fn();
    const handlers = createInvokeHandlers({
      discovery: fakeDiscovery(),
      updates: fakeUpdateSettings(),
      app: { getName: () => '', getVersion: () => '' },
      platform: 'linux',
      electronVersion: '',
      windowFromWebContents: () => ({ setTitle, isDestroyed: () => true }),
      files: fakeFiles().files,
      signaling: fakeSignaling(),
      notifications: { setDeadlines: vi.fn() },
      ...fakeHotkeyDeps(),
      statusWindows: { open: vi.fn() },
    });
    handlers['window:set-title'](fakeInvokeEvent({} as WebContents, null), 'Late');
    expect(setTitle).not.toHaveBeenCalled();
  });

  it('derives the handler map type from the contract', () => {
    const ok: InvokeHandlers = {
      'app:get-info': () => INFO,
      'window:set-title': () => undefined,
      'file:save-text': async () => 'cancelled' as const,
      'file:save-pdf': async () => 'cancelled' as const,
      'signaling:get-status': async () => STATUS,
      'signaling:set-settings': async () => ({ status: STATUS, error: null }),
      'notifications:set-deadlines': () => undefined,
      'hotkeys:get-status': () => HOTKEY_STATUS,
      'hotkeys:set-bindings': async () => ({ status: HOTKEY_STATUS, error: null }),
      'hotkeys:reset': async () => ({ status: HOTKEY_STATUS, error: null }),
      'hotkeys:suspend': () => undefined,
      'capture:set-target': () => undefined,
      'window:open-status': () => undefined,
      'discovery:get-status': () => DISCOVERY_STATUS,
      'discovery:watch': async () => DISCOVERY_STATUS,
      'discovery:share': async () => ({ status: DISCOVERY_STATUS, share: null, message: null }),
      'discovery:unshare': async () => DISCOVERY_STATUS,
      'discovery:set-settings': async () => ({ status: DISCOVERY_STATUS, error: null }),
      'updates:get-status': async () => UPDATE_STATUS,
      'updates:set-feed': async () => ({ status: UPDATE_STATUS, error: null }),
      'updates:check': () => undefined,
    };
    // These are checked by `tsc -p tsconfig.test.json`, not at run time.
    // @ts-expect-error a contract channel without a handler
    const _missing: InvokeHandlers = { 'app:get-info': () => INFO };
    const _extra: InvokeHandlers = {
      ...ok,
      // @ts-expect-error a handler for a channel the contract does not have
      'app:quit': () => undefined,
    };
    const _wrongArgs: InvokeHandlers = {
      ...ok,
      // @ts-expect-error the title argument is a string
      'window:set-title': (_event: IpcMainInvokeEvent, _title: number) => undefined,
    };
    const _wrongResult: InvokeHandlers = {
      ...ok,
      // @ts-expect-error app:get-info must return an AppInfo
      'app:get-info': () => ({ name: 'Command Post' }),
    };
    const _wrongSaveResult: InvokeHandlers = {
      ...ok,
      // @ts-expect-error file:save-text answers 'saved' or 'cancelled'
      'file:save-text': async () => 'written',
    };
    expect(Object.keys(ok).sort()).toEqual(Object.keys(invokeContract).sort());
  });
});
