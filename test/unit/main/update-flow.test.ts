/**
 * Check for updates… and Update from file… (src/main/updates/index.ts) with
 * a fake electron-updater and fake dialogs: what a responder sees, what gets
 * installed, and that nothing is looked for unless an update source is set.
 * The installers are real files, signed by the release script with a key
 * pair made here; Update from file… runs through the real loopback feed.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { MessageBoxOptions, OpenDialogOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error: a plain Node script, without declarations.
import { signUpdateFile } from '../../../scripts/sign-update.mjs';
import { installUpdates, type Updater, type UpdatesDeps } from '../../../src/main/updates';
import { chooseUpdateFeed, UPDATE_ENV } from '../../../src/main/updates/feed';
import { startLoopbackFeed, type LoopbackFeed, type LoopbackFeedOptions } from '../../../src/main/updates/loopback-feed';
import semver from 'semver';
import { FakeEmitter } from './fakes';

const INSTALLER = 'Command Post Setup 1.4.0.exe';
const RUNNING = '1.3.2';

/**
 * electron-updater as this module uses it: reads latest.yml from the feed
 * URL, downloads the installer it names into a cache folder, emits
 * update-downloaded. `tamper` changes the downloaded copy, as a broken or
 * altered download would.
 */
class FakeUpdater extends FakeEmitter implements Updater {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  disableWebInstaller = false;
  disableDifferentialDownload = false;
  feedUrl: string | null = null;
  info: { version: string; path: string; files: { url: string }[] } | null = null;
  readonly quitAndInstall = vi.fn();
  tamper = false;
  requested: string[] = [];

  constructor(
    readonly cacheDir: string,
    /** Where the fake reads the feed: real HTTP, or a map of URL → bytes for a web server. */
    readonly get: (url: string) => Promise<Buffer>,
  ) {
    super();
  }

  setFeedURL(options: { provider: 'generic'; url: string }): void {
    expect(options.provider).toBe('generic');
    this.feedUrl = options.url;
  }

  async checkForUpdates() {
    if (!this.feedUrl) throw new Error('no feed');
    const yml = (await this.get(`${this.feedUrl}latest.yml?noCache=x`)).toString('utf8');
    const version = /^version: (.+)$/m.exec(yml)?.[1] ?? '';
    const path = /^path: (.+)$/m.exec(yml)?.[1] ?? '';
    this.info = { version, path, files: [{ url: path }] };
    return { isUpdateAvailable: semver.gt(version, RUNNING), updateInfo: this.info };
  }

  async downloadUpdate(): Promise<string[]> {
    if (!this.info || !this.feedUrl) throw new Error('Please check update first');
    const bytes = await this.get(`${this.feedUrl}${encodeURIComponent(this.info.path)}`);
    if (this.tamper) bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    const file = join(this.cacheDir, basename(this.info.path));
    await writeFile(file, bytes);
    this.emit('update-downloaded', { ...this.info, downloadedFile: file });
    return [file];
  }
}

async function httpGet(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw Object.assign(new Error(`Cannot download "${url}", status ${response.status}`), { code: 'HTTP_ERROR_404' });
  return Buffer.from(await response.arrayBuffer());
}

let dir = '';
let stick = '';
let cache = '';
let keys: { publicKey: KeyObject; privateKey: KeyObject };
let feeds: LoopbackFeed[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'command-post-updates-'));
  stick = join(dir, 'USB STICK');
  cache = join(dir, 'cache');
  await mkdir(stick);
  await mkdir(cache);
  keys = generateKeyPairSync('ed25519');
  feeds = [];
});
afterEach(async () => {
  for (const feed of feeds) await feed.stop();
  await rm(dir, { recursive: true, force: true });
});

/** An installer and what electron-builder and the release script put beside it. */
async function release(folder: string, options: { version?: string; name?: string; sign?: boolean; yml?: boolean; key?: KeyObject } = {}): Promise<string> {
  const version = options.version ?? '1.4.0';
  const name = options.name ?? INSTALLER;
  const path = join(folder, name);
  await writeFile(path, Buffer.alloc(200_000, version.length));
  if (options.yml !== false) await writeFile(join(folder, 'latest.yml'), `version: ${version}\nfiles:\n  - url: ${name}\npath: ${name}\n`);
  if (options.sign !== false) {
    await signUpdateFile({ installerPath: path, privateKeyPem: (options.key ?? keys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString(), version });
  }
  return path;
}

function setup(overrides: Partial<UpdatesDeps> & { env?: Record<string, string>; saved?: string | null; answers?: number[]; chosen?: string | null; web?: Map<string, Buffer> } = {}) {
  const get = (url: string): Promise<Buffer> => {
    if (overrides.web && !url.startsWith('http://127.0.0.1')) {
      const bytes = overrides.web.get(url.split('?')[0] ?? url);
      return bytes ? Promise.resolve(Buffer.from(bytes)) : Promise.reject(Object.assign(new Error(`Cannot download "${url}", status 404`), { code: 'HTTP_ERROR_404' }));
    }
    return httpGet(url);
  };
  const updater = new FakeUpdater(cache, get);
  const answers = [...(overrides.answers ?? [])];
  const boxes: MessageBoxOptions[] = [];
  const openDialogs: OpenDialogOptions[] = [];
  const deps: UpdatesDeps = {
    app: { isPackaged: true, getVersion: () => RUNNING },
    platform: 'win32',
    arch: 'x64',
    loadUpdater: vi.fn(async () => updater),
    dialog: {
      showMessageBox: vi.fn(async (options: MessageBoxOptions) => {
        boxes.push(options);
        return { response: answers.shift() ?? 0 };
      }),
      showOpenDialog: vi.fn(async (options: OpenDialogOptions) => {
        openDialogs.push(options);
        const chosen = overrides.chosen === undefined ? join(stick, INSTALLER) : overrides.chosen;
        return chosen === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [chosen] };
      }),
    },
    feed: () => chooseUpdateFeed(overrides.env ?? {}, overrides.saved ?? null, 'win32'),
    settingsPath: '/home/dana/.config/Command Post/settings.json',
    signingKey: vi.fn(async () => keys.publicKey),
    fetchSignature: vi.fn(async (url: string) => {
      const bytes = overrides.web?.get(url);
      if (!bytes) throw new Error(`no ${url}`);
      return bytes.toString('utf8');
    }),
    startLoopbackFeed: vi.fn(async (options: LoopbackFeedOptions) => {
      const feed = await startLoopbackFeed(options);
      feeds.push(feed);
      return feed;
    }),
    log: vi.fn(),
    logError: vi.fn(),
    ...overrides,
  };
  const last = () => boxes.at(-1);
  return { deps, updates: installUpdates(deps), updater, boxes, openDialogs, last };
}

/** What a web server on the LAN holds: latest.yml, the installer, its .sig. */
async function webServer(base: string, options: { version?: string; name?: string } = {}): Promise<Map<string, Buffer>> {
  const folder = join(dir, 'server');
  await mkdir(folder, { recursive: true });
  const path = await release(folder, options);
  const name = basename(path);
  return new Map([
    [`${base}latest.yml`, await readFile(join(folder, 'latest.yml'))],
    [`${base}${encodeURIComponent(name)}`, await readFile(path)],
    [`${base}${encodeURIComponent(name)}.sig`, await readFile(`${path}.sig`)],
  ]);
}

const BASE = 'http://updates.corp.example/command-post/';

describe('Check for updates…', () => {
  it('with no update source set, says how one is set and looks for nothing', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { deps, updates, last } = setup();
    await updates.checkForUpdates();
    expect(last()?.message).toBe('No update source is set for this machine.');
    expect(last()?.detail).toContain('never on the internet');
    expect(last()?.detail).toContain(UPDATE_ENV);
    expect(last()?.detail).toContain('updates.feedUrl in /home/dana/.config/Command Post/settings.json');
    expect(last()?.detail).toContain('File › Update from file…');
    expect(deps.loadUpdater).not.toHaveBeenCalled();
    expect(deps.fetchSignature).not.toHaveBeenCalled();
    expect(deps.signingKey).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('with an address it cannot use, says why and looks for nothing', async () => {
    const { deps, updates, last } = setup({ env: { [UPDATE_ENV]: 'ftp://files.example/' } });
    await updates.checkForUpdates();
    expect(last()?.message).toBe('Command Post cannot look for updates: the update address is not usable.');
    expect(last()?.detail).toContain(`${UPDATE_ENV}="ftp://files.example/" uses ftp`);
    expect(deps.loadUpdater).not.toHaveBeenCalled();
  });

  it('in a development build, says so and looks for nothing', async () => {
    const { deps, updates, last } = setup({ saved: BASE, app: { isPackaged: false, getVersion: () => RUNNING } });
    await updates.checkForUpdates();
    expect(last()?.message).toBe('Updates are not available in a development build.');
    expect(deps.loadUpdater).not.toHaveBeenCalled();
  });

  it('in a build without a signing key, refuses before fetching anything', async () => {
    const { deps, updates, last } = setup({ saved: BASE, signingKey: vi.fn(async () => null) });
    await updates.checkForUpdates();
    expect(last()?.message).toBe('The update was not installed.');
    expect(last()?.detail).toMatch(/^This build carries no update signing key/);
    expect(deps.loadUpdater).not.toHaveBeenCalled();
  });

  it('asks electron-updater at the organisation’s address, downloads when asked, verifies, then offers to restart and installs', async () => {
    const web = await webServer(BASE);
    const { updates, updater, boxes } = setup({ saved: BASE, web, answers: [0, 0] });
    await updates.checkForUpdates();
    expect(updater.feedUrl).toBe(BASE);
    // Nothing installs by itself: not at download, not at quit.
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.allowDowngrade).toBe(false);
    expect(boxes.map((b) => b.message)).toEqual(['Command Post 1.4.0 is available (you have 1.3.2).', 'Command Post 1.4.0 is downloaded and verified.']);
    expect(boxes[1]?.buttons).toEqual(['Restart and install', 'Later']);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('says so when installing fails after the restart was chosen (as Squirrel.Mac does for an unsigned app)', async () => {
    const web = await webServer(BASE);
    const { updates, updater, last, deps } = setup({ saved: BASE, web, answers: [0, 0] });
    updater.quitAndInstall.mockImplementation(() => updater.emit('error', new Error('Could not get code signature for running application\n    at stack')));
    await updates.checkForUpdates();
    await vi.waitFor(() => expect(last()?.message).toBe('The update could not be installed.'));
    expect(last()?.detail).toBe('Could not get code signature for running application\n\nTo update anyway, run the installer of the new version yourself, from a copy you trust.');
    expect(deps.logError).toHaveBeenCalled();
    // Said once, and not again for a later, unrelated error.
    updater.emit('error', new Error('later'));
    expect(last()?.detail).not.toContain('later');
  });

  it('installs nothing when the person chooses Later, or does not download', async () => {
    const web = await webServer(BASE);
    const later = setup({ saved: BASE, web, answers: [0, 1] });
    await later.updates.checkForUpdates();
    expect(later.last()?.message).toBe('Command Post 1.4.0 is downloaded and verified.');
    expect(later.updater.quitAndInstall).not.toHaveBeenCalled();

    const notNow = setup({ saved: BASE, web, answers: [1] });
    await notNow.updates.checkForUpdates();
    expect(notNow.boxes).toHaveLength(1);
    expect(notNow.updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('installs nothing when the downloaded file does not match its signature, deletes it, and says why', async () => {
    const web = await webServer(BASE);
    const { updates, updater, last } = setup({ saved: BASE, web, answers: [0] });
    updater.tamper = true;
    await updates.checkForUpdates();
    expect(last()?.message).toBe('The update was not installed.');
    expect(last()?.detail).toContain(`${INSTALLER} is not the file that was signed: its contents differ`);
    expect(last()?.detail).toContain('run the installer of the new version yourself');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    await expect(stat(join(cache, INSTALLER))).rejects.toThrow(/ENOENT/);
  });

  it('installs nothing when the server has no signature for the installer', async () => {
    const web = await webServer(BASE);
    const { updates, updater, last } = setup({
      saved: BASE,
      web,
      answers: [0],
      fetchSignature: vi.fn(async () => {
        const { UpdateRefused } = await import('../../../src/main/updates/refusal');
        throw new UpdateRefused('no-signature', `The update source has no ${INSTALLER}.sig beside the installer`);
      }),
    });
    await updates.checkForUpdates();
    expect(last()?.detail).toContain(`has no ${INSTALLER}.sig beside the installer`);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('fetches the .sig from beside the installer on the same server', async () => {
    const web = await webServer(BASE);
    const { deps, updates } = setup({ saved: BASE, web, answers: [0, 1] });
    await updates.checkForUpdates();
    expect(deps.fetchSignature).toHaveBeenCalledWith(`${BASE}Command%20Post%20Setup%201.4.0.exe.sig`);
  });

  it('says the version is up to date when the server offers nothing newer', async () => {
    const web = await webServer(BASE, { version: RUNNING, name: `Command Post Setup ${RUNNING}.exe` });
    const { updates, updater, last } = setup({ saved: BASE, web });
    await updates.checkForUpdates();
    expect(last()?.message).toBe('Command Post 1.3.2 is up to date.');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('says when the server cannot be reached, and what to do instead', async () => {
    const { updates, updater, last } = setup({ saved: BASE });
    updater.checkForUpdates = () => Promise.reject(Object.assign(new Error('net::ERR_CONNECTION_REFUSED'), { code: 'ERR_CONNECTION_REFUSED' }));
    await updates.checkForUpdates();
    expect(last()?.message).toBe('The update did not complete.');
    expect(last()?.detail).toBe(`The update source ${BASE} could not be reached (net::ERR_CONNECTION_REFUSED). Check the network, or use File › Update from file… with an installer on a USB stick.`);
  });

  it('says when the build lacks electron-builder’s update configuration, instead of a bare ENOENT', async () => {
    const web = await webServer(BASE);
    const { updates, updater, last } = setup({ saved: BASE, web, answers: [0] });
    updater.downloadUpdate = () =>
      Promise.reject(Object.assign(new Error("ENOENT: no such file or directory, open 'C:\\Program Files\\Command Post\\resources\\app-update.yml'"), { code: 'ENOENT' }));
    await updates.checkForUpdates();
    expect(last()?.message).toBe('The update was not installed.');
    expect(last()?.detail).toContain('made without the update configuration electron-builder writes (app-update.yml)');
    expect(last()?.detail).toContain('run the installer of the new version yourself');
  });

  it('from a shared folder, serves it on 127.0.0.1 for the update only', async () => {
    const share = join(dir, 'share');
    await mkdir(share);
    await release(share);
    const { updates, updater, deps, boxes } = setup({ saved: `file://${share}`, answers: [0] });
    await updates.checkForUpdates();
    expect(updater.feedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(boxes.map((b) => b.message)).toEqual(['Command Post 1.4.0 is downloaded and verified.']);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    expect(deps.startLoopbackFeed).toHaveBeenCalledTimes(1);
    const feed = feeds[0];
    if (!feed) throw new Error('no feed');
    await feed.stopped;
  });
});

describe('Check for updates… from a shared folder', () => {
  it('refuses an installer the folder holds without its .sig, and deletes the copy', async () => {
    const share = join(dir, 'share');
    await mkdir(share);
    await release(share, { sign: false });
    const { updates, updater, last } = setup({ saved: `file://${share}` });
    await updates.checkForUpdates();
    expect(last()?.detail).toContain(`There is no signature beside ${INSTALLER} (looked for ${join(share, INSTALLER)}.sig)`);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    await expect(stat(join(cache, INSTALLER))).rejects.toThrow(/ENOENT/);
  });

  it('says when the folder holds no update for this platform', async () => {
    const share = join(dir, 'share');
    await mkdir(share);
    const { updates, updater, last } = setup({ saved: `file://${share}` });
    updater.checkForUpdates = () => Promise.reject(Object.assign(new Error('Cannot find channel "latest.yml" update info: HttpError: 404'), { code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' }));
    await updates.checkForUpdates();
    expect(last()?.detail).toBe(`There is no latest.yml at the folder ${share}, so it holds no update for Windows. Whoever publishes updates copies it there with the installer.`);
  });
});

describe('Update from file…', () => {
  it('verifies the installer, installs it through electron-updater from 127.0.0.1, and the feed stops by itself', async () => {
    await release(stick);
    const { updates, updater, boxes, openDialogs } = setup({ answers: [0] });
    await updates.updateFromFile();
    expect(openDialogs[0]?.filters?.[0]).toEqual({ name: 'Command Post update for Windows', extensions: ['exe'] });
    expect(updater.feedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(updater.disableDifferentialDownload).toBe(true);
    expect(boxes.map((b) => b.message)).toEqual(['Command Post 1.4.0 is downloaded and verified.']);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    const feed = feeds[0];
    if (!feed) throw new Error('no feed');
    await feed.stopped;
    await expect(fetch(feed.url)).rejects.toThrow();
  });

  it('in a build without a signing key, refuses before asking for a file', async () => {
    const { deps, updates, last } = setup({ signingKey: vi.fn(async () => null) });
    await updates.updateFromFile();
    expect(deps.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(last()?.detail).toMatch(/^This build carries no update signing key/);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { deps, updates, boxes } = setup({ chosen: null });
    await updates.updateFromFile();
    expect(boxes).toHaveLength(0);
    expect(deps.loadUpdater).not.toHaveBeenCalled();
  });

  it('refuses an installer without its .sig, before electron-updater sees it', async () => {
    await release(stick, { sign: false });
    const { deps, updates, last } = setup();
    await updates.updateFromFile();
    expect(last()?.message).toBe('The update was not installed.');
    expect(last()?.detail).toContain(`There is no signature beside ${INSTALLER}`);
    expect(deps.loadUpdater).not.toHaveBeenCalled();
  });

  it('refuses an installer signed with another key', async () => {
    await release(stick, { key: generateKeyPairSync('ed25519').privateKey });
    const { deps, updates, last } = setup();
    await updates.updateFromFile();
    expect(last()?.detail).toContain('was not made with the update signing key this build of Command Post trusts');
    expect(deps.loadUpdater).not.toHaveBeenCalled();
  });

  it('refuses an older installer (no downgrade), even correctly signed', async () => {
    await release(stick, { version: '1.2.0', name: 'Command Post Setup 1.2.0.exe' });
    const { deps, updates, last } = setup({ chosen: join(stick, 'Command Post Setup 1.2.0.exe') });
    await updates.updateFromFile();
    expect(last()?.detail).toContain('is version 1.2.0, which is not newer than the version running now (1.3.2)');
    expect(deps.loadUpdater).not.toHaveBeenCalled();
  });

  it('refuses when latest.yml for this platform is not beside the installer', async () => {
    await release(stick, { yml: false });
    const { deps, updates, last } = setup();
    await updates.updateFromFile();
    expect(last()?.detail).toContain(`There is no latest.yml beside ${INSTALLER}. electron-builder writes it next to the installer`);
    expect(deps.loadUpdater).not.toHaveBeenCalled();
  });

  it('installs nothing when the copy electron-updater made differs from the signed file', async () => {
    await release(stick);
    const { updates, updater, last } = setup();
    updater.tamper = true;
    await updates.updateFromFile();
    expect(last()?.detail).toContain(`${INSTALLER} is not the file that was signed`);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('names the file to choose when latest.yml describes another installer', async () => {
    await release(stick);
    await writeFile(join(stick, 'latest.yml'), 'version: 1.4.0\npath: Command Post Setup 1.4.0 (web).exe\n');
    const { updates, updater, last } = setup();
    await updates.updateFromFile();
    expect(last()?.detail).toContain('latest.yml names Command Post Setup 1.4.0 (web).exe as the update for Windows, not the file you chose');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('in a development build, verifies the file and says it cannot install it', async () => {
    await release(stick);
    const { deps, updates, last } = setup({ app: { isPackaged: false, getVersion: () => RUNNING } });
    await updates.updateFromFile();
    expect(last()?.message).toBe(`${INSTALLER} is version 1.4.0, signed with your organisation’s key.`);
    expect(last()?.detail).toContain('development build');
    expect(deps.loadUpdater).not.toHaveBeenCalled();
  });

  it('runs one update at a time', async () => {
    await release(stick);
    const { updates, boxes } = setup({ answers: [1] });
    const first = updates.updateFromFile();
    await updates.updateFromFile();
    await first;
    expect(boxes.map((b) => b.message)).toContain('An update is already under way.');
  });
});
