/**
 * The Electron main process: wiring only. Each capability lives in its own
 * module and receives the Electron APIs it uses as arguments, which is what
 * lets the unit tests run them without Electron.
 *
 * Main is an ES module. Electron loads ES modules asynchronously, so anything
 * that must happen before 'ready' (privileged schemes, the sandbox switch) is
 * done synchronously at the top level here, never after an await.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, net, Notification, powerMonitor, protocol, screen, session, shell } from 'electron';
import { captureContract, DISCOVERY_CHANNEL, DiscoveryStatus, INTENT_CHANNEL, Intent } from '../shared/ipc';
import { keyPlatformOf } from '../shared/hotkeys/accelerator';
import identity from './app-identity.json';
import { installLifecycle } from './app-lifecycle';
import { installCapture } from './capture';
import { captureBounds, captureUrl, createCaptureWindow } from './capture/window';
import { installHotkeys } from './hotkeys';
import { createHotkeyRegistry } from './hotkeys/registry';
import { detectHotkeySession, withPortalFeatures } from './hotkeys/session';
import { installDiscovery } from './discovery';
import { createBonjourTransport } from './discovery/bonjour';
import { createCaptureHandlers, createInvokeHandlers } from './ipc/handlers';
import { registerInvokeHandlers } from './ipc/register';
import { createIntentSender } from './menu/intents';
import { buildMenuTemplate } from './menu/template';
import { createItemShower, installNotifications } from './notifications';
import { NOTIFICATIONS_FILE_NAME, openDeliveredStore } from './notifications/store';
import { resolveBuildPaths } from './paths';
import { createAppProtocolHandler } from './protocol/handler';
import { registerAppSchemePrivileges } from './protocol/scheme';
import { installNavigationGuard } from './security/navigation';
import { APP_SCHEME, createOriginAllowlist } from './security/origins';
import { installPermissionHandlers } from './security/permissions';
import { createTrustedSenderCheck } from './security/trusted-sender';
import { openSettingsStore, SETTINGS_FILE_NAME } from './settings/store';
import { installSignaling } from './signaling';
import { startSignalingServer } from './signaling/server';
import { installUpdates, type Updater } from './updates';
import { chooseUpdateFeed, describeFeed } from './updates/feed';
import { fetchSignatureText } from './updates/fetch-signature';
import { createUpdateSettings } from './updates/settings';
import { loadSigningKey, signingKeyPath } from './updates/signing-key';
import { createMainWindow } from './windows/main-window';
import { createStatusWindows } from './windows/status-window';
import { resolveRendererSource } from './windows/renderer-source';

const paths = resolveBuildPaths(import.meta.url);
const source = resolveRendererSource(process.env, app.isPackaged);
const isAppUrl = createOriginAllowlist([source.origin]);

// Before 'ready': every renderer sandboxed, whatever its webPreferences say,
// and app:// known to Chromium as a standard, secure scheme.
app.enableSandbox();
registerAppSchemePrivileges(protocol);

// Windows shows an app's notifications only under the application user model
// id its Start menu shortcut carries, which the installer sets to the appId.
if (process.platform === 'win32') app.setAppUserModelId(identity.appId);

// In a Wayland session, global hotkeys go through the desktop's portal, which
// Chromium uses only when told to (see src/main/hotkeys/session.ts).
const hotkeySession = detectHotkeySession(process.platform, process.env);
if (hotkeySession === 'wayland') {
  app.commandLine.appendSwitch('enable-features', withPortalFeatures(app.commandLine.getSwitchValue('enable-features')));
}

let mainWindow: BrowserWindow | null = null;
/** Set once the hotkeys and quick capture are installed (after 'ready'). */
let closedMainWindow: () => void = () => {};
/** Set once discovery is installed: the main window's page is going (a reload, another page). */
let mainPageLeaving: () => void = () => {};
let quitting = false;

function reportError(context: string): (error: unknown) => void {
  return (error) => console.error(`[command-post] ${context}:`, error);
}

/** `hash` opens the window on a route (a notification clicked while no window was open). */
function openMainWindow(hash = ''): void {
  if (mainWindow && !mainWindow.isDestroyed()) return;
  const window = createMainWindow({
    BrowserWindow,
    preloadPath: paths.preload,
    developerTools: !app.isPackaged,
    url: `${source.url}${hash}`,
    onLoadError: reportError(`could not load ${source.url}`),
  });
  // The page answers knocks for the incidents it shares on the LAN; a new page
  // (a reload) knows nothing of them, so their announcements are withdrawn.
  window.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) mainPageLeaving();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    // Its page can no longer say which incident is open, or end a key recording.
    closedMainWindow();
    // The hidden capture window keeps 'window-all-closed' from firing, so the
    // main window's close is what quits, as it would be without it (not on macOS).
    if (process.platform !== 'darwin') app.quit();
  });
  mainWindow = window;
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return openMainWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

const isPrimaryInstance = installLifecycle(app, {
  platform: process.platform,
  ensureWindow: openMainWindow,
  focusWindow: focusMainWindow,
  // The capture window is always there, hidden: only the main window counts.
  windowCount: () => (mainWindow && !mainWindow.isDestroyed() ? 1 : 0),
});

if (isPrimaryInstance) {
  app.on('before-quit', () => {
    quitting = true;
  });
  // Every WebContents, including any created later, is kept on our origin.
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuard(contents, {
      isAppUrl,
      openExternal: (url) => shell.openExternal(url),
      onError: reportError('could not open a link externally'),
    });
  });

  app
    .whenReady()
    .then(async () => {
      installPermissionHandlers(session.defaultSession, isAppUrl);

      if (source.kind === 'app-protocol') {
        protocol.handle(
          APP_SCHEME,
          createAppProtocolHandler({ rootDir: paths.rendererRoot, fetchFile: (fileUrl) => net.fetch(fileUrl) }),
        );
      }

      // A small file; whatever is wrong with it is reported, never thrown.
      const settings = await openSettingsStore({
        path: join(app.getPath('userData'), SETTINGS_FILE_NAME),
        files: {
          readFile: (path) => readFile(path, 'utf8'),
          writeFile: (path, text) => writeFile(path, text, 'utf8'),
          rename,
          remove: (path) => rm(path, { force: true }),
          mkdir: async (path) => {
            await mkdir(path, { recursive: true });
          },
        },
        now: Date.now,
        logError: (message) => console.error(`[command-post] ${message}`),
      });

      // Discovery is installed below, with the signaling handle; its goodbyes go out before the server closes.
      let closeDiscovery = async (): Promise<void> => {};
      // Not awaited: the window does not wait for the network, and a port
      // that is taken is reported without stopping the app.
      const signaling = installSignaling({
        beforeClose: () => closeDiscovery(),
        app,
        env: process.env,
        rendererOrigin: source.origin,
        preferences: {
          get: () => settings.get('signaling'),
          save: (preferences) => settings.set('signaling', preferences),
          problem: () => settings.problem,
        },
        start: startSignalingServer,
        networkInterfaces,
        log: (message) => console.log(`[command-post] ${message}`),
        logError: (message, error) => (error === undefined ? console.error(`[command-post] ${message}`) : reportError(message)(error)),
      });

      // Nothing goes on the network until a share is announced or the page asks for the list.
      const discovery = installDiscovery({
        env: process.env,
        preferences: {
          get: () => settings.get('discovery'),
          save: (preferences) => settings.set('discovery', preferences),
          problem: () => settings.problem,
        },
        signaling,
        createTransport: (interfaces, onError) => createBonjourTransport({ interfaces, onError }),
        networkInterfaces,
        randomBytes: (count) => new Uint8Array(randomBytes(count)),
        clock: { now: Date.now, setTimer: (callback, delayMs) => setTimeout(callback, delayMs), clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout) },
        notify: (status) => {
          if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(DISCOVERY_CHANNEL, DiscoveryStatus.parse(status));
        },
        logError: (message, error) => (error === undefined ? console.error(`[command-post] ${message}`) : reportError(message)(error)),
      });

      closeDiscovery = () => discovery.close();
      mainPageLeaving = () => void discovery.pageGone();

      // Delivered keys first: nothing may notify before it is known what already did.
      const delivered = await openDeliveredStore({
        path: join(app.getPath('userData'), NOTIFICATIONS_FILE_NAME),
        files: {
          readFile: (path) => readFile(path, 'utf8'),
          writeFile: (path, text) => writeFile(path, text, 'utf8'),
          rename,
          mkdir: async (path) => {
            await mkdir(path, { recursive: true });
          },
        },
        now: Date.now,
        logError: (message, error) => (error === undefined ? console.error(`[command-post] ${message}`) : reportError(message)(error)),
      });
      const notifications = installNotifications({
        Notification,
        powerMonitor,
        delivered,
        clock: { now: Date.now, setTimer: (callback, delayMs) => setTimeout(callback, delayMs), clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout) },
        showItem: createItemShower({
          getWindow: () => mainWindow,
          openWindowAt: (hash) => openMainWindow(hash),
          sendIntent: (window, intent) => window.webContents.send(INTENT_CHANNEL, Intent.parse(intent)),
        }),
        logError: (message, error) => (error === undefined ? console.error(`[command-post] ${message}`) : reportError(message)(error)),
      });

      const capture = installCapture({
        createWindow: () =>
          createCaptureWindow({
            BrowserWindow,
            preloadPath: paths.capturePreload,
            developerTools: !app.isPackaged,
            url: captureUrl(source.url),
            platform: process.platform,
            onLoadError: reportError('could not load the quick-capture page'),
            onCloseRequest: () => {
              if (quitting) return true;
              capture.cancel();
              return false;
            },
          }),
        getMainWindow: () => mainWindow,
        position: () => captureBounds(screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).workArea),
        logError: (message, error) => (error === undefined ? console.error(`[command-post] ${message}`) : reportError(message)(error)),
      });
      const keyPlatform = keyPlatformOf(process.platform);
      const hotkeys = installHotkeys({
        app,
        registry: createHotkeyRegistry({
          globalShortcut,
          platform: keyPlatform,
          session: hotkeySession,
          now: Date.now,
          onPress: (action, at) => capture.press(action, at),
          logError: (message, error) => (error === undefined ? console.error(`[command-post] ${message}`) : reportError(message)(error)),
        }),
        preferences: {
          get: () => settings.get('hotkeys'),
          save: (bindings) => settings.set('hotkeys', bindings),
          problem: () => settings.problem,
        },
        platform: keyPlatform,
        session: hotkeySession,
      });
      closedMainWindow = () => {
        void discovery.pageGone();
        capture.setTarget(null);
        hotkeys.suspend(false);
      };

      // Updates: looked for only when someone asks, and only where the
      // organisation set (COMMAND_POST_UPDATE_URL or settings.json); with no
      // source set, electron-updater is not even loaded.
      const updateFeed = () => chooseUpdateFeed(process.env, settings.get('updates').feedUrl, process.platform, `updates.feedUrl in ${settings.path}`);
      const feedAtStart = updateFeed();
      if (feedAtStart.problem) console.error(`[command-post] updates: ${feedAtStart.problem}`);
      else if (feedAtStart.feed) console.log(`[command-post] updates: looked for only when asked, at ${describeFeed(feedAtStart.feed)} (from ${feedAtStart.source})`);
      const signingKey = () =>
        loadSigningKey(signingKeyPath({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() }), (path) => readFile(path, 'utf8'));
      const updates = installUpdates({
        app,
        platform: process.platform,
        arch: process.arch,
        loadUpdater: async () => {
          // CommonJS: from an ES module, its exports are the default export.
          // Reading autoUpdater creates the platform's updater; nothing is fetched yet.
          const updater: Updater = (await import('electron-updater')).default.autoUpdater;
          return updater;
        },
        dialog: {
          showMessageBox: (options) => (mainWindow && !mainWindow.isDestroyed() ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options)),
          showOpenDialog: (options) => (mainWindow && !mainWindow.isDestroyed() ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
        },
        feed: updateFeed,
        settingsPath: settings.path,
        signingKey,
        fetchSignature: (url) => fetchSignatureText((input, init) => net.fetch(input, init), url),
        log: (message) => console.log(`[command-post] ${message}`),
        logError: (message, error) => (error === undefined ? console.error(`[command-post] ${message}`) : reportError(message)(error)),
      });

      // Settings → Updates: the same feed, key and check as the menu's.
      const updateSettings = createUpdateSettings({
        env: process.env,
        platform: process.platform,
        isPackaged: app.isPackaged,
        preferences: {
          get: () => settings.get('updates').feedUrl,
          save: (feedUrl) => settings.set('updates', { feedUrl }),
          problem: () => settings.problem,
        },
        signingKey,
        checkForUpdates: () => updates.checkForUpdates(),
        logError: (message, error) => (error === undefined ? console.error(`[command-post] ${message}`) : reportError(message)(error)),
      });

      registerInvokeHandlers(
        ipcMain,
        createInvokeHandlers({
          app,
          platform: process.platform,
          electronVersion: process.versions.electron,
          windowFromWebContents: (contents) => BrowserWindow.fromWebContents(contents),
          files: {
            showSaveDialog: (sender, options) => {
              const window = BrowserWindow.fromWebContents(sender);
              return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
            },
            defaultDirectory: () => app.getPath('downloads'),
            writeFile: (path, content) => (typeof content === 'string' ? writeFile(path, content, 'utf8') : writeFile(path, content)),
            printToPdf: (sender, options) => sender.printToPDF(options),
            rename,
            remove: (path) => rm(path, { force: true }),
            now: Date.now,
          },
          signaling,
          discovery,
          updates: updateSettings,
          notifications,
          hotkeys,
          capture,
          statusWindows: createStatusWindows({ BrowserWindow, developerTools: !app.isPackaged, url: source.url, onLoadError: reportError('could not load the status view') }),
        }),
        createTrustedSenderCheck(() => mainWindow?.webContents, isAppUrl),
      );
      // The capture window's two calls, from that window only.
      registerInvokeHandlers(
        ipcMain,
        createCaptureHandlers(capture),
        createTrustedSenderCheck(() => (capture.window() as BrowserWindow | null)?.webContents, isAppUrl),
        captureContract,
      );

      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildMenuTemplate({
            platform: process.platform,
            appName: app.getName(),
            sendIntent: createIntentSender(() => mainWindow),
            includeDevTools: !app.isPackaged,
            updates: {
              checkForUpdates: () => void updates.checkForUpdates(),
              updateFromFile: () => void updates.updateFromFile(),
            },
          }),
        ),
      );

      openMainWindow();
    })
    .catch((error: unknown) => {
      reportError('startup failed')(error);
      app.quit();
    });
}
