/**
 * Quick capture in main: where a press goes (the page when the main window
 * has focus, the capture window otherwise), what the capture window is told
 * and in which order, and how its entry reaches the main window, or why not.
 */
import { describe, expect, it, vi } from 'vitest';
import { installCapture, type CaptureMainWindow, type CaptureWindowLike } from '../../../src/main/capture';
import { captureBounds, captureUrl, captureWindowOptions } from '../../../src/main/capture/window';
import { NO_INCIDENT } from '../../../src/shared/hotkeys/actions';
import { CAPTURE_OPEN_CHANNEL, INTENT_CHANNEL, type CaptureTarget } from '../../../src/shared/ipc';

const TARGET: CaptureTarget = { incidentId: 'inc-1', name: '26-Bravo', refusal: null };

function fakeCaptureWindow() {
  const log: string[] = [];
  let loading = false;
  const loaded: (() => void)[] = [];
  const window = {
    visible: false,
    focused: false,
    destroyed: false,
    isDestroyed: () => window.destroyed,
    isVisible: () => window.visible,
    isFocused: () => window.focused,
    show: vi.fn(() => {
      log.push('show');
      window.visible = true;
    }),
    focus: vi.fn(() => {
      log.push('focus');
      window.focused = true;
    }),
    hide: vi.fn(() => {
      log.push('hide');
      window.visible = false;
      window.focused = false;
    }),
    setPosition: vi.fn(),
    webContents: {
      send: vi.fn((channel: string, payload: unknown) => log.push(`send ${channel} ${JSON.stringify(payload)}`)),
      isLoading: () => loading,
      once: (_event: 'did-finish-load', listener: () => void) => loaded.push(listener),
    },
  };
  return {
    window: window as typeof window & CaptureWindowLike,
    log,
    setLoading(value: boolean) {
      loading = value;
    },
    finishLoading() {
      loading = false;
      for (const listener of loaded.splice(0)) listener();
    },
  };
}

function setup(options: { mainFocused?: boolean; noMain?: boolean } = {}) {
  const capture = fakeCaptureWindow();
  const main = { focused: options.mainFocused ?? false, isDestroyed: () => false, isFocused: () => main.focused, webContents: { send: vi.fn() } };
  const deps = {
    createWindow: vi.fn(() => capture.window),
    getMainWindow: () => (options.noMain ? null : (main as CaptureMainWindow)),
    position: () => ({ x: 10, y: 20 }),
    logError: vi.fn(),
  };
  const handle = installCapture(deps);
  return { handle, capture, main, deps };
}

describe('quick capture in main', () => {
  it('creates the capture window once, hidden, at start-up', () => {
    const { deps, capture } = setup();
    expect(deps.createWindow).toHaveBeenCalledTimes(1);
    expect(capture.window.show).not.toHaveBeenCalled();
  });

  it('a press tells the window the type, the time and the incident, then places, shows and focuses it', () => {
    const { handle, capture } = setup();
    handle.setTarget(TARGET);
    handle.press('impact', 123_456);
    expect(capture.log).toEqual([`send ${CAPTURE_OPEN_CHANNEL} ${JSON.stringify({ kind: 'impact', at: 123_456, target: TARGET })}`, 'show', 'focus']);
    expect(capture.window.setPosition).toHaveBeenCalledWith(10, 20);
  });

  it('the open-capture key keeps the type used last (kind null)', () => {
    const { handle, capture } = setup();
    handle.press('capture', 1);
    expect(capture.window.webContents.send).toHaveBeenCalledWith(CAPTURE_OPEN_CHANNEL, { kind: null, at: 1, target: null });
  });

  it('a press while the window is still loading is told once it has loaded', () => {
    const { handle, capture } = setup();
    capture.setLoading(true);
    handle.press('note', 5);
    expect(capture.window.webContents.send).not.toHaveBeenCalled();
    capture.finishLoading();
    expect(capture.window.webContents.send).toHaveBeenCalledWith(CAPTURE_OPEN_CHANNEL, { kind: 'note', at: 5, target: null });
  });

  it('a press while the main window has focus opens capture in its page, timed at the press', () => {
    const { handle, capture, main } = setup({ mainFocused: true });
    handle.press('decision', 42);
    expect(main.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, { type: 'capture', kind: 'decision', at: 42 });
    expect(capture.window.show).not.toHaveBeenCalled();
  });

  it('mark-key asks the main window’s page, without showing or focusing anything', () => {
    const { handle, capture, main } = setup();
    handle.press('mark-key', 9);
    expect(main.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, { type: 'mark-key' });
    expect(capture.window.show).not.toHaveBeenCalled();
  });

  it('submitting hands the entry to the main window with the incident and time of the press, and hides', () => {
    const { handle, capture, main } = setup();
    handle.setTarget(TARGET);
    handle.press('decision', 1_000);
    // Another incident opened meanwhile: the window says so (see below) and the entry goes where it says.
    handle.setTarget({ incidentId: 'inc-2', name: '26-Charlie', refusal: null });
    expect(handle.submit({ kind: 'action', text: 'Restart the pooler' })).toEqual({ ok: true });
    expect(main.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, { type: 'log-entry', incidentId: 'inc-2', kind: 'action', text: 'Restart the pooler', at: 1_000 });
    expect(capture.window.hide).toHaveBeenCalled();
    // Once only: the window is not open for a press any more.
    expect(handle.submit({ kind: 'action', text: 'again' })).toMatchObject({ ok: false, message: expect.stringMatching(/press the hotkey again/) });
  });

  it('a time the person stated ("@09:30") is the entry\'s time, not the press', () => {
    const { handle, main } = setup();
    handle.setTarget(TARGET);
    handle.press('note', 5_000);
    expect(handle.submit({ kind: 'note', text: 'Disk filled up', at: 2_000 })).toEqual({ ok: true });
    expect(main.webContents.send).toHaveBeenCalledWith(INTENT_CHANNEL, { type: 'log-entry', incidentId: TARGET.incidentId, kind: 'note', text: 'Disk filled up', at: 2_000 });
  });

  it('a target that arrives while capture is open is sent to the window, keeping the type and the time', () => {
    const { handle, capture } = setup();
    handle.press('decision', 7);
    handle.setTarget(TARGET);
    expect(capture.window.webContents.send).toHaveBeenLastCalledWith(CAPTURE_OPEN_CHANNEL, { kind: null, at: 7, target: TARGET });
  });

  it('refuses, with the reason, when no incident is open, the incident refuses entries, or the main window is gone', () => {
    const none = setup();
    none.handle.press('note', 1);
    expect(none.handle.submit({ kind: 'note', text: 'x' })).toEqual({ ok: false, message: NO_INCIDENT });
    expect(none.capture.window.hide).not.toHaveBeenCalled();

    const ended = setup();
    ended.handle.setTarget({ ...TARGET, refusal: '26-Bravo has ended: its timeline is closed.' });
    ended.handle.press('note', 1);
    expect(ended.handle.submit({ kind: 'note', text: 'x' })).toEqual({ ok: false, message: '26-Bravo has ended: its timeline is closed.' });

    const gone = setup({ noMain: true });
    gone.handle.setTarget(TARGET);
    gone.handle.press('note', 1);
    expect(gone.handle.submit({ kind: 'note', text: 'x' })).toMatchObject({ ok: false, message: expect.stringMatching(/window is closed/) });
  });

  it('cancel hides without logging', () => {
    const { handle, capture, main } = setup();
    handle.press('note', 1);
    handle.cancel();
    expect(capture.window.hide).toHaveBeenCalled();
    expect(main.webContents.send).not.toHaveBeenCalled();
  });

  it('a capture window that was destroyed is made again on the next press', () => {
    const { handle, capture, deps } = setup();
    capture.window.destroyed = true;
    handle.press('note', 1);
    expect(deps.createWindow).toHaveBeenCalledTimes(2);
  });
});

describe('the capture window’s place', () => {
  it('is centred on the work area, a quarter of the way down', () => {
    expect(captureBounds({ x: 0, y: 0, width: 1920, height: 1080 })).toEqual({ x: 650, y: 233 });
    expect(captureBounds({ x: -1280, y: 24, width: 1280, height: 776 })).toEqual({ x: -950, y: 181 });
  });

  it('is a non-activating panel on macOS, so the program the user was in keeps its place', () => {
    expect(captureWindowOptions('/p/capture.cjs', 'darwin', false)).toMatchObject({ type: 'panel', alwaysOnTop: true, show: false });
    expect(captureWindowOptions('/p/capture.cjs', 'win32', false)).not.toHaveProperty('type');
    expect(captureWindowOptions('/p/capture.cjs', 'linux', false).webPreferences).toMatchObject({ preload: '/p/capture.cjs', sandbox: true, contextIsolation: true });
  });

  it('is loaded from capture.html beside the main page', () => {
    expect(captureUrl('app://command-post/index.html')).toBe('app://command-post/capture.html');
    expect(captureUrl('http://localhost:5173/')).toBe('http://localhost:5173/capture.html');
  });
});
