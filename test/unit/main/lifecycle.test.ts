import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { installLifecycle } from '../../../src/main/app-lifecycle';
import { FakeEmitter } from './fakes';

class FakeApp extends FakeEmitter {
  constructor(private readonly gotLock: boolean) {
    super();
  }
  readonly quit = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => this.gotLock);
}

function install(platform: NodeJS.Platform, { gotLock = true, windows = 1 } = {}) {
  const app = new FakeApp(gotLock);
  const options = { platform, ensureWindow: vi.fn(), focusWindow: vi.fn(), windowCount: vi.fn(() => windows) };
  const primary = installLifecycle(app as unknown as Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, options);
  return { app, options, primary };
}

describe('app lifecycle', () => {
  it('a second instance quits at once and installs nothing', () => {
    const { app, primary } = install('linux', { gotLock: false });
    expect(primary).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.listeners.size).toBe(0);
  });

  it('the first instance focuses its window when launched again', () => {
    const { app, options, primary } = install('win32');
    expect(primary).toBe(true);
    app.emit('second-instance', {}, ['command-post.exe'], '/');
    expect(options.focusWindow).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it.each(['win32', 'linux'] as const)('quits when the last window closes on %s', (platform) => {
    const { app } = install(platform);
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(1);
  });

  it('stays in the dock on macOS and reopens the window on activate', () => {
    const { app, options } = install('darwin', { windows: 0 });
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('activate');
    expect(options.ensureWindow).toHaveBeenCalledTimes(1);
  });

  it('does not open a second window on activate', () => {
    const { app, options } = install('darwin', { windows: 1 });
    app.emit('activate');
    expect(options.ensureWindow).not.toHaveBeenCalled();
  });
});
