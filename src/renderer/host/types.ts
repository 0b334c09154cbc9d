import type { CommandPostBridge, InvokeArgs, InvokeCall, InvokeResult, SaveTextFileRequest } from '../../shared/ipc';

import type { NotificationsPermission } from './web-notifications';

export type { NotificationsPermission } from './web-notifications';

/**
 * A text file to save: the contract's request (a file name, not a path; the
 * user may change it where the host asks), and its type for a download. The
 * text may come as a Blob of it, made off the main thread (a download then
 * never turns megabytes of text into bytes on it).
 */
export interface TextFile extends Readonly<Omit<SaveTextFileRequest, 'content'>> {
  readonly content: string | Blob;
  readonly mimeType: string;
}

/*
 * The members below that mirror an IPC call take their types from the
 * contract (src/shared/ipc.ts): the Electron host forwards them to the
 * preload bridge and the web host answers them itself, so both are checked
 * against the one declaration. They are function-typed properties, not
 * methods, so their parameters are checked strictly. The fire-and-forget
 * ones (setTitle, suspend, setCaptureTarget) take the call's arguments and
 * answer nothing; saveFile takes the request plus a type for downloads.
 */

/** Whether the incidents stored here are kept for good, or the browser may evict them. */
export type StorageDurability = 'persistent' | 'refused' | 'unsupported';

/** The signaling server a host runs itself. */
export interface SignalingControl {
  readonly getStatus: InvokeCall<'signaling:get-status'>;
  /**
   * Saves the settings and moves the server. Resolves with the status and
   * what failed, if anything (a port that is taken); rejects only when the
   * request itself is refused.
   */
  readonly change: InvokeCall<'signaling:set-settings'>;
}

/**
 * Finding command posts on this network and being found (issue 23): the
 * desktop app's main process announces shares over mDNS and lists what it
 * hears. A browser cannot send or hear multicast, so the web host has none
 * (WEB_DISCOVERY_UNAVAILABLE in host/web.ts says why, for the join dialog).
 */
export interface DiscoveryControl {
  readonly getStatus: InvokeCall<'discovery:get-status'>;
  /** Lists command posts while true: call with true when 'Join shared incident…' opens, false when it closes. */
  readonly watch: InvokeCall<'discovery:watch'>;
  /** 'Share on this network' for one incident; the answer names the ids to answer knocks at (src/shared/sync/knock.ts). */
  readonly share: InvokeCall<'discovery:share'>;
  readonly unshare: InvokeCall<'discovery:unshare'>;
  readonly change: InvokeCall<'discovery:set-settings'>;
  /** Pushed by main when the list or this machine's shares change (an id rotated). Returns the unsubscribe function. */
  readonly onChange: CommandPostBridge['onDiscovery'];
}

/**
 * Where the desktop app looks for updates (the organisation's web server or
 * shared folder), and Check for updates now. A browser is updated by
 * whoever serves the page, so the web host has none.
 */
export interface UpdateControl {
  readonly getStatus: InvokeCall<'updates:get-status'>;
  /** Saves the address (null: none); resolves with main's reason when it is refused (nothing is saved then). */
  readonly setFeed: InvokeCall<'updates:set-feed'>;
  /** Starts Check for updates…; main's own dialogs say what it found. */
  readonly check: InvokeCall<'updates:check'>;
}

/**
 * The hotkeys: global ones registered by main in the desktop app (settings
 * in its settings.json), in-page keys in a browser (kept in localStorage).
 */
export interface HotkeyControl {
  readonly getStatus: InvokeCall<'hotkeys:get-status'>;
  /** Saves and applies a whole set; resolves with the reason when it is refused (nothing changes then). */
  readonly change: InvokeCall<'hotkeys:set-bindings'>;
  readonly reset: InvokeCall<'hotkeys:reset'>;
  /** Stops global hotkeys from firing while a key is being recorded (nothing to stop in a browser). */
  readonly suspend: (...args: InvokeArgs<'hotkeys:suspend'>) => void;
}

/**
 * What the renderer needs from wherever it runs. Two implementations:
 * Electron (through the preload bridge) and the web host (a plain browser).
 */
export interface Host {
  readonly kind: 'electron' | 'web';
  readonly getAppInfo: InvokeCall<'app:get-info'>;
  /** The window title (task bar, window switcher). */
  readonly setTitle: (...args: InvokeArgs<'window:set-title'>) => void;
  /** Intents from outside the page: the app menu in Electron, browser-safe shortcuts on the web. */
  readonly onIntent: CommandPostBridge['onIntent'];
  /**
   * Saves a text file where the user chooses: a save dialog in Electron, a
   * download in a browser (which cannot tell whether the user kept it, so it
   * always says 'saved'). Opening files needs no host method: an
   * <input type="file"> works the same in both.
   */
  readonly saveFile: (file: TextFile) => Promise<InvokeResult<'file:save-text'>>;
  /**
   * Prints the page as it is now to a PDF and saves it where the user
   * chooses (Electron's printToPDF, then a save dialog): the ICS forms.
   * Null in a browser, whose own print dialog saves a PDF instead.
   */
  readonly savePdf: InvokeCall<'file:save-pdf'> | null;
  /**
   * The signaling server this host runs and lets the user configure: the
   * desktop app's own. Null in a browser, where `npm run signal` runs it
   * and the page can neither see nor change it.
   */
  readonly signaling: SignalingControl | null;
  /** Discovery on the LAN: the desktop app's; null in a browser, which cannot multicast. */
  readonly discovery: DiscoveryControl | null;
  /** Where updates come from: the desktop app's; null in a browser, which the server that serves the page updates. */
  readonly updates: UpdateControl | null;
  /** The addresses of this machine's signaling server that an invite made here should list. */
  signalingToOffer(): Promise<string[]>;
  /**
   * Asks that this machine's incidents be kept for good. The desktop app's
   * storage always is; a browser may evict a site's data when space runs
   * short unless it grants persistent storage (and may refuse, or not offer it
   * at all outside a secure context).
   */
  keepStorage(): Promise<StorageDurability>;
  /**
   * Replaces the deadlines this host announces for one incident with this
   * list (the full current one; an empty list stops them). Each is announced
   * once, when due, and never again, across restarts; a click brings the
   * window up with a 'show-item' intent. OS notifications from main in
   * Electron, the Web Notifications API in a browser.
   */
  readonly setDeadlines: InvokeCall<'notifications:set-deadlines'>;
  /** Whether notifications can be shown: a browser asks the user; the desktop app needs no permission. */
  notificationsPermission(): NotificationsPermission;
  /** Asks for permission to notify; browsers allow it only from a click or key handler. */
  enableNotifications(): Promise<NotificationsPermission>;
  readonly hotkeys: HotkeyControl;
  /**
   * Where quick capture logs: the desktop app's capture window asks main,
   * which holds no incident state, so the page tells it. A browser opens
   * capture in the page, which reads the store itself.
   */
  readonly setCaptureTarget: (...args: InvokeArgs<'capture:set-target'>) => void;
  /**
   * Opens the incident's read-only status view for observers: a window of
   * its own in the desktop app, a new tab in a browser.
   */
  readonly openStatusView: InvokeCall<'window:open-status'>;
}
