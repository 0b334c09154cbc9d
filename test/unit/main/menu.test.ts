import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { INTENT_CHANNEL, Intent } from '../../../src/shared/ipc';
import { ALL_INTENT_MENU_ITEMS, createIntentSender, type IntentTarget } from '../../../src/main/menu/intents';
import { buildMenuTemplate } from '../../../src/main/menu/template';
import { intentForKey } from '../../../src/renderer/host/web';

const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(platform: NodeJS.Platform, includeDevTools = false) {
  const sendIntent = vi.fn();
  const updates = { checkForUpdates: vi.fn(), updateFromFile: vi.fn() };
  const template = buildMenuTemplate({ platform, appName: 'Command Post', sendIntent, includeDevTools, updates });
  return { template, items: flatten(template), sendIntent, updates };
}

function click(item: MenuItemConstructorOptions): void {
  // Electron calls click(menuItem, window, event); the intent items ignore them.
  (item.click as () => void)();
}

/** Canonical form, so "CmdOrCtrl+Shift+I" and "Shift+CommandOrControl+I" compare equal. */
function normalize(accelerator: string): string {
  return accelerator
    .split('+')
    .map((part) => part.toLowerCase().replace(/^(commandorcontrol|cmdorctrl)$/, 'cmdorctrl').replace(/^(command|cmd)$/, 'cmd').replace(/^(control|ctrl)$/, 'ctrl').replace(/^option$/, 'alt'))
    .sort()
    .join('+');
}

/**
 * What Electron's standard roles are bound to (menu-item-roles.ts), on any
 * platform. Our accelerators must not take any of them over.
 */
const ROLE_ACCELERATORS = [
  'CmdOrCtrl+Z', 'Shift+CmdOrCtrl+Z', 'Control+Y', 'CmdOrCtrl+X', 'CmdOrCtrl+C', 'CmdOrCtrl+V', 'Shift+Alt+CmdOrCtrl+V', 'Shift+CmdOrCtrl+V',
  'CmdOrCtrl+A', 'CmdOrCtrl+R', 'Shift+CmdOrCtrl+R', 'Alt+Command+I', 'Ctrl+Shift+I', 'CmdOrCtrl+Shift+I', 'CmdOrCtrl+0', 'CmdOrCtrl+Plus',
  'CmdOrCtrl+-', 'F11', 'Control+Command+F', 'CmdOrCtrl+M', 'CmdOrCtrl+W', 'Command+Q', 'Ctrl+Q', 'Alt+F4', 'Command+H', 'Command+Alt+H', 'F12',
].map(normalize);

describe('application menu', () => {
  it.each(PLATFORMS)('sends each intent from its menu item on %s', (platform) => {
    const { items, sendIntent } = build(platform);
    const expected = [
      ['Log timeline event', 'CmdOrCtrl+L', { type: 'focus-quick-entry' }],
      ['Declare incident…', 'CmdOrCtrl+Shift+D', { type: 'declare-incident' }],
      ['Incidents', 'CmdOrCtrl+Shift+H', { type: 'show-incident-list' }],
      ['Settings…', 'CmdOrCtrl+,', { type: 'open-settings' }],
    ] as const;
    for (const [label, accelerator, intent] of expected) {
      const item = items.find((i) => i.label === label);
      expect(item, label).toBeDefined();
      if (!item) continue;
      expect(item.accelerator).toBe(accelerator);
      sendIntent.mockClear();
      click(item);
      expect(sendIntent).toHaveBeenCalledTimes(1);
      expect(sendIntent).toHaveBeenCalledWith(intent);
    }
  });

  it('only ever sends intents the contract accepts', () => {
    for (const item of ALL_INTENT_MENU_ITEMS) expect(Intent.safeParse(item.intent).success, item.label).toBe(true);
  });

  it('uses the same keys as the web host, so both hosts answer the same shortcuts', () => {
    for (const item of ALL_INTENT_MENU_ITEMS) {
      const parts = item.accelerator.split('+');
      const key = parts.at(-1)?.toLowerCase() ?? '';
      for (const [ctrlKey, metaKey] of [[true, false], [false, true]] as const) {
        const event = { key, ctrlKey, metaKey, shiftKey: parts.includes('Shift'), altKey: parts.includes('Alt') };
        expect(intentForKey(event), `${item.accelerator} (${ctrlKey ? 'Ctrl' : 'Cmd'})`).toEqual(item.intent);
      }
    }
  });

  it('does not take over the standard shortcuts or duplicate its own', () => {
    for (const platform of PLATFORMS) {
      const accelerators = build(platform, true).items.flatMap((i) => (typeof i.accelerator === 'string' ? [normalize(i.accelerator)] : []));
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
      for (const accelerator of accelerators) expect(ROLE_ACCELERATORS, `${platform}: ${accelerator}`).not.toContain(accelerator);
    }
  });

  it('has the standard edit, view and window roles', () => {
    for (const platform of PLATFORMS) {
      const roles = build(platform).items.map((i) => i.role);
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'minimize']) {
        expect(roles, `${platform}: ${role}`).toContain(role);
      }
    }
  });

  it('puts Settings in the app menu on macOS and in the File menu elsewhere', () => {
    const settingsIn = (menu: MenuItemConstructorOptions | undefined) => flatten(menu ? [menu] : []).filter((i) => i.label === 'Settings…').length;
    const mac = build('darwin').template;
    expect(settingsIn(mac[0])).toBe(1);
    for (const platform of ['win32', 'linux'] as const) {
      const template = build(platform).template;
      expect(template[0]?.label, platform).toBe('&File');
      expect(settingsIn(template[0]), platform).toBe(1);
    }
    for (const platform of PLATFORMS) expect(build(platform).items.filter((i) => i.label === 'Settings…'), platform).toHaveLength(1);
  });

  it('puts the app menu first on macOS and a File menu with Quit elsewhere', () => {
    const mac = build('darwin').template;
    expect(mac[0]?.label).toBe('Command Post');
    expect(flatten([mac[0] ?? {}]).map((i) => i.role)).toContain('quit');
    const win = build('win32').template;
    expect(win[0]?.label).toBe('&File');
    expect(flatten([win[0] ?? {}]).map((i) => i.role)).toContain('quit');
  });

  it('offers Check for updates… and Update from file… in the app menu on macOS and the File menu elsewhere, each doing its own', () => {
    for (const platform of PLATFORMS) {
      const { template, updates } = build(platform);
      const first = flatten(template[0] ? [template[0]] : []);
      const check = first.find((i) => i.label === 'Check for updates…');
      const fromFile = first.find((i) => i.label === 'Update from file…');
      expect(check, platform).toBeDefined();
      expect(fromFile, platform).toBeDefined();
      if (!check || !fromFile) continue;
      click(check);
      expect(updates.checkForUpdates).toHaveBeenCalledTimes(1);
      expect(updates.updateFromFile).not.toHaveBeenCalled();
      click(fromFile);
      expect(updates.updateFromFile).toHaveBeenCalledTimes(1);
      expect(build(platform).items.filter((i) => i.label === 'Check for updates…'), platform).toHaveLength(1);
    }
    expect(build('darwin').template[0]?.label).toBe('Command Post');
    expect(build('linux').template[0]?.label).toBe('&File');
  });

  it('has no update items when the caller offers no updates', () => {
    const [file] = buildMenuTemplate({ platform: 'linux', appName: 'Command Post', sendIntent: vi.fn(), includeDevTools: false });
    const submenu = Array.isArray(file?.submenu) ? file.submenu : [];
    expect(submenu.map((i) => i.label ?? i.role ?? i.type)).toEqual(['Settings…', 'separator', 'quit']);
  });

  it('offers reload and developer tools only in development', () => {
    expect(build('linux', false).items.map((i) => i.role)).not.toContain('toggleDevTools');
    expect(build('linux', false).items.map((i) => i.role)).not.toContain('reload');
    expect(build('linux', true).items.map((i) => i.role)).toContain('toggleDevTools');
  });
});

function fakeWindow(overrides: Partial<{ destroyed: boolean; minimized: boolean }> = {}) {
  const window = {
    isDestroyed: vi.fn(() => overrides.destroyed ?? false),
    isMinimized: vi.fn(() => overrides.minimized ?? false),
    restore: vi.fn(),
    focus: vi.fn(),
    webContents: { send: vi.fn() },
  };
  return window satisfies IntentTarget;
}

describe('createIntentSender', () => {
  it('sends the intent to the main window on the intent channel and focuses it', () => {
    const window = fakeWindow();
    createIntentSender(() => window)({ type: 'declare-incident' });
    expect(window.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, { type: 'declare-incident' });
    expect(window.focus).toHaveBeenCalled();
    expect(window.restore).not.toHaveBeenCalled();
  });

  it('restores a minimized window first', () => {
    const window = fakeWindow({ minimized: true });
    createIntentSender(() => window)({ type: 'focus-quick-entry' });
    expect(window.restore).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, { type: 'focus-quick-entry' });
  });

  it('drops the intent when there is no live window', () => {
    expect(() => createIntentSender(() => null)({ type: 'show-incident-list' })).not.toThrow();
    const destroyed = fakeWindow({ destroyed: true });
    createIntentSender(() => destroyed)({ type: 'show-incident-list' });
    expect(destroyed.webContents.send).not.toHaveBeenCalled();
  });

  it('refuses to push something that is not an intent', () => {
    const window = fakeWindow();
    const send = createIntentSender(() => window);
    expect(() => send({ type: 'format-disk' } as unknown as Intent)).toThrow();
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});
