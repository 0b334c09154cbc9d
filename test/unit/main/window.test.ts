import type { BrowserWindowConstructorOptions } from 'electron';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { resolveBuildPaths } from '../../../src/main/paths';
import {
  createMainWindow,
  mainWindowOptions,
  WINDOW_BACKGROUND,
  WINDOW_TITLE,
  type BrowserWindowConstructor,
} from '../../../src/main/windows/main-window';
import { resolveRendererSource } from '../../../src/main/windows/renderer-source';
import { FakeEmitter, fakeEvent } from './fakes';

const PRELOAD = '/opt/command-post/out/preload/index.cjs';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions(PRELOAD, false);

  it('isolates and sandboxes the renderer, with no Node.js anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has developer tools only in a development build: a packaged one cannot open them at all', () => {
    expect(options.webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions(PRELOAD, true).webPreferences?.devTools).toBe(true);
  });

  it('starts hidden, dark, titled and with a usable minimum size', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#0f1115');
    expect(WINDOW_BACKGROUND).toBe('#0f1115');
    expect(options.title).toBe('Command Post');
    expect(WINDOW_TITLE).toBe('Command Post');
    expect(options.minWidth).toBeGreaterThanOrEqual(640);
    expect(options.minHeight).toBeGreaterThanOrEqual(480);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? 0);
  });
});

class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly show = vi.fn();
  readonly loadURL = vi.fn(async (_url: string) => {});
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }
}

function create(url = 'app://command-post/index.html', onLoadError = vi.fn()) {
  FakeBrowserWindow.created = [];
  const window = createMainWindow({
    BrowserWindow: FakeBrowserWindow as unknown as BrowserWindowConstructor,
    preloadPath: PRELOAD,
    developerTools: false,
    url,
    onLoadError,
  });
  const fake = FakeBrowserWindow.created[0];
  if (!fake) throw new Error('no window was constructed');
  return { window, fake, onLoadError };
}

describe('createMainWindow', () => {
  it('builds the window from mainWindowOptions and loads the renderer URL', () => {
    const { window, fake } = create('http://localhost:5173/');
    expect(window).toBe(fake);
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(fake.options).toEqual(mainWindowOptions(PRELOAD, false));
    expect(fake.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('shows the window only once it is ready to show', () => {
    const { fake } = create();
    expect(fake.show).not.toHaveBeenCalled();
    fake.emit('ready-to-show');
    expect(fake.show).toHaveBeenCalledTimes(1);
  });

  it('keeps the title under main control', () => {
    const { fake } = create();
    const event = fakeEvent();
    fake.emit('page-title-updated', event, 'Some page title', true);
    expect(event.defaultPrevented).toBe(true);
  });

  it('reports a failed load instead of leaving an unhandled rejection', async () => {
    FakeBrowserWindow.created = [];
    const failure = new Error('ERR_FILE_NOT_FOUND');
    const onLoadError = vi.fn();
    class FailingWindow extends FakeBrowserWindow {
      override readonly loadURL = vi.fn(async () => {
        throw failure;
      });
    }
    createMainWindow({ BrowserWindow: FailingWindow as unknown as BrowserWindowConstructor, preloadPath: PRELOAD, developerTools: false, url: 'app://command-post/index.html', onLoadError });
    await vi.waitFor(() => expect(onLoadError).toHaveBeenCalledWith(failure));
  });
});

describe('resolveRendererSource', () => {
  const PROD = { kind: 'app-protocol', url: 'app://command-post/index.html', origin: 'app://command-post' };

  it('loads the built renderer over app:// by default', () => {
    expect(resolveRendererSource({}, false)).toEqual(PROD);
    expect(resolveRendererSource({}, true)).toEqual(PROD);
  });

  it('uses the electron-vite dev server when it is running', () => {
    expect(resolveRendererSource({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(resolveRendererSource({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5174' }, false).kind).toBe('dev-server');
    expect(resolveRendererSource({ ELECTRON_RENDERER_URL: 'http://[::1]:5173' }, false).kind).toBe('dev-server');
  });

  it('ignores the variable in a packaged app', () => {
    expect(resolveRendererSource({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toEqual(PROD);
  });

  it('ignores anything but an http(s) server on loopback', () => {
    for (const url of ['https://evil.example', 'http://192.168.1.10:5173', 'http://localhost.evil.example:5173', 'file:///tmp/index.html', 'javascript:alert(1)', 'nonsense']) {
      expect(resolveRendererSource({ ELECTRON_RENDERER_URL: url }, false), url).toEqual(PROD);
    }
  });
});

describe('resolveBuildPaths', () => {
  it('finds the preload and renderer next to out/main', () => {
    const paths = resolveBuildPaths(pathToFileURL('/opt/command-post/out/main/index.js').href);
    expect(paths).toEqual({
      preload: '/opt/command-post/out/preload/index.cjs',
      capturePreload: '/opt/command-post/out/preload/capture.cjs',
      rendererRoot: '/opt/command-post/out/renderer',
    });
  });

  it('copes with spaces and asar archives', () => {
    const paths = resolveBuildPaths(pathToFileURL('/Applications/Command Post.app/Contents/Resources/app.asar/out/main/index.js').href);
    expect(paths.preload).toBe('/Applications/Command Post.app/Contents/Resources/app.asar/out/preload/index.cjs');
  });
});
