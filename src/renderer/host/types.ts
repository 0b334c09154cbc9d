import type {
  AppInfo,
  CaptureTarget,
  DeadlineNotice,
  HotkeyBindings,
  HotkeyChangeResult,
  HotkeyStatus,
  Intent,
  SaveFileResult,
  SignalingChangeResult,
  SignalingPreferences,
  SignalingStatus,
} from '../../shared/ipc';

import type { NotificationsPermission } from './web-notifications';

export type { NotificationsPermission } from './web-notifications';

export interface TextFile {
  /** A file name, not a path; the user may change it where the host asks. */
  readonly suggestedName: string;
  readonly mimeType: string;
  readonly content: string;
}

/** The signaling server a host runs itself. */
export interface SignalingControl {
  getStatus(): Promise<SignalingStatus>;
  /**
   * Saves the settings and moves the server. Resolves with the status and
   * what failed, if anything (a port that is taken); rejects only when the
   * request itself is refused.
   */
  change(preferences: SignalingPreferences): Promise<SignalingChangeResult>;
}

/**
 * The hotkeys: global ones registered by main in the desktop app (settings
 * in its settings.json), in-page keys in a browser (kept in localStorage).
 */
export interface HotkeyControl {
  getStatus(): Promise<HotkeyStatus>;
  /** Saves and applies a whole set; resolves with the reason when it is refused (nothing changes then). */
  change(bindings: HotkeyBindings): Promise<HotkeyChangeResult>;
  reset(): Promise<HotkeyChangeResult>;
  /** Stops global hotkeys from firing while a key is being recorded (nothing to stop in a browser). */
  suspend(suspended: boolean): void;
}

/**
 * What the renderer needs from wherever it runs. Two implementations:
 * Electron (through the preload bridge) and the web host (a plain browser).
 */
export interface Host {
  readonly kind: 'electron' | 'web';
  getAppInfo(): Promise<AppInfo>;
  /** The window title (task bar, window switcher). */
  setTitle(title: string): void;
  /** Intents from outside the page: the app menu in Electron, browser-safe shortcuts on the web. */
  onIntent(listener: (intent: Intent) => void): () => void;
  /**
   * Saves a text file where the user chooses: a save dialog in Electron, a
   * download in a browser (which cannot tell whether the user kept it, so it
   * always says 'saved'). Opening files needs no host method: an
   * <input type="file"> works the same in both.
   */
  saveFile(file: TextFile): Promise<SaveFileResult>;
  /**
   * The signaling server this host runs and lets the user configure: the
   * desktop app's own. Null in a browser, where `npm run signal` runs it
   * and the page can neither see nor change it.
   */
  readonly signaling: SignalingControl | null;
  /** The addresses of this machine's signaling server that an invite made here should list. */
  signalingToOffer(): Promise<string[]>;
  /**
   * Replaces the deadlines this host announces for one incident with this
   * list (the full current one; an empty list stops them). Each is announced
   * once, when due, and never again, across restarts; a click brings the
   * window up with a 'show-item' intent. OS notifications from main in
   * Electron, the Web Notifications API in a browser.
   */
  setDeadlines(incidentId: string, notices: DeadlineNotice[]): Promise<void>;
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
  setCaptureTarget(target: CaptureTarget | null): void;
  /**
   * Opens the incident's read-only status view for observers: a window of
   * its own in the desktop app, a new tab in a browser.
   */
  openStatusView(incidentId: string): Promise<void>;
}
