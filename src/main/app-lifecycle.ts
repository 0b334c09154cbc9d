import type { App } from 'electron';

export interface LifecycleOptions {
  platform: NodeJS.Platform;
  /** Creates the main window if there is none (macOS dock click). */
  ensureWindow: () => void;
  /** Brings the existing main window forward (a second launch). */
  focusWindow: () => void;
  /** Number of open windows. */
  windowCount: () => number;
}

/**
 * The desktop conventions: one instance (a second launch focuses the first,
 * so two windows never edit the same local incident data), quit when the last
 * window closes except on macOS, where the app stays in the dock and a dock
 * click reopens the window.
 *
 * Returns false when another instance already holds the lock, in which case
 * this process has been told to quit and must not create any window.
 */
export function installLifecycle(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, options: LifecycleOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => options.focusWindow());
  app.on('window-all-closed', () => {
    if (options.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (options.windowCount() === 0) options.ensureWindow();
  });
  return true;
}
