import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { mainWindowOptions, type BrowserWindowConstructor } from '../../../src/main/windows/main-window';
import { createStatusWindows, statusWindowOptions } from '../../../src/main/windows/status-window';
import { FakeEmitter } from './fakes';

class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  /** The next load fails with this. */
  static failNext: Error | null = null;
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly loadURL = vi.fn(async (_url: string) => {
    const failure = FakeBrowserWindow.failNext;
    FakeBrowserWindow.failNext = null;
    if (failure) throw failure;
  });
  destroyed = false;
  minimized = false;
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }
}

function windows(onLoadError = vi.fn()) {
  FakeBrowserWindow.created = [];
  const status = createStatusWindows({ BrowserWindow: FakeBrowserWindow as unknown as BrowserWindowConstructor, developerTools: false, url: 'app://command-post/index.html', onLoadError });
  return { status, onLoadError };
}

describe('the observer windows', () => {
  it('have the main window’s security preferences, and no preload: they can call nothing in main', () => {
    const options = statusWindowOptions(false);
    const { preload: _preload, spellcheck: _a, ...mainPrefs } = mainWindowOptions('/x/preload.cjs', false).webPreferences!;
    const { spellcheck: _b, ...prefs } = options.webPreferences!;
    expect(prefs).toEqual(mainPrefs);
    expect(options.webPreferences).not.toHaveProperty('preload');
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#0f1115');
  });

  it('open on the incident’s status route, shown once painted, one per incident', () => {
    const { status } = windows();
    status.open('inc-1');
    const [first] = FakeBrowserWindow.created;
    expect(first!.loadURL).toHaveBeenCalledWith('app://command-post/index.html#/status/inc-1');
    expect(first!.show).not.toHaveBeenCalled();
    first!.emit('ready-to-show');
    expect(first!.show).toHaveBeenCalledTimes(1);

    // Asked again: the open one comes to the front, restored if minimized.
    first!.minimized = true;
    status.open('inc-1');
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(first!.restore).toHaveBeenCalled();
    expect(first!.focus).toHaveBeenCalled();

    status.open('inc-2');
    expect(FakeBrowserWindow.created).toHaveLength(2);
    expect(status.count).toBe(2);

    // Closed: the next request opens a fresh one.
    first!.emit('closed');
    expect(status.count).toBe(1);
    status.open('inc-1');
    expect(FakeBrowserWindow.created).toHaveLength(3);
  });

  it('refuse an id that could change the URL, and report a failed load instead of throwing', async () => {
    const { status, onLoadError } = windows();
    expect(() => status.open('../../evil#x')).toThrow('The incident id is not valid.');
    expect(FakeBrowserWindow.created).toHaveLength(0);
    const failure = new Error('ERR_FILE_NOT_FOUND');
    FakeBrowserWindow.failNext = failure;
    status.open('inc-1');
    await vi.waitFor(() => expect(onLoadError).toHaveBeenCalledWith(failure));
  });
});
