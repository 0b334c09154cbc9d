/**
 * `npm run relay`: flags, output, and a clean stop on SIGINT or SIGTERM. The
 * process itself (cli.ts) is wiring; here its signals and output are injected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { describeRelay, RELAY_USAGE, relaySettingsFromCommandLine, runRelayCommand, type RelayCommandDeps } from '../../../src/main/relay/command';
import { OWN_ORIGINS } from '../../../src/main/net/allowed-origins';
import { RelayListenError, startRelayNode, type RelayNodeOptions, type RelayServer } from '../../../src/main/relay/server';
import { commandHarness } from './command-helpers';

describe('npm run relay: settings', () => {
  it('defaults to this machine only, on 4455, a SQLite file, and no cluster', () => {
    expect(relaySettingsFromCommandLine([], {})).toEqual({ host: '127.0.0.1', port: 4455, database: 'relay-rooms.sqlite', allowedOrigins: OWN_ORIGINS });
  });

  it('takes --host, --port, --database and --redis', () => {
    expect(relaySettingsFromCommandLine(['--host', '0.0.0.0', '--port', '5000'], {})).toMatchObject({ host: '0.0.0.0', port: 5000 });
    expect(relaySettingsFromCommandLine(['--host=192.168.1.20', '--port=0'], {})).toMatchObject({ host: '192.168.1.20', port: 0 });
    expect(relaySettingsFromCommandLine(['--database', 'postgres://relay:pw@db.lan/relay', '--redis', 'redis://10.0.0.5:6379'], {})).toMatchObject({
      database: 'postgres://relay:pw@db.lan/relay',
      redis: 'redis://10.0.0.5:6379',
    });
    expect(relaySettingsFromCommandLine(['--help'], {})).toBe('help');
    expect(RELAY_USAGE).toContain('--database <url>');
    expect(RELAY_USAGE).toContain('--redis <url>');
  });

  it('takes --allow-origin, repeated, over COMMAND_POST_ALLOW_ORIGINS, and always keeps the app’s own origins', () => {
    const env = { COMMAND_POST_ALLOW_ORIGINS: 'http://from-env.lan' };
    expect(relaySettingsFromCommandLine([], env)).toMatchObject({ allowedOrigins: [...OWN_ORIGINS, 'http://from-env.lan'] });
    expect(relaySettingsFromCommandLine(['--allow-origin', 'http://a.lan:8080'], env)).toMatchObject({ allowedOrigins: [...OWN_ORIGINS, 'http://a.lan:8080'] });
    expect(() => relaySettingsFromCommandLine(['--allow-origin', 'a.lan'], {})).toThrow(/--allow-origin="a\.lan" is not an origin/);
    expect(RELAY_USAGE).toContain('--allow-origin <origin>');
  });

  it('refuses what it cannot understand', () => {
    expect(() => relaySettingsFromCommandLine(['--port', 'abc'], {})).toThrow(/--port="abc" is not a port/);
    expect(() => relaySettingsFromCommandLine(['--host', 'everywhere'], {})).toThrow(/--host="everywhere" is not an IP address: use 127\.0\.0\.1/);
    expect(() => relaySettingsFromCommandLine(['--lan'], {})).toThrow(/Unknown option/);
    expect(() => relaySettingsFromCommandLine(['4455'], {})).toThrow();
    expect(() => relaySettingsFromCommandLine(['--redis', 'http://10.0.0.5:6379'], {})).toThrow(/--redis needs a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => relaySettingsFromCommandLine(['--redis', 'not a url'], {})).toThrow(/--redis needs a URL such as redis:\/\/127\.0\.0\.1:6379/);
    expect(() => relaySettingsFromCommandLine(['--database', ' '], {})).toThrow(/--database needs a value/);
  });

  it('lists the addresses to give others when it listens on every interface, and says what it sees', () => {
    const server = { host: '0.0.0.0', port: 4455, url: 'ws://127.0.0.1:4455', database: 'PostgreSQL db.lan/relay' };
    const lines = describeRelay(server, { redis: 'redis://:secret@10.0.0.5:6379' }, {
      eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null }],
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
    });
    expect(lines).toEqual([
      'Relay listening on every network interface, port 4455.',
      'Command posts on the network can list it in the share dialog as:',
      '  ws://192.168.1.20:4455',
      'On this machine: ws://127.0.0.1:4455',
      'Rooms are kept in PostgreSQL db.lan/relay.',
      'Serving the same rooms as every relay on redis://:***@10.0.0.5:6379.',
      'The relay sees ciphertext only: who is connected, not what is written.',
    ]);
  });
});

function harness(overrides: Partial<RelayCommandDeps> = {}) {
  return commandHarness<RelayCommandDeps>({ argv: ['--port', '0', '--database', ':memory:'], env: {}, start: startRelayNode, networkInterfaces: () => ({}) }, overrides);
}

describe('npm run relay: running', () => {
  const leftovers: RelayServer[] = [];
  afterEach(async () => {
    await Promise.all(leftovers.splice(0).map((s) => s.close()));
  });

  it('serves on 127.0.0.1, says where, and stops cleanly on SIGTERM', async () => {
    let server: RelayServer | undefined;
    const h = harness({
      start: async (options: RelayNodeOptions) => {
        expect(options).toMatchObject({ host: '127.0.0.1', port: 0, database: ':memory:' });
        const started = await startRelayNode(options);
        server = started;
        leftovers.push(started);
        return started;
      },
    });
    const exit = runRelayCommand(h.deps);
    await h.listening();
    if (!server) throw new Error('not started');
    expect(h.out[0]).toBe(`Relay listening on ws://127.0.0.1:${server.port} (this machine only).`);
    expect(h.out).toContain('Add --host 0.0.0.0 to let other machines connect.');
    expect(h.out).toContain('Rooms are kept in SQLite file :memory:.');
    expect(h.out).toContain('A single relay (add --redis to join a cluster).');
    expect(server.stats()).toMatchObject({ connections: 0, rooms: 0 });

    h.signal('SIGTERM');
    expect(await exit).toBe(0);
    expect(h.unregister).toHaveBeenCalled();
    expect(h.out.at(-1)).toBe('Relay stopped.');
    expect(h.err).toEqual([]);
    await expect(fetch(server.url.replace('ws:', 'http:'))).rejects.toThrow();
  });

  it('a second signal stops at once', async () => {
    const h = harness({
      start: async () => ({ host: '127.0.0.1', port: 1, url: 'ws://127.0.0.1:1', database: 'memory', close: () => new Promise<void>(() => {}), stats: () => ({ connections: 0, clients: 0, rooms: 0 }) }),
    });
    const exit = runRelayCommand(h.deps);
    await h.listening();
    h.signal('SIGINT');
    h.signal('SIGINT');
    expect(await exit).toBe(130);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const taken = await startRelayNode({ host: '127.0.0.1', port: 0, database: ':memory:' });
    leftovers.push(taken);
    const h = harness({ argv: ['--port', String(taken.port)] });
    expect(await runRelayCommand(h.deps)).toBe(1);
    expect(h.err).toEqual([expect.stringMatching(new RegExp(`port ${taken.port} is already in use`))]);
    expect(h.out).toEqual([]);
  });

  it('exits 1 when the address is not this machine’s', async () => {
    const h = harness({ start: async () => Promise.reject(new RelayListenError('192.0.2.1', 4455, Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL' }))) });
    expect(await runRelayCommand(h.deps)).toBe(1);
    expect(h.err[0]).toBe('Relay could not listen on 192.0.2.1:4455: 192.0.2.1 is not an address of this machine.');
  });

  it('exits 2 with the usage for bad arguments, 0 for --help', async () => {
    const bad = harness({ argv: ['--port', 'many'] });
    expect(await runRelayCommand(bad.deps)).toBe(2);
    expect(bad.err).toEqual(['--port="many" is not a port: use a number from 1 to 65535 (or 0 for any free port).', RELAY_USAGE]);
    const help = harness({ argv: ['--help'] });
    expect(await runRelayCommand(help.deps)).toBe(0);
    expect(help.out).toEqual([RELAY_USAGE]);
  });
});
