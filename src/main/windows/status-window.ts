import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { BrowserWindowConstructor } from './main-window';
import { WINDOW_BACKGROUND } from './main-window';
import { secureWebPreferences } from '../security/web-preferences';

/** Incident ids as the renderer's router accepts them. */
const INCIDENT_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The observer window's options: a read-only status view for an executive
 * to leave open beside their mail, so it is small and has no preload at
 * all. Without the bridge it can call nothing in main (and main's trusted
 * sender check would refuse it anyway); it reads the incident from this
 * machine's storage and follows the main window's changes over a local
 * channel. The security preferences are the main window's, spelled out.
 */
export function statusWindowOptions(developerTools: boolean): BrowserWindowConstructorOptions {
  return {
    title: 'Status · Command Post',
    backgroundColor: WINDOW_BACKGROUND,
    width: 720,
    height: 820,
    minWidth: 420,
    minHeight: 360,
    show: false,
    webPreferences: secureWebPreferences(null, developerTools, { spellcheck: false }),
  };
}

export interface StatusWindowsOptions {
  BrowserWindow: BrowserWindowConstructor;
  /** Development builds only (`!app.isPackaged`). */
  developerTools: boolean;
  /** The renderer's entry (the dev server or app://command-post/index.html), without a hash. */
  url: string;
  onLoadError?: (error: unknown) => void;
}

export interface StatusWindows {
  /** Opens the observer window of an incident, or brings its open one to the front. */
  open(incidentId: string): void;
  /** How many are open (for the tests, and the app's own bookkeeping). */
  readonly count: number;
}

/** One observer window per incident: asking again brings it up rather than opening a second. */
export function createStatusWindows(options: StatusWindowsOptions): StatusWindows {
  const open = new Map<string, BrowserWindow>();
  return {
    open(incidentId) {
      // The id came from the renderer through a validated contract; checked again where it becomes a URL.
      if (!INCIDENT_ID.test(incidentId)) throw new Error('The incident id is not valid.');
      const existing = open.get(incidentId);
      if (existing && !existing.isDestroyed()) {
        if (existing.isMinimized()) existing.restore();
        existing.show();
        existing.focus();
        return;
      }
      const window = new options.BrowserWindow(statusWindowOptions(options.developerTools));
      open.set(incidentId, window);
      window.once('ready-to-show', () => window.show());
      window.on('closed', () => {
        if (open.get(incidentId) === window) open.delete(incidentId);
      });
      window.loadURL(`${options.url}#/status/${incidentId}`).catch((error: unknown) => options.onLoadError?.(error));
    },
    get count() {
      return open.size;
    },
  };
}
