import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from '../security/web-preferences';

export const WINDOW_TITLE = 'Command Post';
/** Matches the renderer's dark theme, so no white flash before the first paint. */
export const WINDOW_BACKGROUND = '#0f1115';

/**
 * The main window's options. The webPreferences are the security boundary
 * between the page and the operating system and are spelled out even where
 * they equal Electron's defaults, so a changed default cannot weaken them:
 * the page gets no Node.js, runs in Chromium's sandbox, and talks to main only
 * through the preload's contextBridge API in its own isolated world.
 */
export function mainWindowOptions(preloadPath: string, developerTools: boolean): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    backgroundColor: WINDOW_BACKGROUND,
    width: 1280,
    height: 800,
    // Small enough to sit beside a chat window on a laptop during an incident.
    minWidth: 800,
    minHeight: 600,
    show: false,
    webPreferences: secureWebPreferences(preloadPath, developerTools, { spellcheck: true }),
  };
}

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export interface CreateMainWindowOptions {
  BrowserWindow: BrowserWindowConstructor;
  preloadPath: string;
  /** Whether the window may open developer tools: development builds only (`!app.isPackaged`). */
  developerTools: boolean;
  /** The dev server URL or app://command-post/index.html. */
  url: string;
  /** Where to report a failed load (main must not die with an unhandled rejection). */
  onLoadError?: (error: unknown) => void;
}

/** Creates the one application window and starts loading the renderer. */
export function createMainWindow(options: CreateMainWindowOptions): BrowserWindow {
  const window = new options.BrowserWindow(mainWindowOptions(options.preloadPath, options.developerTools));

  // Shown once the first frame is painted rather than as an empty frame.
  window.once('ready-to-show', () => window.show());

  // The title is owned by main: the renderer sets it through the
  // 'window:set-title' contract, and a <title> change must not override it.
  window.on('page-title-updated', (event) => event.preventDefault());

  window.loadURL(options.url).catch((error: unknown) => options.onLoadError?.(error));
  return window;
}
