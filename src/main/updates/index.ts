/**
 * Updates that work with no internet: from the organisation's own server or
 * shared folder (Check for updates…), or from an installer carried on a USB
 * stick (Update from file…). Nothing is ever looked for unless someone asks,
 * and nowhere unless the organisation set a feed (feed.ts).
 *
 * Whatever the source, electron-updater does the platform's part: it reads
 * latest.yml, downloads the installer, checks its SHA-512 against latest.yml,
 * on Windows checks the publisher's code signature (verifyUpdateCodeSignature
 * stays on) and on macOS hands the update to Squirrel.Mac, which checks the
 * app's. Then, before anything is offered for install, the downloaded file is
 * checked against its detached signature and this build's key
 * (signature.ts): that check is the one an attacker on the LAN, or with the
 * USB stick in hand, cannot pass without the organisation's private key.
 *
 * electron-updater never installs on its own here: autoDownload and
 * autoInstallOnAppQuit are off, so a file that was not verified is never run
 * at quit. Each refusal is shown with its reason.
 */
import type { KeyObject } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { MessageBoxOptions, OpenDialogOptions } from 'electron';
import { channelFileName, installerExtensions, platformName } from './channel';
import { describeFeed, UPDATE_ENV, type FeedChoice, type UpdateFeed } from './feed';
import { startLoopbackFeed as startLoopbackFeedDefault, type LoopbackFeed, type LoopbackFeedOptions } from './loopback-feed';
import { INSTALL_BY_HAND_HINT, UpdateRefused } from './refusal';
import { noSigningKey, readSignatureBeside, reasonOf, SIGNATURE_EXTENSION, verifyUpdate, type VerifiedUpdate } from './signature';

/** The part of electron-updater's AppUpdater used here; the tests pass a fake. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  disableWebInstaller: boolean;
  disableDifferentialDownload: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string; files: ReadonlyArray<{ url: string }> } } | null>;
  downloadUpdate(): Promise<string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (event: { downloadedFile: string; version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'update-downloaded', listener: (event: { downloadedFile: string; version: string }) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdatesDeps {
  app: { readonly isPackaged: boolean; getVersion(): string };
  platform: NodeJS.Platform;
  arch: string;
  /**
   * electron-updater's autoUpdater, loaded only when an update is looked
   * for: with no feed set it is never even created.
   */
  loadUpdater: () => Promise<Updater>;
  dialog: {
    showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
    showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  };
  /** The feed as the environment and the settings say now. */
  feed: () => FeedChoice;
  /** Where a person changes the feed, for messages: settings.json's path. */
  settingsPath: string;
  /** This build's update signing key; null when it has none. May reject with UpdateRefused. */
  signingKey: () => Promise<KeyObject | null>;
  /** The text at a URL of the feed (a .sig), refusing anything longer than a signature can be. */
  fetchSignature: (url: string) => Promise<string>;
  startLoopbackFeed?: (options: LoopbackFeedOptions) => Promise<LoopbackFeed>;
  removeFile?: (path: string) => Promise<void>;
  log: (message: string) => void;
  logError: (message: string, error?: unknown) => void;
}

export interface UpdatesHandle {
  /** "Check for updates…": never rejects; every outcome is a dialog. */
  checkForUpdates(): Promise<void>;
  /** "Update from file…": never rejects; every outcome is a dialog. */
  updateFromFile(): Promise<void>;
}

const TITLE = 'Updates';

export function installUpdates(deps: UpdatesDeps): UpdatesHandle {
  const startFeed = deps.startLoopbackFeed ?? startLoopbackFeedDefault;
  const removeFile = deps.removeFile ?? ((path: string) => rm(path, { force: true }));
  const runningVersion = deps.app.getVersion();
  const fromFileMenu = deps.platform === 'darwin' ? 'Command Post › Update from file…' : 'File › Update from file…';
  let busy = false;
  /** Listens for a failure of the install last asked for; dropped when another update starts. */
  let installFailure: { updater: Updater; listener: (error: Error) => void } | null = null;

  const say = async (message: string, detail?: string, type: MessageBoxOptions['type'] = 'info'): Promise<void> => {
    await deps.dialog.showMessageBox({ type, title: TITLE, message, ...(detail ? { detail } : {}), buttons: ['OK'] });
  };
  const refuse = async (refusal: UpdateRefused): Promise<void> => {
    deps.log(`update refused (${refusal.kind}): ${refusal.message}`);
    await say('The update was not installed.', `${refusal.message}${refusal.kind === 'no-signing-key' ? '' : `\n\n${INSTALL_BY_HAND_HINT}`}`, 'warning');
  };

  /** One update at a time; every failure ends in a dialog that says why. */
  async function exclusively(task: () => Promise<void>): Promise<void> {
    if (busy) {
      await say('An update is already under way.', 'Wait for it to finish, then try again.');
      return;
    }
    busy = true;
    try {
      await task();
    } catch (error) {
      if (error instanceof UpdateRefused) {
        await refuse(error);
      } else {
        deps.logError('update failed', error);
        await say('The update did not complete.', reasonOf(error), 'error');
      }
    } finally {
      busy = false;
    }
  }

  async function requireKey(): Promise<KeyObject> {
    const key = await deps.signingKey();
    if (!key) throw noSigningKey();
    return key;
  }

  /**
   * Asks electron-updater for the update at `url`, has it download the
   * installer, checks the downloaded file against its signature, and only
   * then offers to restart into it. A file that fails is deleted.
   */
  async function fetchVerifyAndOffer(options: {
    url: string;
    key: KeyObject;
    /** Ask before downloading (from a server: it may be large and slow). */
    confirmDownload: boolean;
    /** Differential download needs HTTP ranges, which the loopback feed does not serve. */
    differential: boolean;
    signatureFor: (downloadedFile: string) => Promise<string>;
    /** Turns electron-updater's failure into words. */
    explain: (error: unknown) => Error;
  }): Promise<void> {
    const updater = await deps.loadUpdater();
    if (installFailure) {
      installFailure.updater.removeListener('error', installFailure.listener);
      installFailure = null;
    }
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    updater.allowDowngrade = false;
    updater.disableWebInstaller = true;
    updater.disableDifferentialDownload = !options.differential;
    updater.setFeedURL({ provider: 'generic', url: options.url });

    const check = await updater.checkForUpdates().catch((error: unknown) => {
      throw options.explain(error);
    });
    if (!check) throw new UpdateRefused('not-installable', developmentBuild());
    const announced = check.updateInfo.version;
    if (!check.isUpdateAvailable) {
      await say(`Command Post ${runningVersion} is up to date.`, `The update source offers version ${announced}, which is not newer.`);
      return;
    }
    if (options.confirmDownload) {
      const { response } = await deps.dialog.showMessageBox({
        type: 'question',
        title: TITLE,
        message: `Command Post ${announced} is available (you have ${runningVersion}).`,
        detail: 'Download it now? It is checked against your organisation’s signature before anything is installed, and installs only when you choose to restart.',
        buttons: ['Download', 'Not now'],
        defaultId: 0,
        cancelId: 1,
      });
      if (response !== 0) return;
    }

    let downloaded: string | null = null;
    const onDownloaded = (event: { downloadedFile: string }): void => {
      downloaded = event.downloadedFile;
    };
    updater.on('update-downloaded', onDownloaded);
    let paths: string[];
    try {
      paths = await updater.downloadUpdate().catch((error: unknown) => {
        throw options.explain(error);
      });
    } finally {
      updater.removeListener('update-downloaded', onDownloaded);
    }
    const file = downloaded ?? paths[0];
    if (!file) throw new Error('The updater reported a download but named no file.');

    let verified: VerifiedUpdate;
    try {
      verified = await verifyUpdate({ filePath: file, signatureText: await options.signatureFor(file), publicKey: options.key, runningVersion, announcedVersion: announced });
    } catch (error) {
      // Never left where a later run could pick it up.
      await removeFile(file).catch((removeError: unknown) => deps.logError(`could not remove the refused update ${file}`, removeError));
      throw error;
    }
    deps.log(`update ${verified.version} (${verified.file}) verified against this build's update signing key`);

    const { response } = await deps.dialog.showMessageBox({
      type: 'info',
      title: TITLE,
      message: `Command Post ${verified.version} is downloaded and verified.`,
      detail: 'Its signature matches your organisation’s update key. Restart now to install it: Command Post closes, installs the update and opens again. Later leaves it unused; nothing is installed when you quit.',
      buttons: ['Restart and install', 'Later'],
      defaultId: 0,
      cancelId: 1,
    });
    if (response !== 0) return;
    // Installing can still fail after this: macOS's Squirrel refuses an app
    // without a valid code signature, a Linux AppImage must be run as one.
    // electron-updater reports that as an 'error' event and carries on, so
    // say it, or the person would wait for a restart that never comes.
    const listener = (error: Error): void => {
      updater.removeListener('error', listener);
      installFailure = null;
      deps.logError('the update could not be installed', error);
      void say('The update could not be installed.', `${(reasonOf(error).split('\n')[0] ?? '').slice(0, 300)}\n\n${INSTALL_BY_HAND_HINT}`, 'error');
    };
    installFailure = { updater, listener };
    updater.on('error', listener);
    // Silent where the platform asks (Windows' installer shows no wizard), and open again after.
    updater.quitAndInstall(true, true);
  }

  function developmentBuild(): string {
    return 'This is a development build of Command Post (run from its source, not installed), which updates do not replace. Install a released build to receive updates.';
  }

  /** electron-updater's errors, said for a responder: what failed and where. */
  function explainFeedError(where: string, refusedNames: () => readonly string[] = () => []) {
    return (error: unknown): Error => {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      const first = (reasonOf(error).split('\n')[0] ?? '').slice(0, 300);
      const refusedInstaller = refusedNames().find((name) => !name.endsWith('.blockmap') && !name.endsWith('.yml'));
      if (refusedInstaller) {
        return new UpdateRefused(
          'no-feed-file',
          `${channelFileName(deps.platform, deps.arch)} names ${refusedInstaller} as the update for ${platformName(deps.platform)}, not the file you chose. Choose ${refusedInstaller} (with ${refusedInstaller}${SIGNATURE_EXTENSION} beside it).`,
        );
      }
      if (/app-update\.yml/.test(first) && code === 'ENOENT') {
        // electron-builder writes it only when its configuration has a `publish` entry.
        return new UpdateRefused(
          'not-installable',
          'This build of Command Post was made without the update configuration electron-builder writes (app-update.yml), so it cannot apply updates.',
        );
      }
      if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') {
        return new Error(`There is no ${channelFileName(deps.platform, deps.arch)} at ${where}, so it holds no update for ${platformName(deps.platform)}. Whoever publishes updates copies it there with the installer.`);
      }
      if (code === 'ERR_UPDATER_INVALID_SIGNATURE') return new UpdateRefused('wrong-key', `Windows says the installer is not signed by Command Post’s publisher: ${first}`);
      if (code === 'ERR_CHECKSUM_MISMATCH') {
        return new UpdateRefused('altered-file', `The downloaded installer is not the one ${channelFileName(deps.platform, deps.arch)} describes (its SHA-512 differs): the download broke off or the file was changed. Nothing was installed.`);
      }
      if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ENETUNREACH|ERR_CONNECTION|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_ADDRESS_UNREACHABLE/.test(`${code} ${first}`)) {
        return new Error(`The update source ${where} could not be reached (${first}). Check the network, or use ${fromFileMenu} with an installer on a USB stick.`);
      }
      return new Error(`The update from ${where} could not be checked or downloaded: ${first}`);
    };
  }

  /** The folder's files that a feed may hold: channel files, installers, their blockmaps and signatures. */
  async function feedFilesIn(folder: string): Promise<Map<string, string>> {
    const extensions = new Set(['yml', 'blockmap', SIGNATURE_EXTENSION.slice(1), ...installerExtensions(deps.platform).map((e) => e.toLowerCase())]);
    const files = new Map<string, string>();
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      throw new Error(`The update folder ${folder} could not be opened (${reasonOf(error)}). Check that the share is reachable from this machine.`, { cause: error });
    }
    for (const name of names) {
      const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
      if (extensions.has(extension) && (await stat(join(folder, name)).then((s) => s.isFile(), () => false))) files.set(name, join(folder, name));
    }
    return files;
  }

  async function checkForUpdates(): Promise<void> {
    const choice = deps.feed();
    if (choice.problem) {
      deps.logError(`updates: ${choice.problem}`);
      await say('Command Post cannot look for updates: the update address is not usable.', `${choice.problem}\n\nNothing was checked. An update on a USB stick still installs with ${fromFileMenu}`, 'warning');
      return;
    }
    if (!choice.feed) {
      await say(
        'No update source is set for this machine.',
        `Command Post looks for updates only where your organisation says, and never on the internet. An administrator sets the address of a web server or shared folder on your network in Settings → Updates, with the ${UPDATE_ENV} environment variable, or as updates.feedUrl in ${deps.settingsPath}.\n\nAn installer on a USB stick installs with ${fromFileMenu}`,
      );
      return;
    }
    if (!deps.app.isPackaged) {
      await say('Updates are not available in a development build.', developmentBuild());
      return;
    }
    const feed: UpdateFeed = choice.feed;
    await exclusively(async () => {
      const key = await requireKey();
      const where = describeFeed(feed);
      if (feed.kind === 'web') {
        await fetchVerifyAndOffer({
          url: feed.url,
          key,
          confirmDownload: true,
          differential: true,
          signatureFor: (file) => deps.fetchSignature(new URL(`${encodeURIComponent(basename(file))}${SIGNATURE_EXTENSION}`, feed.url).href),
          explain: explainFeedError(where),
        });
        return;
      }
      // A shared folder: served from 127.0.0.1, its files only, for as long as this takes.
      const server = await startFeed({ files: await feedFilesIn(feed.path) });
      try {
        await fetchVerifyAndOffer({
          url: server.url,
          key,
          // Copying from a share costs nothing worth asking about (nothing
          // installs before Restart and install), and a question left open
          // would outlast the feed's timeout.
          confirmDownload: false,
          differential: false,
          signatureFor: (file) => readSignatureBeside(join(feed.path, basename(file))),
          explain: explainFeedError(where),
        });
      } finally {
        await server.stop();
      }
    });
  }

  async function updateFromFile(): Promise<void> {
    await exclusively(async () => {
      // Before the dialog: without a key, choosing a file would be for nothing.
      const key = await requireKey();
      const choice = await deps.dialog.showOpenDialog({
        title: 'Update Command Post from a file',
        buttonLabel: 'Check and install',
        properties: ['openFile'],
        filters: [
          { name: `Command Post update for ${platformName(deps.platform)}`, extensions: installerExtensions(deps.platform) },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      const installer = choice.filePaths[0];
      if (choice.canceled || !installer) return;
      const name = basename(installer);
      const folder = dirname(installer);

      // The signature first, on the file as it is on the stick.
      const signatureText = await readSignatureBeside(installer);
      const signed = await verifyUpdate({ filePath: installer, signatureText, publicKey: key, runningVersion });

      const channel = channelFileName(deps.platform, deps.arch);
      const channelPath = join(folder, channel);
      if (!(await stat(channelPath).then((s) => s.isFile(), () => false))) {
        throw new UpdateRefused(
          'no-feed-file',
          `There is no ${channel} beside ${name}. electron-builder writes it next to the installer, and it is what tells Command Post how to install the update on ${platformName(deps.platform)}: copy it from the same place, into the same folder.`,
        );
      }
      if (!deps.app.isPackaged) {
        await say(`${name} is version ${signed.version}, signed with your organisation’s key.`, developmentBuild());
        return;
      }

      const files = new Map([
        [channel, channelPath],
        [name, installer],
      ]);
      const blockmap = `${name}.blockmap`;
      if (await stat(join(folder, blockmap)).then((s) => s.isFile(), () => false)) files.set(blockmap, join(folder, blockmap));
      const server = await startFeed({ files, stopAfter: name });
      try {
        await fetchVerifyAndOffer({
          url: server.url,
          key,
          confirmDownload: false,
          differential: false,
          // The copy electron-updater made is checked again: it is the file that runs.
          signatureFor: async () => signatureText,
          explain: explainFeedError(folder, () => server.refused),
        });
      } finally {
        await server.stop();
      }
    });
  }

  return { checkForUpdates, updateFromFile };
}
