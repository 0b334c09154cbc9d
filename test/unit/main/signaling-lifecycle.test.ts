/**
 * The signaling server's settings and its life in the desktop app: started
 * from the saved settings and the environment when the app is ready,
 * reported (not fatal) when it cannot start, and closed before the app quits.
 * Changing the settings while it runs: signaling-change.test.ts.
 */
import type { App } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installSignaling, type SignalingLifecycleDeps } from '../../../src/main/signaling';
import { OWN_ORIGINS } from '../../../src/main/net/allowed-origins';
import { APP_ORIGIN } from '../../../src/main/security/origins';
import { SignalingListenError, startSignalingServer, type SignalingServer } from '../../../src/main/signaling/server';
import {
  describeSignalingServer,
  lanAddresses,
  parsePort,
  parseSwitch,
  SignalingSettingsError,
  signalingSettingsFromEnv,
} from '../../../src/main/signaling/settings';
import { fakeEvent, FakeEmitter } from './fakes';
import { connect, fakePreferences, fakeServer, INTERFACES } from './signaling-helpers';

describe('signaling settings', () => {
  it('defaults to this machine only, on 4444', () => {
    expect(signalingSettingsFromEnv({})).toEqual({ port: 4444, exposeOnLan: false });
    expect(signalingSettingsFromEnv({ COMMAND_POST_SIGNALING_PORT: ' ', COMMAND_POST_SIGNALING_LAN: '' })).toEqual({ port: 4444, exposeOnLan: false });
  });

  it('reads the port and the LAN switch from the environment', () => {
    expect(signalingSettingsFromEnv({ COMMAND_POST_SIGNALING_PORT: '5555', COMMAND_POST_SIGNALING_LAN: '1' })).toEqual({ port: 5555, exposeOnLan: true });
    expect(signalingSettingsFromEnv({ COMMAND_POST_SIGNALING_PORT: '0', COMMAND_POST_SIGNALING_LAN: 'false' })).toEqual({ port: 0, exposeOnLan: false });
  });

  it('refuses what it cannot understand, naming the variable', () => {
    expect(() => signalingSettingsFromEnv({ COMMAND_POST_SIGNALING_PORT: 'http' })).toThrow(/COMMAND_POST_SIGNALING_PORT="http" is not a port/);
    expect(() => signalingSettingsFromEnv({ COMMAND_POST_SIGNALING_LAN: 'maybe' })).toThrow(SignalingSettingsError);
    for (const bad of ['-1', '65536', '1e3', '0x10', '44.4', '123456', '']) expect(() => parsePort(bad, '--port'), bad).toThrow(/--port/);
    expect(parsePort(' 65535 ', '--port')).toBe(65535);
    expect(['1', 'TRUE', 'yes', 'on'].map((v) => parseSwitch(v, 'x'))).toEqual([true, true, true, true]);
    expect(['0', 'False', 'no', 'off', ''].map((v) => parseSwitch(v, 'x'))).toEqual([false, false, false, false, false]);
  });

  it("lists the machine's reachable IPv4 addresses once each", () => {
    expect(lanAddresses(INTERFACES)).toEqual(['192.168.1.20', '10.0.0.7']);
    expect(lanAddresses({})).toEqual([]);
  });

  it('says where the server can be reached', () => {
    expect(describeSignalingServer({ host: '127.0.0.1', port: 4444, url: 'ws://127.0.0.1:4444' }, INTERFACES)).toEqual([
      'Signaling server listening on ws://127.0.0.1:4444 (this machine only).',
    ]);
    expect(describeSignalingServer({ host: '0.0.0.0', port: 4444, url: 'ws://127.0.0.1:4444' }, INTERFACES)).toEqual([
      'Signaling server listening on every network interface, port 4444.',
      'Other command posts on the network can connect to:',
      '  ws://192.168.1.20:4444',
      '  ws://10.0.0.7:4444',
      'On this machine: ws://127.0.0.1:4444',
    ]);
    expect(describeSignalingServer({ host: '0.0.0.0', port: 4444, url: 'ws://127.0.0.1:4444' }, {}).join('\n')).toMatch(/no network address/);
  });
});

class FakeApp extends FakeEmitter {
  readonly quit = vi.fn();
}

function install(overrides: Partial<SignalingLifecycleDeps> = {}) {
  const app = new FakeApp();
  const server = fakeServer();
  const deps = {
    app: app as unknown as Pick<App, 'on' | 'quit'>,
    env: {},
    rendererOrigin: APP_ORIGIN,
    preferences: fakePreferences(),
    start: vi.fn(async () => server),
    networkInterfaces: () => INTERFACES,
    log: vi.fn(),
    logError: vi.fn(),
    ...overrides,
  } satisfies SignalingLifecycleDeps;
  const handle = installSignaling(deps);
  return { app, server, deps, handle };
}

/** Emits will-quit as Electron does and reports whether the quit was held back. */
function willQuit(app: FakeApp): boolean {
  const event = fakeEvent();
  app.emit('will-quit', event);
  return event.defaultPrevented;
}

describe('signaling in the desktop app', () => {
  const started: SignalingServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });

  it('starts on 127.0.0.1:4444 by default and logs where', async () => {
    const { deps, handle, server } = install();
    expect(await handle.started).toBe(server);
    expect(deps.start).toHaveBeenCalledWith({ host: '127.0.0.1', port: 4444, allowedOrigins: OWN_ORIGINS, onError: expect.any(Function) });
    expect(deps.log).toHaveBeenCalledWith('Signaling server listening on ws://127.0.0.1:4444 (this machine only).');
    expect(deps.logError).not.toHaveBeenCalled();
  });

  it('listens on the LAN only when the environment asks, and lists the addresses', async () => {
    const lan = fakeServer({ host: '0.0.0.0', port: 5555, url: 'ws://127.0.0.1:5555' });
    const { deps, handle } = install({ env: { COMMAND_POST_SIGNALING_PORT: '5555', COMMAND_POST_SIGNALING_LAN: '1' }, start: vi.fn(async () => lan) });
    await handle.started;
    expect(deps.start).toHaveBeenCalledWith(expect.objectContaining({ host: '0.0.0.0', port: 5555 }));
    expect(deps.log).toHaveBeenCalledWith('  ws://192.168.1.20:5555');
  });

  it('reports a port that is taken and carries on', async () => {
    const taken = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    const { app, deps, handle } = install({ start: vi.fn(async () => Promise.reject(new SignalingListenError('127.0.0.1', 4444, taken))) });
    expect(await handle.started).toBeNull();
    expect(deps.logError).toHaveBeenCalledTimes(1);
    const message = String(vi.mocked(deps.logError).mock.calls[0]?.[0]);
    expect(message).toMatch(/Signaling server not started/);
    expect(message).toMatch(/port 4444 is already in use on 127\.0\.0\.1/);
    expect(message).toMatch(/Choose another port in Settings\./);
    const status = await handle.status();
    expect(status).toMatchObject({ listening: false, port: 4444, localUrl: null });
    expect(status.error).toMatch(/port 4444 is already in use/);
    expect(app.quit).not.toHaveBeenCalled();
    // Quitting still works.
    willQuit(app);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(willQuit(app)).toBe(false);
  });

  it('starts where the saved settings say', async () => {
    const lan = fakeServer({ host: '0.0.0.0', port: 5001, url: 'ws://127.0.0.1:5001' });
    const { deps, handle } = install({ preferences: fakePreferences({ exposeOnLan: true, port: 5001 }), start: vi.fn(async () => lan) });
    await handle.started;
    expect(deps.start).toHaveBeenCalledWith(expect.objectContaining({ host: '0.0.0.0', port: 5001 }));
    expect(await handle.status()).toEqual({
      listening: true,
      port: 5001,
      exposedOnLan: true,
      localUrl: 'ws://127.0.0.1:5001',
      lanAddresses: ['192.168.1.20', '10.0.0.7'],
      error: null,
      settings: { exposeOnLan: true, port: 5001 },
      envOverrides: { exposeOnLan: null, port: null },
      settingsProblem: null,
    });
  });

  it('lets each environment variable win over its saved setting, and says so', async () => {
    const { deps, handle } = install({
      env: { COMMAND_POST_SIGNALING_LAN: '0' },
      preferences: fakePreferences({ exposeOnLan: true, port: 5001 }),
    });
    await handle.started;
    // The variable turns LAN access off; the saved port still applies.
    expect(deps.start).toHaveBeenCalledWith(expect.objectContaining({ host: '127.0.0.1', port: 5001 }));
    const status = await handle.status();
    expect(status.envOverrides).toEqual({ exposeOnLan: { variable: 'COMMAND_POST_SIGNALING_LAN', value: '0' }, port: null });
    expect(status.settings).toEqual({ exposeOnLan: true, port: 5001 });
  });

  it('names the variable when a port it sets is taken', async () => {
    const taken = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    const { handle } = install({
      env: { COMMAND_POST_SIGNALING_PORT: '5555' },
      start: vi.fn(async () => Promise.reject(new SignalingListenError('127.0.0.1', 5555, taken))),
    });
    await handle.started;
    expect((await handle.status()).error).toMatch(/port 5555 is already in use.*To use another port, change COMMAND_POST_SIGNALING_PORT\./);
  });

  it('passes a settings file problem on to the status', async () => {
    const { handle } = install({ preferences: fakePreferences(undefined, 'The settings file was damaged.') });
    expect((await handle.status()).settingsProblem).toBe('The settings file was damaged.');
  });

  it('lets in the renderer’s own origin (the dev server under npm run dev) and those COMMAND_POST_ALLOW_ORIGINS lists', async () => {
    const { deps, handle } = install({ rendererOrigin: 'http://localhost:5174', env: { COMMAND_POST_ALLOW_ORIGINS: 'http://cp.example.lan' } });
    await handle.started;
    expect(deps.start).toHaveBeenCalledWith(expect.objectContaining({ allowedOrigins: [...OWN_ORIGINS, 'http://localhost:5174', 'http://cp.example.lan'] }));
  });

  it('reports an origin it cannot understand without starting anything, and without blaming the port', async () => {
    const { deps, handle } = install({ env: { COMMAND_POST_ALLOW_ORIGINS: 'cp.example.lan' } });
    expect(await handle.started).toBeNull();
    expect(deps.start).not.toHaveBeenCalled();
    const message = String(vi.mocked(deps.logError).mock.calls[0]?.[0]);
    expect(message).toMatch(/COMMAND_POST_ALLOW_ORIGINS="cp\.example\.lan" is not an origin/);
    expect(message).not.toMatch(/another port/);
  });

  it('reports a setting it cannot understand without starting anything', async () => {
    const { deps, handle } = install({ env: { COMMAND_POST_SIGNALING_LAN: 'sure' } });
    expect(await handle.started).toBeNull();
    expect(deps.start).not.toHaveBeenCalled();
    expect(String(vi.mocked(deps.logError).mock.calls[0]?.[0])).toMatch(/COMMAND_POST_SIGNALING_LAN="sure" is not understood/);
    const status = await handle.status();
    expect(status.error).toMatch(/COMMAND_POST_SIGNALING_LAN="sure" is not understood/);
    expect(status.envOverrides.exposeOnLan).toEqual({ variable: 'COMMAND_POST_SIGNALING_LAN', value: 'sure' });
  });

  it('passes runtime errors of the server to the log', async () => {
    const { deps, handle } = install();
    await handle.started;
    const onError = vi.mocked(deps.start).mock.calls[0]?.[0].onError;
    const boom = new Error('boom');
    onError?.(boom);
    expect(deps.logError).toHaveBeenCalledWith('signaling server error', boom);
  });

  it('holds the quit until the server has closed, then quits', async () => {
    let finishClose: () => void = () => {};
    const server = fakeServer({ close: vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve))) });
    const { app, handle } = install({ start: vi.fn(async () => server) });
    await handle.started;

    expect(willQuit(app)).toBe(true);
    expect(willQuit(app)).toBe(true); // a second quit while closing is held too, and closes nothing more
    await vi.waitFor(() => expect(server.close).toHaveBeenCalledTimes(1));
    expect(app.quit).not.toHaveBeenCalled();

    finishClose();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(willQuit(app)).toBe(false);
    expect(server.close).toHaveBeenCalledTimes(1);
  });

  it('does not let a server that will not close keep the app from quitting', async () => {
    const stuck = fakeServer({ close: vi.fn(() => new Promise<void>(() => {})) });
    const { app } = install({ start: vi.fn(async () => stuck), closeTimeoutMs: 20 });
    expect(willQuit(app)).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
  });

  it('closes a server that was still starting when the app quit', async () => {
    let finishStart: (server: SignalingServer) => void = () => {};
    const server = fakeServer();
    const { app } = install({ start: vi.fn(() => new Promise<SignalingServer>((resolve) => (finishStart = resolve))) });
    expect(willQuit(app)).toBe(true);
    finishStart(server);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(server.close).toHaveBeenCalledTimes(1);
  });

  it('runs the real server and closes it on quit', async () => {
    const { app, handle } = install({ env: { COMMAND_POST_SIGNALING_PORT: '0' }, start: startSignalingServer, closeTimeoutMs: 5_000 });
    const server = await handle.started;
    if (!server) throw new Error('not started');
    started.push(server);
    expect(server.host).toBe('127.0.0.1');
    const client = await connect(server.url);
    expect(server.stats().connections).toBe(1);

    expect(willQuit(app)).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(await client.closed()).toBe(1001);
    expect(server.stats()).toMatchObject({ connections: 0, topics: 0 });
  });
});
