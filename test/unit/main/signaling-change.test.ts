/**
 * Changing the signaling settings while the app runs: the server moves to the
 * new address, a failure to bind keeps the one that was running (and the
 * saved settings), and the environment still wins. Real servers on
 * 127.0.0.1 where the binding matters; fakes where the failure must be
 * staged (a LAN address, or both addresses failing).
 */
import type { App } from 'electron';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installSignaling, type SignalingLifecycleDeps } from '../../../src/main/signaling';
import { APP_ORIGIN } from '../../../src/main/security/origins';
import { SignalingListenError, startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../../../src/main/signaling/server';
import { fakeEvent, FakeEmitter } from './fakes';
import { connect, fakePreferences, fakeServer, INTERFACES, type TestClient } from './signaling-helpers';

class FakeApp extends FakeEmitter {
  readonly quit = vi.fn();
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((step) => step()));
});

function install(overrides: Partial<SignalingLifecycleDeps> = {}) {
  const app = new FakeApp();
  const preferences = fakePreferences();
  const deps = {
    app: app as unknown as Pick<App, 'on' | 'quit'>,
    env: {},
    rendererOrigin: APP_ORIGIN,
    preferences,
    start: vi.fn(startSignalingServer),
    networkInterfaces: () => INTERFACES,
    log: vi.fn(),
    logError: vi.fn(),
    ...overrides,
  } satisfies SignalingLifecycleDeps;
  const handle = installSignaling(deps);
  cleanup.push(() => handle.close());
  return { app, deps, handle, preferences: deps.preferences };
}

/** A TCP listener on 127.0.0.1 holding a port, as another program would. */
async function occupyPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = blocker.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const release = () => new Promise<void>((resolve) => blocker.close(() => resolve()));
  cleanup.push(release);
  return { port: address.port, release };
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const { port, release } = await occupyPort();
  await release();
  return port;
}

async function client(url: string): Promise<TestClient> {
  const c = await connect(url);
  cleanup.push(() => c.close());
  return c;
}

/** A start that fails for the given host, as binding a taken port does. */
function failingOn(host: string, port: number) {
  return vi.fn(async (options: SignalingServerOptions): Promise<SignalingServer> => {
    if (options.host === host) {
      throw new SignalingListenError(host, port, Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }));
    }
    const bound = options.port ?? 4444;
    return fakeServer({ host: options.host ?? '127.0.0.1', port: bound, url: `ws://127.0.0.1:${bound}` });
  });
}

describe('changing the signaling settings', () => {
  it('moves the running server to a new port, saves the settings, and closes the old one', async () => {
    const { handle, preferences } = install({ preferences: fakePreferences({ exposeOnLan: false, port: 0 }) });
    const first = await handle.started;
    if (!first) throw new Error('not started');
    const old = await client(first.url);

    const port = await freePort();
    const { status, error } = await handle.change({ exposeOnLan: false, port });
    expect(error).toBeNull();
    expect(status).toMatchObject({ listening: true, port, exposedOnLan: false, localUrl: `ws://127.0.0.1:${port}`, settings: { exposeOnLan: false, port } });
    expect(preferences.save).toHaveBeenCalledWith({ exposeOnLan: false, port });

    const fresh = await client(`ws://127.0.0.1:${port}`);
    fresh.send({ type: 'ping' });
    expect(await fresh.next((m) => m['type'] === 'pong')).toEqual({ type: 'pong' });
    expect(await old.closed()).toBe(1001);
    await expect(connect(first.url)).rejects.toThrow();
  });

  it('keeps the old server, its clients and the saved settings when the new port is taken', async () => {
    const { handle, preferences } = install({ preferences: fakePreferences({ exposeOnLan: false, port: 0 }) });
    const first = await handle.started;
    if (!first) throw new Error('not started');
    const old = await client(first.url);
    const taken = await occupyPort();

    const { status, error } = await handle.change({ exposeOnLan: false, port: taken.port });
    expect(error).toMatch(new RegExp(`port ${taken.port} is already in use on 127\\.0\\.0\\.1`));
    expect(error).toContain(`The signaling server is still listening on ${first.url} (this computer only).`);
    expect(status).toMatchObject({ listening: true, port: first.port, localUrl: first.url, error: null, settings: { port: 0 } });
    expect(preferences.save).not.toHaveBeenCalled();

    // The connection made before is still served, and new ones are accepted.
    old.send({ type: 'ping' });
    expect(await old.next((m) => m['type'] === 'pong')).toEqual({ type: 'pong' });
    const another = await client(first.url);
    another.send({ type: 'ping' });
    expect(await another.next((m) => m['type'] === 'pong')).toEqual({ type: 'pong' });
  });

  it('opens to the network on the same port, closing the loopback server first', async () => {
    const start = failingOn('nowhere', 0);
    const { handle, preferences } = install({ start });
    const first = await handle.started;
    const { status, error } = await handle.change({ exposeOnLan: true, port: 4444 });
    expect(error).toBeNull();
    expect(first?.close).toHaveBeenCalledTimes(1);
    expect(start).toHaveBeenLastCalledWith(expect.objectContaining({ host: '0.0.0.0', port: 4444 }));
    expect(status).toMatchObject({ listening: true, exposedOnLan: true, port: 4444, lanAddresses: ['192.168.1.20', '10.0.0.7'] });
    expect(preferences.save).toHaveBeenCalledWith({ exposeOnLan: true, port: 4444 });
  });

  it('goes back to the previous address when the same port cannot be opened to the network', async () => {
    const start = failingOn('0.0.0.0', 4444);
    const { handle, preferences } = install({ start });
    await handle.started;
    const { status, error } = await handle.change({ exposeOnLan: true, port: 4444 });
    expect(error).toMatch(/port 4444 is already in use on 0\.0\.0\.0.*Choose another port in Settings\. The signaling server is still listening on ws:\/\/127\.0\.0\.1:4444 \(this computer only\)\./);
    expect(start.mock.calls.map(([options]) => options.host)).toEqual(['127.0.0.1', '0.0.0.0', '127.0.0.1']);
    expect(status).toMatchObject({ listening: true, exposedOnLan: false, error: null, settings: { exposeOnLan: false } });
    expect(preferences.save).not.toHaveBeenCalled();
  });

  it('says it is not listening when neither the new nor the old address can be had', async () => {
    let calls = 0;
    const start = vi.fn(async (options: SignalingServerOptions) => {
      calls += 1;
      if (calls === 1) return fakeServer();
      throw new SignalingListenError(options.host ?? '', 4444, Object.assign(new Error('x'), { code: 'EADDRINUSE' }));
    });
    const { handle } = install({ start });
    await handle.started;
    const { status, error } = await handle.change({ exposeOnLan: true, port: 4444 });
    expect(error).toMatch(/could not go back to ws:\/\/127\.0\.0\.1:4444 either .*so it is not listening now\./);
    expect(status.listening).toBe(false);
    expect(status.error).toMatch(/port 4444 is already in use on 0\.0\.0\.0/);
  });

  it('starts a server that could not start before, and forgets the old error', async () => {
    let calls = 0;
    const start = vi.fn(async (options: SignalingServerOptions) => {
      calls += 1;
      if (calls === 1) throw new SignalingListenError('127.0.0.1', 4444, Object.assign(new Error('x'), { code: 'EADDRINUSE' }));
      return fakeServer({ port: options.port ?? 0, url: `ws://127.0.0.1:${options.port}` });
    });
    const { handle } = install({ start });
    expect(await handle.started).toBeNull();
    expect((await handle.status()).error).toMatch(/already in use/);
    const { status, error } = await handle.change({ exposeOnLan: false, port: 4545 });
    expect(error).toBeNull();
    expect(status).toMatchObject({ listening: true, port: 4545, error: null });
  });

  it('saves without restarting when the address does not change', async () => {
    const { handle, deps, preferences } = install({ start: failingOn('nowhere', 0) });
    const first = await handle.started;
    const { error } = await handle.change({ exposeOnLan: false, port: 4444 });
    expect(error).toBeNull();
    expect(deps.start).toHaveBeenCalledTimes(1);
    expect(first?.close).not.toHaveBeenCalled();
    expect(preferences.save).toHaveBeenCalledTimes(1);
  });

  it('saves the choice but keeps the address the environment sets', async () => {
    const { handle, deps, preferences } = install({
      env: { COMMAND_POST_SIGNALING_LAN: '0', COMMAND_POST_SIGNALING_PORT: '4444' },
      start: failingOn('nowhere', 0),
    });
    await handle.started;
    const { status, error } = await handle.change({ exposeOnLan: true, port: 5000 });
    expect(error).toBeNull();
    expect(deps.start).toHaveBeenCalledTimes(1);
    expect(preferences.save).toHaveBeenCalledWith({ exposeOnLan: true, port: 5000 });
    expect(status).toMatchObject({ listening: true, exposedOnLan: false, port: 4444, settings: { exposeOnLan: true, port: 5000 } });
    expect(status.envOverrides.port).toEqual({ variable: 'COMMAND_POST_SIGNALING_PORT', value: '4444' });
  });

  it('says so when the server moved but the settings could not be saved', async () => {
    const preferences = fakePreferences();
    preferences.save.mockRejectedValueOnce(new Error('The settings could not be saved to /x/settings.json: ENOSPC.'));
    const { handle } = install({ preferences, start: failingOn('nowhere', 0) });
    await handle.started;
    const { status, error } = await handle.change({ exposeOnLan: false, port: 4545 });
    expect(error).toBe(
      'The signaling server is listening on ws://127.0.0.1:4545 (this computer only), but the settings could not be saved: The settings could not be saved to /x/settings.json: ENOSPC. The app will start with the previous settings next time.',
    );
    expect(status.listening).toBe(true);
  });

  it('applies changes one at a time, in the order they were asked for', async () => {
    const { handle } = install({ start: failingOn('nowhere', 0) });
    const [a, b] = await Promise.all([handle.change({ exposeOnLan: false, port: 5001 }), handle.change({ exposeOnLan: false, port: 5002 })]);
    expect(a.status.port).toBe(5001);
    expect(b.status.port).toBe(5002);
    expect((await handle.status()).port).toBe(5002);
  });

  it('refuses changes once the app is quitting', async () => {
    const { app, handle, deps } = install({ start: failingOn('nowhere', 0) });
    await handle.started;
    const quitting = fakeEvent();
    app.emit('will-quit', quitting);
    const { error, status } = await handle.change({ exposeOnLan: true, port: 5001 });
    expect(error).toMatch(/quitting/);
    expect(status.listening).toBe(false);
    expect(deps.start).toHaveBeenCalledTimes(1);
  });
});
