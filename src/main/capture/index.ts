/**
 * Quick capture, main's part: where a hotkey press goes, and carrying the
 * capture window's entry to the main window. Main holds no incident state:
 * the main window says which incident is open (setTarget), the capture
 * window says what to log, and main hands the main window an intent to log
 * it there, at the time the person stated ("@09:30") or else the time main
 * read when the key was pressed.
 *
 * A press while the main window has focus opens capture in that page (an
 * intent), not a second window; otherwise the capture window, created
 * hidden at start-up, is told what the press was and only then shown and
 * focused, so keys typed right after the chord land in its field.
 */
import { CAPTURE_OPEN_CHANNEL, CaptureOpen, INTENT_CHANNEL, Intent, type CaptureEntry, type CaptureKind, type CaptureSubmitResult, type CaptureTarget, type HotkeyAction } from '../../shared/ipc';
import { NO_INCIDENT, specOf } from '../../shared/hotkeys/actions';

/** The part of a BrowserWindow the capture window is used through. */
export interface CaptureWindowLike {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isFocused(): boolean;
  show(): void;
  focus(): void;
  hide(): void;
  setPosition(x: number, y: number): void;
  webContents: {
    send(channel: string, ...args: unknown[]): void;
    isLoading(): boolean;
    once(event: 'did-finish-load', listener: () => void): unknown;
  };
}

/** The part of the main window capture needs. */
export interface CaptureMainWindow {
  isDestroyed(): boolean;
  isFocused(): boolean;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

export interface CaptureDeps {
  /** Creates the hidden capture window and starts loading its page. */
  createWindow(): CaptureWindowLike;
  getMainWindow(): CaptureMainWindow | null | undefined;
  /** Where the window goes for this press (the display under the pointer). */
  position(): { x: number; y: number };
  logError(message: string, error?: unknown): void;
}

export interface CaptureHandle {
  /** A hotkey was pressed at `at`. */
  press(action: HotkeyAction, at: number): void;
  /** The main window's open incident, or null. */
  setTarget(target: CaptureTarget | null): void;
  submit(entry: CaptureEntry): CaptureSubmitResult;
  cancel(): void;
  /** The capture window, for the IPC sender check. */
  window(): CaptureWindowLike | null;
}

const NO_MAIN_WINDOW = 'Command Post’s window is closed, so nothing can be logged. Open it on an incident, then press the hotkey again.';

export function installCapture(deps: CaptureDeps): CaptureHandle {
  let window: CaptureWindowLike | null = null;
  let target: CaptureTarget | null = null;
  /** The press the window is open for. */
  let session: { at: number; target: CaptureTarget | null } | null = null;

  function captureWindow(): CaptureWindowLike {
    if (!window || window.isDestroyed()) window = deps.createWindow();
    return window;
  }
  // Created now, hidden, so that a press only shows it.
  try {
    captureWindow();
  } catch (error) {
    deps.logError('quick capture: the capture window could not be created', error);
  }

  function mainWindow(): CaptureMainWindow | null {
    const main = deps.getMainWindow();
    return main && !main.isDestroyed() ? main : null;
  }

  function sendToMain(intent: Intent): boolean {
    const main = mainWindow();
    if (!main) return false;
    main.webContents.send(INTENT_CHANNEL, Intent.parse(intent));
    return true;
  }

  function openWindow(kind: CaptureKind | null, at: number): void {
    const win = captureWindow();
    session = { at, target };
    const open = CaptureOpen.parse({ kind, at, target });
    // Told first, shown second: the keys typed after the chord come after this message.
    if (win.webContents.isLoading()) win.webContents.once('did-finish-load', () => win.webContents.send(CAPTURE_OPEN_CHANNEL, open));
    else win.webContents.send(CAPTURE_OPEN_CHANNEL, open);
    if (!win.isVisible()) {
      const { x, y } = deps.position();
      win.setPosition(x, y);
    }
    win.show();
    win.focus();
  }

  /** Hidden, focus goes back to the window that had it (on macOS the panel never took it from that program). */
  function close(): void {
    session = null;
    if (window && !window.isDestroyed() && window.isVisible()) window.hide();
  }

  return {
    press(action, at) {
      if (action === 'mark-key') {
        // Acts at once, with no window: the main window's page marks it (and says so there).
        if (!sendToMain({ type: 'mark-key' })) deps.logError('quick capture: mark-key pressed with no main window open');
        return;
      }
      const kind = specOf(action).kind;
      const main = mainWindow();
      if (main?.isFocused()) {
        sendToMain({ type: 'capture', kind, at });
        return;
      }
      try {
        openWindow(kind, at);
      } catch (error) {
        deps.logError('quick capture: could not open the capture window', error);
        // The page can still take it, if there is one.
        sendToMain({ type: 'capture', kind, at });
      }
    },
    setTarget(next) {
      target = next;
      // Open already (the incident was still loading, say): it logs to what is open now.
      if (session && window && !window.isDestroyed() && window.isVisible()) {
        session.target = next;
        window.webContents.send(CAPTURE_OPEN_CHANNEL, CaptureOpen.parse({ kind: null, at: session.at, target: next }));
      }
    },
    submit(entry) {
      if (!session) return { ok: false, message: 'Quick capture is not open for a hotkey press; press the hotkey again.' };
      const { at, target: where } = session;
      if (!where) return { ok: false, message: NO_INCIDENT };
      if (where.refusal) return { ok: false, message: where.refusal };
      if (!sendToMain({ type: 'log-entry', incidentId: where.incidentId, kind: entry.kind, text: entry.text, at: entry.at ?? at })) return { ok: false, message: NO_MAIN_WINDOW };
      close();
      return { ok: true };
    },
    cancel() {
      close();
    },
    window: () => (window && !window.isDestroyed() ? window : null),
  };
}
