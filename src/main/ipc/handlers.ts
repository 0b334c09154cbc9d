import type { App, BrowserWindow, WebContents } from 'electron';
import { createSaveTextFile } from '../files/save-text';
import { createSavePdf, type SavePdfDeps } from '../files/save-pdf';
import type { CaptureHandle } from '../capture';
import type { DiscoveryHandle } from '../discovery';
import type { HotkeysHandle } from '../hotkeys';
import type { NotificationsHandle } from '../notifications';
import type { SignalingHandle } from '../signaling';
import type { UpdateSettingsHandle } from '../updates/settings';
import type { CaptureHandlers, InvokeHandlers } from './types';

export interface InvokeHandlerDeps {
  app: Pick<App, 'getName' | 'getVersion'>;
  platform: NodeJS.Platform;
  electronVersion: string;
  /** BrowserWindow.fromWebContents in production. */
  windowFromWebContents: (contents: WebContents) => Pick<BrowserWindow, 'setTitle' | 'isDestroyed'> | null;
  /** The save dialog and file system, for 'file:save-text', and printing to PDF, for 'file:save-pdf'. */
  files: SavePdfDeps;
  /** The signaling server inside the app, for its status and settings. */
  signaling: Pick<SignalingHandle, 'status' | 'change'>;
  /** The deadline notifications, for 'notifications:set-deadlines'. */
  notifications: Pick<NotificationsHandle, 'setDeadlines'>;
  /** The global hotkeys, for Settings. */
  hotkeys: HotkeysHandle;
  /** Quick capture, which the main window tells where entries go. */
  capture: Pick<CaptureHandle, 'setTarget'>;
  /** The observer windows, for 'window:open-status'. */
  statusWindows: { open(incidentId: string): void };
  /** Announcing shares on the LAN and listing other command posts. */
  discovery: Pick<DiscoveryHandle, 'status' | 'watch' | 'share' | 'unshare' | 'change' | 'signalingMoved'>;
  /** Where updates come from (Settings → Updates), and Check for updates now. */
  updates: UpdateSettingsHandle;
}

/**
 * The implementation of every invokeContract channel. Arguments arrive
 * already validated (see register.ts), so handlers only do the work.
 */
export function createInvokeHandlers(deps: InvokeHandlerDeps): InvokeHandlers {
  return {
    'app:get-info': () => ({
      name: deps.app.getName(),
      version: deps.app.getVersion(),
      platform: deps.platform,
      electron: deps.electronVersion,
    }),
    'window:set-title': (event, title) => {
      // The title of the window that asked, never some other window.
      const window = deps.windowFromWebContents(event.sender);
      if (window && !window.isDestroyed()) window.setTitle(title);
    },
    'file:save-text': createSaveTextFile(deps.files),
    'file:save-pdf': createSavePdf(deps.files),
    'signaling:get-status': () => deps.signaling.status(),
    'signaling:set-settings': async (_event, preferences) => {
      const result = await deps.signaling.change(preferences);
      // Shares announced on the LAN follow the server to its new port.
      await deps.discovery.signalingMoved(result.status);
      return result;
    },
    'notifications:set-deadlines': (_event, incidentId, notices) => deps.notifications.setDeadlines(incidentId, notices),
    'hotkeys:get-status': () => deps.hotkeys.status(),
    'hotkeys:set-bindings': (_event, bindings) => deps.hotkeys.change(bindings),
    'hotkeys:reset': () => deps.hotkeys.reset(),
    'hotkeys:suspend': (_event, suspended) => deps.hotkeys.suspend(suspended),
    'capture:set-target': (_event, target) => deps.capture.setTarget(target),
    'window:open-status': (_event, incidentId) => deps.statusWindows.open(incidentId),
    'discovery:get-status': () => deps.discovery.status(),
    'discovery:watch': (_event, on) => deps.discovery.watch(on),
    'discovery:share': (_event, request) => deps.discovery.share(request),
    'discovery:unshare': (_event, shareKey) => deps.discovery.unshare(shareKey),
    'discovery:set-settings': (_event, preferences) => deps.discovery.change(preferences),
    'updates:get-status': () => deps.updates.status(),
    'updates:set-feed': (_event, feedUrl) => deps.updates.setFeed(feedUrl),
    'updates:check': () => deps.updates.check(),
  };
}

/** The quick-capture window's calls (captureContract): hand the entry on, or close. */
export function createCaptureHandlers(capture: Pick<CaptureHandle, 'submit' | 'cancel'>): CaptureHandlers {
  return {
    'capture:submit': (_event, entry) => capture.submit(entry),
    'capture:cancel': () => capture.cancel(),
  };
}
