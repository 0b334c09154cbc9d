import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { BrowserWindowConstructor } from '../windows/main-window';
import { WINDOW_BACKGROUND } from '../windows/main-window';
import { secureWebPreferences } from '../security/web-preferences';

export const CAPTURE_WIDTH = 620;
export const CAPTURE_HEIGHT = 150;

/**
 * The quick-capture window: small, frameless, above every other window,
 * out of the task bar, and hidden until a hotkey shows it. It is created
 * (and its page loaded) when the app starts, so a press only has to show
 * it. Its webPreferences are the main window's security boundary, with its
 * own preload, which exposes the capture calls and nothing else.
 */
export function captureWindowOptions(preloadPath: string, platform: NodeJS.Platform, developerTools: boolean): BrowserWindowConstructorOptions {
  return {
    // On macOS a panel (NSWindowStyleMaskNonactivatingPanel): it takes the
    // keys without making Command Post the active app, so the program the
    // user was in stays in front and gets the keys back when it hides, and
    // it floats over full-screen apps too.
    ...(platform === 'darwin' ? { type: 'panel' } : {}),
    title: 'Quick capture · Command Post',
    backgroundColor: WINDOW_BACKGROUND,
    width: CAPTURE_WIDTH,
    height: CAPTURE_HEIGHT,
    show: false,
    frame: false,
    resizable: false,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    // Hidden until a press: it must still run at full speed when shown.
    webPreferences: secureWebPreferences(preloadPath, developerTools, { spellcheck: true, backgroundThrottling: false }),
  };
}

export interface CreateCaptureWindowOptions {
  BrowserWindow: BrowserWindowConstructor;
  preloadPath: string;
  /** capture.html next to the main window's index.html. */
  url: string;
  platform: NodeJS.Platform;
  /** Development builds only (`!app.isPackaged`). */
  developerTools: boolean;
  onLoadError?: (error: unknown) => void;
  /**
   * The window is being closed (Alt+F4, Cmd+W): true lets it close (the app
   * is quitting); false keeps it, hidden, for the next press, since a new
   * one would have to load its page first.
   */
  onCloseRequest: () => boolean;
}

export function createCaptureWindow(options: CreateCaptureWindowOptions): BrowserWindow {
  const window = new options.BrowserWindow(captureWindowOptions(options.preloadPath, options.platform, options.developerTools));
  // Above full-screen windows too, where the platform allows it.
  window.setAlwaysOnTop(true, 'floating');
  window.on('page-title-updated', (event) => event.preventDefault());
  window.on('close', (event) => {
    if (options.onCloseRequest()) return;
    event.preventDefault();
    window.hide();
  });
  window.loadURL(options.url).catch((error: unknown) => options.onLoadError?.(error));
  return window;
}

/** Where the window goes: centred on the display under the pointer, a quarter of the way down. */
export function captureBounds(workArea: Rectangle): { x: number; y: number } {
  return {
    x: Math.round(workArea.x + (workArea.width - CAPTURE_WIDTH) / 2),
    y: Math.round(workArea.y + Math.max(0, workArea.height - CAPTURE_HEIGHT) / 4),
  };
}

/** The URL of the capture page beside the main window's page (app:// or the dev server). */
export function captureUrl(mainUrl: string): string {
  return new URL('capture.html', mainUrl).href;
}
