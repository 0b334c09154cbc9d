/**
 * `npm run web`: the web app and the signaling server, started together,
 * the page told where signaling is, both stopped on Ctrl+C, and a taken
 * port reported in one line that names the flag to pick another. The
 * servers are the real ones (Vite's preview server, the signaling server),
 * on loopback and free ports.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OWN_ORIGINS } from '../../../src/main/net/allowed-origins';
import { startSignalingServer, type SignalingServer } from '../../../src/main/signaling/server';
import { runWebHostCommand, WEB_HOST_CONFIG_PATH, webHostSettingsFromCommandLine, type WebHostCommandDeps } from '../../../src/main/web-host/command';
import { startWebApp } from '../../../src/main/web-host/preview';
import { commandHarness } from './command-helpers';
import { connect } from './signaling-helpers';

describe('npm run web: settings', () => {
  it('defaults to this machine only, the app on 4173 and signaling on 4444', () => {
    expect(webHostSettingsFromCommandLine([], {})).toEqual({ host: '127.0.0.1', port: 4173, signalPort: 4444, allowedOrigins: OWN_ORIGINS });
  });

  it('takes --port, --signal-port, --host and --allow-origin', () => {
    expect(webHostSettingsFromCommandLine(['--port', '8080', '--signal-port=0', '--host', '0.0.0.0', '--allow-origin', 'http://cp.lan:8080'], {})).toEqual({
      host: '0.0.0.0',
      port: 8080,
      signalPort: 0,
      allowedOrigins: [...OWN_ORIGINS, 'http://cp.lan:8080'],
    });
    expect(webHostSettingsFromCommandLine(['--help'], {})).toBe('help');
  });

  it('refuses what it cannot understand', () => {
    expect(() => webHostSettingsFromCommandLine(['--port', 'abc'], {})).toThrow(/--port="abc" is not a port/);
    expect(() => webHostSettingsFromCommandLine(['--signal-port', '70000'], {})).toThrow(/--signal-port/);
    expect(() => webHostSettingsFromCommandLine(['--host', 'my-laptop'], {})).toThrow(/--host="my-laptop" is not an IP address/);
    expect(() => webHostSettingsFromCommandLine(['--lan'], {})).toThrow(/Unknown option/);
  });
});

describe('npm run web: running', () => {
  const leftovers: { close(): unknown }[] = [];
  afterEach(async () => {
    await Promise.all(leftovers.splice(0).map((s) => s.close()));
  });

  function harness(argv: string[], overrides: Partial<WebHostCommandDeps> = {}) {
    return commandHarness<WebHostCommandDeps>({ argv, env: {}, startWeb: startWebApp, startSignaling: startSignalingServer, networkInterfaces: () => ({}) }, overrides);
  }

  it('serves the app and signaling, tells the page where signaling is, lets the page in, and stops both on Ctrl+C', async () => {
    let signaling: SignalingServer | undefined;
    const h = harness(['--port', '0', '--signal-port', '0'], {
      startSignaling: async (options) => {
        signaling = await startSignalingServer(options);
        return signaling;
      },
    });
    const exit = runWebHostCommand(h.deps);
    await h.listening();
    if (!signaling) throw new Error('signaling not started');
    const appUrl = /^Command Post in a browser: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(h.out[0] ?? '')?.[1];
    expect(appUrl, h.out.join('\n')).toBeDefined();
    expect(h.out[1]).toBe(`Signaling server listening on ws://127.0.0.1:${signaling.port} (this machine only).`);

    const config = (await (await fetch(new URL(WEB_HOST_CONFIG_PATH, appUrl))).json()) as { signalingPort: number };
    expect(config.signalingPort).toBe(signaling.port);
    // The page, wherever it is served from, may open signaling.
    const page = await connect(signaling.url, { origin: new URL(appUrl!).origin });
    page.send({ type: 'ping' });
    await page.next((m) => m['type'] === 'pong');

    h.signal('SIGINT');
    expect(await exit).toBe(0);
    expect(await page.closed()).toBe(1001);
    await expect(fetch(appUrl!)).rejects.toThrow();
    expect(h.out.at(-1)).toBe('Web app and signaling server stopped.');
    expect(h.err).toEqual([]);
  }, 30_000);

  it('says in one line which flag picks another port when the app’s port is taken, and starts nothing', async () => {
    const occupant: Server = createServer();
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
    leftovers.push(occupant);
    const port = (occupant.address() as { port: number }).port;
    const startSignaling = vi.fn(startSignalingServer);
    const h = harness(['--port', String(port), '--signal-port', '0'], { startSignaling });
    expect(await runWebHostCommand(h.deps)).toBe(1);
    expect(h.err).toEqual([
      `The web app could not listen on 127.0.0.1:${port}: port ${port} is already in use on 127.0.0.1 (another program is probably running there). Pick another port with --port, as in: npm run web -- --port ${port + 1}`,
    ]);
    expect(startSignaling).not.toHaveBeenCalled();
    expect(h.out).toEqual([]);
  }, 30_000);

  it('says in one line which flag picks another port when signaling’s port is taken, and closes the app again', async () => {
    const taken = await startSignalingServer({ port: 0 });
    leftovers.push(taken);
    const close = vi.fn(async () => {});
    const h = harness(['--signal-port', String(taken.port)], { startWeb: async () => ({ urls: ['http://127.0.0.1:4173/'], close }) });
    expect(await runWebHostCommand(h.deps)).toBe(1);
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toMatch(new RegExp(`^The signaling server could not listen on 127\\.0\\.0\\.1:${taken.port}: port ${taken.port} is already in use.*Pick another port with --signal-port`));
    expect(close).toHaveBeenCalledTimes(1);
  });
});
