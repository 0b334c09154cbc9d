/**
 * 'Share on this network' opens the signaling server to the LAN while any
 * share is announced, and closes it again after, unless Settings keep it
 * open; the environment wins over both (src/main/signaling/index.ts,
 * openForShares). Real servers, on a free port.
 */
import type { App } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installSignaling, type SignalingHandle } from '../../../src/main/signaling';
import { APP_ORIGIN } from '../../../src/main/security/origins';
import { startSignalingServer } from '../../../src/main/signaling/server';
import { FakeEmitter } from './fakes';
import { fakePreferences, INTERFACES } from './signaling-helpers';

class FakeApp extends FakeEmitter {
  readonly quit = vi.fn();
}

const handles: SignalingHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

function install(options: { exposeOnLan?: boolean; env?: Record<string, string> } = {}) {
  const handle = installSignaling({
    app: new FakeApp() as unknown as Pick<App, 'on' | 'quit'>,
    env: options.env ?? {},
    rendererOrigin: APP_ORIGIN,
    preferences: fakePreferences({ exposeOnLan: options.exposeOnLan ?? false, port: 4444 }),
    start: (opts) => startSignalingServer({ ...opts, port: 0 }),
    networkInterfaces: () => INTERFACES,
    log: vi.fn(),
    logError: vi.fn(),
  });
  handles.push(handle);
  return handle;
}

describe('sharing on this network opens the signaling server to the LAN', () => {
  it('opens it for shares and closes it after, saying why it is open', async () => {
    const handle = install();
    await handle.started;
    expect(await handle.status()).toMatchObject({ exposedOnLan: false });
    expect((await handle.status()).openForShare).toBeUndefined();

    const opened = await handle.openForShares(true);
    expect(opened.error).toBeNull();
    expect(opened.status).toMatchObject({ listening: true, exposedOnLan: true, openForShare: true });

    const closed = await handle.openForShares(false);
    expect(closed.status).toMatchObject({ listening: true, exposedOnLan: false });
    expect(closed.status.openForShare).toBeUndefined();
  });

  it('leaves it open after the last share when Settings keep it open', async () => {
    const handle = install({ exposeOnLan: true });
    await handle.started;
    const opened = await handle.openForShares(true);
    expect(opened.status).toMatchObject({ exposedOnLan: true });
    // Open because of Settings, not because of the share.
    expect(opened.status.openForShare).toBeUndefined();
    expect((await handle.openForShares(false)).status).toMatchObject({ exposedOnLan: true });
  });

  it('keeps it on this machine when COMMAND_POST_SIGNALING_LAN=0 says so', async () => {
    const handle = install({ env: { COMMAND_POST_SIGNALING_LAN: '0' } });
    await handle.started;
    const opened = await handle.openForShares(true);
    expect(opened.status).toMatchObject({ listening: true, exposedOnLan: false });
  });

  it('a Settings change while shared keeps the LAN open for the share', async () => {
    const handle = install();
    await handle.started;
    await handle.openForShares(true);
    const changed = await handle.change({ exposeOnLan: false, port: 4444 });
    expect(changed.status).toMatchObject({ exposedOnLan: true, openForShare: true });
  });
});
