import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, createOriginAllowlist } from '../../../src/main/security/origins';
import { createTrustedSenderCheck } from '../../../src/main/security/trusted-sender';
import { fakeFrame, fakeInvokeEvent, fakeWebContents } from './fakes';

const APP_PAGE = 'app://command-post/index.html';
const DEV_ORIGIN = 'http://localhost:5173';

function setup(mainUrl = APP_PAGE, origins = [APP_ORIGIN]) {
  let main: WebContents | null = fakeWebContents(mainUrl, 7);
  const isTrusted = createTrustedSenderCheck(() => main, createOriginAllowlist(origins));
  return {
    isTrusted,
    get main(): WebContents {
      if (!main) throw new Error('no main window');
      return main;
    },
    closeMainWindow: () => {
      main = null;
    },
  };
}

describe('trusted sender', () => {
  it('trusts the main frame of the main window showing our page', () => {
    const ctx = setup();
    expect(ctx.isTrusted(fakeInvokeEvent(ctx.main))).toBe(true);
  });

  it('trusts the dev server page only when the dev origin is configured', () => {
    const prod = setup(`${DEV_ORIGIN}/`);
    expect(prod.isTrusted(fakeInvokeEvent(prod.main))).toBe(false);
    const dev = setup(`${DEV_ORIGIN}/`, [DEV_ORIGIN]);
    expect(dev.isTrusted(fakeInvokeEvent(dev.main))).toBe(true);
  });

  it('rejects another WebContents, even one showing our page', () => {
    const ctx = setup();
    expect(ctx.isTrusted(fakeInvokeEvent(fakeWebContents(APP_PAGE, 7)))).toBe(false);
  });

  it('rejects subframes of the main window', () => {
    const ctx = setup();
    const child = fakeFrame({ url: APP_PAGE, frameTreeNodeId: 8, parent: ctx.main.mainFrame });
    expect(ctx.isTrusted(fakeInvokeEvent(ctx.main, child))).toBe(false);
  });

  it('rejects a parentless frame that is not the main frame (e.g. a fenced frame)', () => {
    const ctx = setup();
    const detached = fakeFrame({ url: APP_PAGE, frameTreeNodeId: 9, parent: null });
    expect(ctx.isTrusted(fakeInvokeEvent(ctx.main, detached))).toBe(false);
  });

  it('rejects the main frame once it shows a foreign page', () => {
    const ctx = setup('https://evil.example/');
    expect(ctx.isTrusted(fakeInvokeEvent(ctx.main))).toBe(false);
    const file = setup('file:///work/main/out/renderer/index.html');
    expect(file.isTrusted(fakeInvokeEvent(file.main))).toBe(false);
  });

  it('rejects a sender frame that is gone or destroyed', () => {
    const ctx = setup();
    expect(ctx.isTrusted(fakeInvokeEvent(ctx.main, null))).toBe(false);
    const destroyed = fakeFrame({ url: APP_PAGE, frameTreeNodeId: 7, destroyed: true });
    expect(ctx.isTrusted(fakeInvokeEvent(ctx.main, destroyed))).toBe(false);
  });

  it('rejects everything when there is no main window', () => {
    const ctx = setup();
    const event = fakeInvokeEvent(ctx.main);
    ctx.closeMainWindow();
    expect(ctx.isTrusted(event)).toBe(false);
  });
});
