/**
 * Settings → Updates in main (src/main/updates/settings.ts) behind the IPC
 * contract: what the page is told about the update source, saving an
 * address (refused with feed.ts's reason, nothing saved), the environment
 * deciding over Settings, and Check for updates now running the menu's
 * check. The settings store, the signing key and the check are fakes.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { fakeDiscovery } from './discovery-fakes';
import { FakeIpcMain, fakeInvokeEvent, fakeWebContents } from './fakes';
import { fakeHotkeyDeps } from './hotkey-fakes';
import { createInvokeHandlers } from '../../../src/main/ipc/handlers';
import { registerInvokeHandlers } from '../../../src/main/ipc/register';
import { APP_ORIGIN, createOriginAllowlist } from '../../../src/main/security/origins';
import { createTrustedSenderCheck } from '../../../src/main/security/trusted-sender';
import { UpdateRefused } from '../../../src/main/updates/refusal';
import { createUpdateSettings, type UpdateSettingsDeps } from '../../../src/main/updates/settings';

const PUBLIC_KEY = generateKeyPairSync('ed25519').publicKey;

function setup(options: { env?: Record<string, string>; saved?: string | null; signingKey?: UpdateSettingsDeps['signingKey']; failSave?: boolean; platform?: NodeJS.Platform } = {}) {
  let saved = options.saved ?? null;
  const save = vi.fn(async (feedUrl: string | null) => {
    if (options.failSave) throw new Error('The settings could not be saved to /home/dana/.config/Command Post/settings.json: EACCES.');
    saved = feedUrl;
  });
  const checkForUpdates = vi.fn(async () => {});
  const logError = vi.fn();
  const updates = createUpdateSettings({
    env: options.env ?? {},
    platform: options.platform ?? 'linux',
    isPackaged: true,
    preferences: { get: () => saved, save, problem: () => null },
    signingKey: options.signingKey ?? (async () => PUBLIC_KEY),
    checkForUpdates,
    logError,
  });
  const ipcMain = new FakeIpcMain();
  const main = fakeWebContents('app://command-post/index.html', 1);
  registerInvokeHandlers(
    ipcMain,
    createInvokeHandlers({
      app: { getName: () => 'Command Post', getVersion: () => '0.1.0' },
      platform: 'linux',
      electronVersion: '45.4.1',
      windowFromWebContents: () => null,
      files: {} as never,
      signaling: { status: vi.fn(), change: vi.fn() } as never,
      notifications: { setDeadlines: vi.fn() },
      statusWindows: { open: vi.fn() },
      discovery: fakeDiscovery(),
      ...fakeHotkeyDeps(),
      updates,
    }),
    createTrustedSenderCheck(() => main, createOriginAllowlist([APP_ORIGIN])),
  );
  return { ipcMain, save, checkForUpdates, logError, saved: () => saved, fromMain: fakeInvokeEvent(main) };
}

describe('updates:get-status', () => {
  it('says nothing is set on a machine that never set an address', async () => {
    const { ipcMain, fromMain } = setup();
    await expect(ipcMain.invoke('updates:get-status', fromMain)).resolves.toEqual({
      feedUrl: null,
      envOverride: null,
      inUse: null,
      problem: null,
      packaged: true,
      hasSigningKey: true,
      signingKeyProblem: null,
      settingsProblem: null,
    });
  });

  it('names the saved feed in words, and the reason a saved address cannot be used', async () => {
    const web = setup({ saved: 'http://updates.example.lan/command-post' });
    await expect(web.ipcMain.invoke('updates:get-status', web.fromMain)).resolves.toMatchObject({
      feedUrl: 'http://updates.example.lan/command-post',
      inUse: 'http://updates.example.lan/command-post/',
      problem: null,
    });
    const folder = setup({ saved: '/mnt/updates/command-post' });
    await expect(folder.ipcMain.invoke('updates:get-status', folder.fromMain)).resolves.toMatchObject({ inUse: 'the folder /mnt/updates/command-post' });
    const share = setup({ saved: 'smb://server/share' });
    const status = await share.ipcMain.invoke('updates:get-status', share.fromMain);
    expect(status).toMatchObject({ feedUrl: 'smb://server/share', inUse: null });
    expect((status as { problem: string }).problem).toMatch(/^updates\.feedUrl="smb:\/\/server\/share" is a network share address/);
  });

  it('when COMMAND_POST_UPDATE_URL is set, the variable decides and is named, the saved address kept', async () => {
    const { ipcMain, fromMain } = setup({ env: { COMMAND_POST_UPDATE_URL: 'https://it.example.lan/cp/' }, saved: '/mnt/updates' });
    await expect(ipcMain.invoke('updates:get-status', fromMain)).resolves.toMatchObject({
      feedUrl: '/mnt/updates',
      envOverride: { variable: 'COMMAND_POST_UPDATE_URL', value: 'https://it.example.lan/cp/' },
      inUse: 'https://it.example.lan/cp/',
    });
    // A blank variable is unset, as for the check itself.
    const blank = setup({ env: { COMMAND_POST_UPDATE_URL: '  ' }, saved: '/mnt/updates' });
    await expect(blank.ipcMain.invoke('updates:get-status', blank.fromMain)).resolves.toMatchObject({ envOverride: null, inUse: 'the folder /mnt/updates' });
  });

  it('shows a hostile variable safely: direction marks spelled out, a 5,000-character value clipped, and refused as an address', async () => {
    const bidi = setup({ env: { COMMAND_POST_UPDATE_URL: 'http://evil.lan/\u202Eexe.txt' } });
    const status = (await bidi.ipcMain.invoke('updates:get-status', bidi.fromMain)) as { envOverride: { value: string }; problem: string; inUse: null };
    expect(status.envOverride.value).toBe('http://evil.lan/\\u{202E}exe.txt');
    expect(status.inUse).toBeNull();
    expect(status.problem).toContain('invisible or direction-changing character');
    expect(status.problem).not.toMatch(/\u202E/);

    const long = setup({ env: { COMMAND_POST_UPDATE_URL: `http://a.lan/${'x'.repeat(5000)}` } });
    const longStatus = (await long.ipcMain.invoke('updates:get-status', long.fromMain)) as { envOverride: { value: string }; problem: string };
    expect(longStatus.envOverride.value).toHaveLength(2049);
    expect(longStatus.envOverride.value.endsWith('…')).toBe(true);
    expect(longStatus.problem).toBe('COMMAND_POST_UPDATE_URL is 5013 characters long, too long to be an address.');
  });

  it('a hand-edited address with a direction override reaches the field spelled out, never raw', async () => {
    const { ipcMain, fromMain } = setup({ saved: '/srv/\u202Eexe.txt' });
    const status = (await ipcMain.invoke('updates:get-status', fromMain)) as { feedUrl: string; problem: string; inUse: null };
    expect(status.feedUrl).toBe('/srv/\\u{202E}exe.txt');
    expect(status.inUse).toBeNull();
    expect(status.problem).toBe(
      'updates.feedUrl="/srv/\\u{202E}exe.txt" holds an invisible or direction-changing character, which can make one address read as another: type the address again.',
    );
  });

  it('says whether this build carries its update signing key, and what is wrong with one it should not trust', async () => {
    const none = setup({ signingKey: async () => null });
    await expect(none.ipcMain.invoke('updates:get-status', none.fromMain)).resolves.toMatchObject({ hasSigningKey: false, signingKeyProblem: null });
    const leaked = setup({
      signingKey: async () => {
        throw new UpdateRefused('bad-signing-key', 'This build ships a private key as its update signing key (/opt/cp/update-signing-key.pem).');
      },
    });
    await expect(leaked.ipcMain.invoke('updates:get-status', leaked.fromMain)).resolves.toMatchObject({
      hasSigningKey: false,
      signingKeyProblem: 'This build ships a private key as its update signing key (/opt/cp/update-signing-key.pem).',
    });
  });
});

describe('updates:set-feed', () => {
  it('saves a usable address, trimmed, and answers the new status', async () => {
    const { ipcMain, fromMain, save } = setup();
    const result = await ipcMain.invoke('updates:set-feed', fromMain, '  http://updates.example.lan/command-post/ ');
    expect(save).toHaveBeenCalledWith('http://updates.example.lan/command-post/');
    expect(result).toMatchObject({ error: null, status: { feedUrl: 'http://updates.example.lan/command-post/', inUse: 'http://updates.example.lan/command-post/' } });
  });

  it('clears the address on null or blank', async () => {
    const { ipcMain, fromMain, save, saved } = setup({ saved: '/mnt/updates' });
    await expect(ipcMain.invoke('updates:set-feed', fromMain, '   ')).resolves.toMatchObject({ error: null, status: { feedUrl: null, inUse: null } });
    await ipcMain.invoke('updates:set-feed', fromMain, null);
    expect(save.mock.calls).toEqual([[null], [null]]);
    expect(saved()).toBeNull();
  });

  it('refuses an address the check could not use, with feed.ts’s reason, and saves nothing', async () => {
    const { ipcMain, fromMain, save, saved } = setup({ saved: '/mnt/updates' });
    for (const [address, reason] of [
      ['smb://server/share', 'updates.feedUrl="smb://server/share" is a network share address, which Command Post does not open itself'],
      ['ftp://updates.lan/', 'uses ftp, which Command Post does not fetch updates with'],
      ['updates/command-post', 'is a relative path'],
      ['http://dana:secret@updates.lan/', 'holds a user name or password'],
      ['/srv/\u202Eexe.txt', 'updates.feedUrl="/srv/\\u{202E}exe.txt" holds an invisible or direction-changing character'],
    ]) {
      const result = (await ipcMain.invoke('updates:set-feed', fromMain, address)) as { error: string; status: { feedUrl: string } };
      expect(result.error, address).toContain(reason);
      expect(result.error).not.toMatch(/\u202E/);
      expect(result.status.feedUrl).toBe('/mnt/updates');
    }
    expect(save).not.toHaveBeenCalled();
    expect(saved()).toBe('/mnt/updates');
  });

  it('refuses a 5,000-character address or anything but text at the contract, before main looks at it', async () => {
    const { ipcMain, fromMain, save } = setup();
    await expect(ipcMain.invoke('updates:set-feed', fromMain, `http://a.lan/${'x'.repeat(5000)}`)).rejects.toThrow(/^updates:set-feed: invalid arguments.*at most 2048 characters/s);
    for (const bad of [42, { feedUrl: '/mnt' }, ['/mnt'], undefined]) {
      await expect(ipcMain.invoke('updates:set-feed', fromMain, bad), String(bad)).rejects.toThrow(/invalid arguments/);
    }
    await expect(ipcMain.invoke('updates:set-feed', fromMain, '/mnt', 'extra')).rejects.toThrow(/invalid arguments/);
    expect(save).not.toHaveBeenCalled();
  });

  it('says why when the settings file cannot be written', async () => {
    const { ipcMain, fromMain } = setup({ failSave: true });
    await expect(ipcMain.invoke('updates:set-feed', fromMain, '/mnt/updates')).resolves.toMatchObject({
      error: 'The update address could not be saved: The settings could not be saved to /home/dana/.config/Command Post/settings.json: EACCES.',
      status: { feedUrl: null },
    });
  });

  it('still saves while the variable decides (it applies once the variable is unset), and the variable stays in use', async () => {
    const { ipcMain, fromMain } = setup({ env: { COMMAND_POST_UPDATE_URL: 'https://it.example.lan/cp/' } });
    await expect(ipcMain.invoke('updates:set-feed', fromMain, '/mnt/updates')).resolves.toMatchObject({
      error: null,
      status: { feedUrl: '/mnt/updates', inUse: 'https://it.example.lan/cp/', envOverride: { variable: 'COMMAND_POST_UPDATE_URL' } },
    });
  });

  it('reads Windows paths as Windows does', async () => {
    const { ipcMain, fromMain } = setup({ platform: 'win32' });
    await expect(ipcMain.invoke('updates:set-feed', fromMain, '\\\\fileserver\\it\\command-post')).resolves.toMatchObject({
      error: null,
      status: { inUse: 'the folder \\\\fileserver\\it\\command-post' },
    });
  });
});

describe('updates:check', () => {
  it('starts the menu’s Check for updates… and answers at once; a failure is logged, not thrown at the page', async () => {
    const { ipcMain, fromMain, checkForUpdates, logError } = setup();
    let finish: () => void = () => {};
    checkForUpdates.mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)));
    await expect(ipcMain.invoke('updates:check', fromMain)).resolves.toBeUndefined();
    expect(checkForUpdates).toHaveBeenCalledTimes(1);
    finish();

    checkForUpdates.mockRejectedValueOnce(new Error('dialog gone'));
    await ipcMain.invoke('updates:check', fromMain);
    await vi.waitFor(() => expect(logError).toHaveBeenCalledWith('Check for updates, from Settings, failed', expect.objectContaining({ message: 'dialog gone' })));
    await expect(ipcMain.invoke('updates:check', fromMain, 'now')).rejects.toThrow(/^updates:check: invalid arguments/);
  });

  it('is refused from any window but the main one', async () => {
    const { ipcMain, checkForUpdates, save } = setup();
    const stranger = fakeInvokeEvent(fakeWebContents('app://command-post/index.html', 9));
    await expect(ipcMain.invoke('updates:check', stranger)).rejects.toThrow(/rejected/);
    await expect(ipcMain.invoke('updates:set-feed', stranger, '/mnt/updates')).rejects.toThrow(/rejected/);
    await expect(ipcMain.invoke('updates:get-status', stranger)).rejects.toThrow(/rejected/);
    expect(checkForUpdates).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
  });
});
