import type { HandlerDetails, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { installNavigationGuard } from '../../../src/main/security/navigation';
import { APP_ORIGIN, createOriginAllowlist } from '../../../src/main/security/origins';
import { FakeEmitter, fakeEvent } from './fakes';

class FakeContents extends FakeEmitter {
  windowOpenHandler: ((details: Pick<HandlerDetails, 'url'>) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: Pick<HandlerDetails, 'url'>) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

function setup(origins: string[] = [APP_ORIGIN]) {
  const contents = new FakeContents();
  const openExternal = vi.fn(async (_url: string) => {});
  const onError = vi.fn();
  installNavigationGuard(contents as unknown as WebContents, {
    isAppUrl: createOriginAllowlist(origins),
    openExternal,
    onError,
  });
  const navigate = (url: string, event = 'will-navigate') => {
    const e = fakeEvent(url);
    contents.emit(event, e);
    return e.defaultPrevented;
  };
  return { contents, openExternal, onError, navigate };
}

describe('navigation guard: will-navigate', () => {
  it('lets the app navigate within its own origin', () => {
    const { navigate, openExternal } = setup();
    expect(navigate('app://command-post/index.html')).toBe(false);
    expect(navigate('app://command-post/index.html?incident=42')).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('allows the dev server origin only when it is configured', () => {
    expect(setup([APP_ORIGIN]).navigate('http://localhost:5173/')).toBe(true);
    expect(setup([APP_ORIGIN, 'http://localhost:5173']).navigate('http://localhost:5173/')).toBe(false);
  });

  it('cancels navigation to the web and opens http(s) in the real browser instead', () => {
    const { navigate, openExternal } = setup();
    expect(navigate('https://status.example.com/')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://status.example.com/');
  });

  it('cancels navigation to other schemes without opening anything', () => {
    const { navigate, openExternal } = setup();
    for (const url of ['file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'smb://host/share', 'data:text/html,x']) {
      expect(navigate(url), url).toBe(true);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('reports a failing openExternal instead of leaving a rejected promise', async () => {
    const { navigate, openExternal, onError } = setup();
    const failure = new Error('no browser');
    openExternal.mockRejectedValueOnce(failure);
    navigate('https://example.com/');
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(failure));
  });
});

describe('navigation guard: redirects, new windows, webviews', () => {
  it('cancels redirects away from the app', () => {
    const { navigate, openExternal } = setup([APP_ORIGIN, 'http://localhost:5173']);
    expect(navigate('http://localhost:5173/index.html', 'will-redirect')).toBe(false);
    expect(navigate('https://evil.example/', 'will-redirect')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies every window.open, handing http(s) to the browser', () => {
    const { contents, openExternal } = setup();
    const open = contents.windowOpenHandler;
    expect(open).toBeDefined();
    expect(open?.({ url: 'https://example.com/runbook' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'app://command-post/index.html' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/runbook']]);
  });

  it('refuses to attach webviews', () => {
    const { contents } = setup();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});
