/**
 * Update from file… with the real electron-updater (its Windows updater,
 * NsisUpdater, and its generic provider) reading from the real loopback
 * feed: the proof that the two speak to each other (the channel file with
 * its cache-busting query, an installer name with spaces, the Host header,
 * the SHA-512 from latest.yml) without Electron. Only the app adapter and
 * the HTTP executor are stand-ins: electron-updater's own executor with
 * Node's http.request in place of Electron's net.request.
 * Installing is the one step not run: quitAndInstall would start the
 * installer.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageBoxOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error: a plain Node script, without declarations.
import { signUpdateFile } from '../../../scripts/sign-update.mjs';
import { installUpdates, type Updater } from '../../../src/main/updates';
import { fetchSignatureText } from '../../../src/main/updates/fetch-signature';
import { startLoopbackFeed, type LoopbackFeed, type LoopbackFeedOptions } from '../../../src/main/updates/loopback-feed';

const require = createRequire(import.meta.url);
const { NsisUpdater } = require('electron-updater') as typeof import('electron-updater');
type RequestFactory = (options: RequestOptions, callback: (response: IncomingMessage) => void) => ClientRequest;
const { ElectronHttpExecutor } = require('electron-updater/out/electronHttpExecutor') as {
  ElectronHttpExecutor: new (login: null) => { createRequest: RequestFactory };
};

/** The download, checksum and retry logic electron-updater runs in Electron, over Node's http. */
class NodeBackedExecutor extends ElectronHttpExecutor {
  override createRequest: RequestFactory = (options, callback) => request(options, callback);
}

const INSTALLER = 'Command Post Setup 1.4.0.exe';

let dir = '';
let keys: { publicKey: KeyObject; privateKey: KeyObject };
let feeds: LoopbackFeed[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'command-post-real-updater-'));
  keys = generateKeyPairSync('ed25519');
  feeds = [];
});
afterEach(async () => {
  for (const feed of feeds) await feed.stop();
  await rm(dir, { recursive: true, force: true });
});

async function realUpdater(): Promise<Updater & { quitAndInstall: ReturnType<typeof vi.fn> }> {
  const resources = join(dir, 'resources');
  await mkdir(resources);
  // What electron-builder writes into an installed app when its configuration has a publish entry.
  await writeFile(join(resources, 'app-update.yml'), 'provider: generic\nurl: http://command-post-updates.invalid/\nupdaterCacheDirName: command-post-updater\n');
  const updater = new NsisUpdater(null, {
    version: '1.3.2',
    name: 'Command Post',
    isPackaged: true,
    appUpdateConfigPath: join(resources, 'app-update.yml'),
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  });
  updater.logger = null;
  Object.assign(updater, { httpExecutor: new NodeBackedExecutor(null), _testOnlyOptions: { platform: 'win32' } });
  const quitAndInstall = vi.fn();
  Object.assign(updater, { quitAndInstall });
  return updater as unknown as Updater & { quitAndInstall: typeof quitAndInstall };
}

async function stick(options: { yml?: (sha512: string) => string } = {}): Promise<string> {
  const folder = join(dir, 'USB STICK');
  await mkdir(folder);
  const installer = join(folder, INSTALLER);
  await writeFile(installer, Buffer.alloc(500_000, 3));
  const { signature } = (await signUpdateFile({ installerPath: installer, privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), version: '1.4.0' })) as {
    signature: { sha512: string };
  };
  const yml = options.yml?.(signature.sha512) ?? `version: 1.4.0\nfiles:\n  - url: ${INSTALLER}\n    sha512: ${signature.sha512}\n    size: 500000\npath: ${INSTALLER}\nsha512: ${signature.sha512}\nreleaseDate: '2026-12-07T10:00:00.000Z'\n`;
  await writeFile(join(folder, 'latest.yml'), yml);
  return installer;
}

function flow(updater: Updater, installer: string, feedUrl: string | null = null) {
  const boxes: MessageBoxOptions[] = [];
  const updates = installUpdates({
    app: { isPackaged: true, getVersion: () => '1.3.2' },
    platform: 'win32',
    arch: 'x64',
    loadUpdater: async () => updater,
    dialog: {
      showMessageBox: async (options) => {
        boxes.push(options);
        return { response: 0 };
      },
      showOpenDialog: async () => ({ canceled: false, filePaths: [installer] }),
    },
    feed: () => ({ feed: feedUrl ? { kind: 'web', url: feedUrl } : null, source: feedUrl ? 'test' : null, problem: null }),
    settingsPath: 'settings.json',
    signingKey: async () => keys.publicKey,
    fetchSignature: (url) => fetchSignatureText(fetch, url),
    startLoopbackFeed: async (options: LoopbackFeedOptions) => {
      const feed = await startLoopbackFeed(options);
      feeds.push(feed);
      return feed;
    },
    log: () => {},
    logError: () => {},
  });
  return { updates, boxes };
}

describe('Update from file… with the real electron-updater', () => {
  it('downloads the installer from the loopback feed, verifies the copy, and offers to restart into it', async () => {
    const installer = await stick();
    const updater = await realUpdater();
    const { updates, boxes } = flow(updater, installer);
    await updates.updateFromFile();
    expect(boxes.map((b) => [b.message, b.detail?.split('\n')[0]])).toEqual([['Command Post 1.4.0 is downloaded and verified.', expect.any(String)]]);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    const copy = join(dir, 'cache', 'command-post-updater', 'pending', INSTALLER);
    expect((await readFile(copy)).equals(await readFile(installer))).toBe(true);
    await feeds[0]?.stopped;
  });

  it('Check for updates… from a web server: electron-updater downloads, the .sig beside it is fetched and checked', async () => {
    const installer = await stick();
    const folder = join(dir, 'USB STICK');
    // The organisation's server, played by a feed that serves the folder and never stops early.
    const server = await startLoopbackFeed({
      files: new Map([INSTALLER, `${INSTALLER}.sig`, 'latest.yml'].map((name) => [name, join(folder, name)])),
    });
    feeds.push(server);
    const updater = await realUpdater();
    const { updates, boxes } = flow(updater, installer, server.url);
    await updates.checkForUpdates();
    expect(boxes.map((b) => b.message)).toEqual(['Command Post 1.4.0 is available (you have 1.3.2).', 'Command Post 1.4.0 is downloaded and verified.']);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('is stopped by electron-updater’s own check when latest.yml’s SHA-512 is not the installer’s', async () => {
    const other = Buffer.alloc(64, 1).toString('base64');
    const installer = await stick({ yml: () => `version: 1.4.0\nfiles:\n  - url: ${INSTALLER}\n    sha512: ${other}\n    size: 500000\npath: ${INSTALLER}\nsha512: ${other}\n` });
    const updater = await realUpdater();
    const { updates, boxes } = flow(updater, installer);
    await updates.updateFromFile();
    expect(boxes.at(-1)?.message).toBe('The update was not installed.');
    expect(boxes.at(-1)?.detail).toContain('The downloaded installer is not the one latest.yml describes (its SHA-512 differs)');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });
});
