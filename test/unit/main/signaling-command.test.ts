/**
 * `npm run signal`: flags, environment, output, and a clean stop on SIGINT or
 * SIGTERM. The process itself (cli.ts) is wiring; here its signals and output
 * are injected.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OWN_ORIGINS } from '../../../src/main/net/allowed-origins';
import { runSignalingCommand, SIGNALING_USAGE, signalingSettingsFromCommandLine, type SignalingCommandDeps } from '../../../src/main/signaling/command';
import { SignalingListenError, startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../../../src/main/signaling/server';
import { connect } from './signaling-helpers';
import { commandHarness } from './command-helpers';

describe('npm run signal: settings', () => {
  it('defaults to this machine only, on 4444', () => {
    expect(signalingSettingsFromCommandLine([], {})).toEqual({ port: 4444, exposeOnLan: false, allowedOrigins: OWN_ORIGINS });
  });

  it('takes --port and --lan, over the environment', () => {
    const env = { COMMAND_POST_SIGNALING_PORT: '5000' };
    expect(signalingSettingsFromCommandLine([], env)).toEqual({ port: 5000, exposeOnLan: false, allowedOrigins: OWN_ORIGINS });
    expect(signalingSettingsFromCommandLine(['--port', '6000', '--lan'], env)).toEqual({ port: 6000, exposeOnLan: true, allowedOrigins: OWN_ORIGINS });
    expect(signalingSettingsFromCommandLine(['--port=0'], env)).toEqual({ port: 0, exposeOnLan: false, allowedOrigins: OWN_ORIGINS });
    expect(signalingSettingsFromCommandLine([], { COMMAND_POST_SIGNALING_LAN: '1' })).toEqual({ port: 4444, exposeOnLan: true, allowedOrigins: OWN_ORIGINS });
    expect(signalingSettingsFromCommandLine(['--help'], {})).toBe('help');
  });

  it('takes --allow-origin, repeated, over COMMAND_POST_ALLOW_ORIGINS, and always keeps the app’s own origins', () => {
    const env = { COMMAND_POST_ALLOW_ORIGINS: 'http://from-env.lan:8080' };
    expect(signalingSettingsFromCommandLine([], env)).toMatchObject({ allowedOrigins: [...OWN_ORIGINS, 'http://from-env.lan:8080'] });
    expect(signalingSettingsFromCommandLine(['--allow-origin', 'http://a.lan', '--allow-origin=https://B.lan/'], env)).toMatchObject({
      allowedOrigins: [...OWN_ORIGINS, 'http://a.lan', 'https://b.lan'],
    });
  });

  it('refuses what it cannot understand', () => {
    expect(() => signalingSettingsFromCommandLine(['--allow-origin', '*'], {})).toThrow(/--allow-origin="\*" is not an origin/);
    expect(() => signalingSettingsFromCommandLine([], { COMMAND_POST_ALLOW_ORIGINS: 'cp.lan' })).toThrow(/COMMAND_POST_ALLOW_ORIGINS="cp\.lan"/);
    expect(() => signalingSettingsFromCommandLine(['--port', 'abc'], {})).toThrow(/--port="abc" is not a port/);
    expect(() => signalingSettingsFromCommandLine(['--port'], {})).toThrow();
    expect(() => signalingSettingsFromCommandLine(['--lan=yes'], {})).toThrow();
    expect(() => signalingSettingsFromCommandLine(['--host', '0.0.0.0'], {})).toThrow(/Unknown option/);
    expect(() => signalingSettingsFromCommandLine(['4444'], {})).toThrow();
    expect(() => signalingSettingsFromCommandLine([], { COMMAND_POST_SIGNALING_PORT: 'x' })).toThrow(/COMMAND_POST_SIGNALING_PORT/);
  });
});

function harness(overrides: Partial<SignalingCommandDeps> = {}) {
  return commandHarness<SignalingCommandDeps>({ argv: ['--port', '0'], env: {}, start: startSignalingServer, networkInterfaces: () => ({}) }, overrides);
}

describe('npm run signal: running', () => {
  const leftovers: SignalingServer[] = [];
  afterEach(async () => {
    await Promise.all(leftovers.splice(0).map((s) => s.close()));
  });

  it('serves on 127.0.0.1, says where, and stops cleanly on SIGINT', async () => {
    let server: SignalingServer | undefined;
    const h = harness({
      start: async (options: SignalingServerOptions) => {
        expect(options).toMatchObject({ host: '127.0.0.1', port: 0 });
        server = await startSignalingServer(options);
        leftovers.push(server);
        return server;
      },
    });
    const exit = runSignalingCommand(h.deps);
    await h.listening();
    if (!server) throw new Error('not started');
    expect(h.out[0]).toBe(`Signaling server listening on ws://127.0.0.1:${server.port} (this machine only).`);
    expect(h.out).toContain('Add --lan to let other machines connect.');
    expect(h.out).toContain(`Web pages allowed to connect: ${OWN_ORIGINS.join(', ')} (others are refused; see --allow-origin).`);

    const client = await connect(server.url);
    client.send({ type: 'ping' });
    await client.next((m) => m['type'] === 'pong');

    h.signal('SIGINT');
    expect(await exit).toBe(0);
    expect(await client.closed()).toBe(1001);
    expect(h.unregister).toHaveBeenCalled();
    expect(h.out.at(-1)).toBe('Signaling server stopped.');
    expect(h.err).toEqual([]);
  });

  it('lists the LAN addresses with --lan (here against a fake server: tests bind to loopback only)', async () => {
    const close = vi.fn(async () => {});
    const start = vi.fn(async (options: SignalingServerOptions) => ({
      host: options.host ?? '',
      port: 4444,
      url: 'ws://127.0.0.1:4444',
      close,
      stats: () => ({ connections: 0, clients: 0, topics: 0, subscriptions: 0 }),
    }));
    const h = harness({
      argv: ['--lan'],
      start,
      networkInterfaces: () => ({ eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null }] }),
    });
    const exit = runSignalingCommand(h.deps);
    await h.listening();
    expect(start).toHaveBeenCalledWith(expect.objectContaining({ host: '0.0.0.0', port: 4444 }));
    expect(h.out).toContain('  ws://192.168.1.20:4444');
    h.signal('SIGTERM');
    expect(await exit).toBe(0);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('a second signal stops at once', async () => {
    const h = harness({
      start: async () => ({ host: '127.0.0.1', port: 1, url: 'ws://127.0.0.1:1', close: () => new Promise<void>(() => {}), stats: () => ({ connections: 0, clients: 0, topics: 0, subscriptions: 0 }) }),
    });
    const exit = runSignalingCommand(h.deps);
    await h.listening();
    h.signal('SIGINT');
    h.signal('SIGINT');
    expect(await exit).toBe(130);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const taken = await startSignalingServer({ host: '127.0.0.1', port: 0 });
    leftovers.push(taken);
    const h = harness({ argv: ['--port', String(taken.port)] });
    expect(await runSignalingCommand(h.deps)).toBe(1);
    expect(h.err).toEqual([expect.stringMatching(new RegExp(`port ${taken.port} is already in use`))]);
    expect(h.out).toEqual([]);
  });

  it('exits 1 when start fails in any other way', async () => {
    const h = harness({ start: async () => Promise.reject(new SignalingListenError('192.0.2.1', 4444, Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL' }))) });
    expect(await runSignalingCommand(h.deps)).toBe(1);
    expect(h.err[0]).toMatch(/192\.0\.2\.1 is not an address of this machine/);
  });

  it('lets in the web pages --allow-origin names, and refuses others with 403', async () => {
    let server: SignalingServer | undefined;
    const h = harness({
      argv: ['--port', '0', '--allow-origin', 'http://command-post.example.lan:8080'],
      start: async (options: SignalingServerOptions) => {
        server = await startSignalingServer(options);
        leftovers.push(server);
        return server;
      },
    });
    const exit = runSignalingCommand(h.deps);
    await h.listening();
    if (!server) throw new Error('not started');
    const named = await connect(server.url, { origin: 'http://command-post.example.lan:8080' });
    const app = await connect(server.url, { origin: 'app://command-post' });
    await expect(connect(server.url, { origin: 'http://elsewhere.example.lan:8080' })).rejects.toThrow(/HTTP 403/);
    h.signal('SIGTERM');
    expect(await exit).toBe(0);
    expect([await named.closed(), await app.closed()]).toEqual([1001, 1001]);
  });

  it('says what --allow-origin does in its usage', () => {
    expect(SIGNALING_USAGE).toContain('--allow-origin <origin>');
    expect(SIGNALING_USAGE).toContain('COMMAND_POST_ALLOW_ORIGINS');
  });

  it('exits 2 with the usage for bad arguments, 0 for --help', async () => {
    const bad = harness({ argv: ['--port', 'many'] });
    expect(await runSignalingCommand(bad.deps)).toBe(2);
    expect(bad.err).toEqual(['--port="many" is not a port: use a number from 1 to 65535 (or 0 for any free port).', SIGNALING_USAGE]);

    const help = harness({ argv: ['--help'] });
    expect(await runSignalingCommand(help.deps)).toBe(0);
    expect(help.out).toEqual([SIGNALING_USAGE]);
  });
});
