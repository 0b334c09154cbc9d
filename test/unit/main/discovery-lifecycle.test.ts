/**
 * Discovery's life in main (src/main/discovery/index.ts) with the network,
 * the signaling server and the clock faked: what is announced and when, the
 * switches that turn it off, id rotation, and the LAN opened for shares.
 */
import { describe, expect, it, vi } from 'vitest';
import { type DiscoveryDeps, ID_GRACE_MS, installDiscovery, REFRESH_MS, ROTATE_EVERY_MS } from '../../../src/main/discovery';
import type { BrowseEvents, MdnsTransport, PublishRequest } from '../../../src/main/discovery/transport';
import { PEER_EXPIRY_MS } from '../../../src/main/discovery/peers';
import { discoveryInterfaces } from '../../../src/main/discovery/settings';
import type { DiscoveryPreferences, SignalingStatus } from '../../../src/shared/ipc';

class FakeClock {
  time = 1_000_000;
  now = (): number => this.time;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private next = 0;
  setTimer = (callback: () => void, delayMs: number): unknown => {
    const handle = ++this.next;
    this.timers.set(handle, { at: this.time + delayMs, callback });
    return handle;
  };
  clearTimer = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function signalingStatus(overrides: Partial<SignalingStatus> = {}): SignalingStatus {
  return {
    listening: true,
    port: 4444,
    exposedOnLan: true,
    localUrl: 'ws://127.0.0.1:4444',
    lanAddresses: ['10.0.0.1'],
    error: null,
    settings: { exposeOnLan: false, port: 4444 },
    envOverrides: { exposeOnLan: null, port: null },
    settingsProblem: null,
    ...overrides,
  };
}

function setup(options: { env?: Record<string, string>; preferences?: DiscoveryPreferences; lan?: Partial<SignalingStatus>; interfaces?: string[] } = {}) {
  const clock = new FakeClock();
  let preferences: DiscoveryPreferences = options.preferences ?? { enabled: true, displayName: 'War room A' };
  const published: (PublishRequest & { stopped: boolean })[] = [];
  const browsers: { events: BrowseEvents; refreshes: number; stopped: boolean }[] = [];
  const transport: MdnsTransport = {
    publish: (request) => {
      const entry = { ...request, stopped: false };
      published.push(entry);
      return {
        stop: async () => {
          entry.stopped = true;
        },
      };
    },
    browse: (events) => {
      const entry = { events, refreshes: 0, stopped: false };
      browsers.push(entry);
      return {
        refresh: () => {
          entry.refreshes++;
        },
        stop: async () => {
          entry.stopped = true;
        },
      };
    },
  };
  const openForShares = vi.fn(async (open: boolean) => ({ status: signalingStatus(open ? options.lan : { exposedOnLan: false }), error: null }));
  const notify = vi.fn();
  let counter = 0;
  const deps: DiscoveryDeps = {
    env: options.env ?? {},
    preferences: {
      get: () => preferences,
      save: async (next) => {
        preferences = next;
      },
      problem: () => null,
    },
    signaling: { openForShares },
    createTransport: vi.fn(() => transport),
    networkInterfaces: () => ({
      eth0: (options.interfaces ?? ['10.0.0.1']).map((address) => ({ address, family: 'IPv4' as const, internal: false, netmask: '255.255.255.0', mac: '02:00:00:00:00:01', cidr: `${address}/24` })),
    }),
    randomBytes: (count) => new Uint8Array(count).fill(++counter),
    clock,
    notify,
    logError: vi.fn(),
  };
  const discovery = installDiscovery(deps);
  return { discovery, deps, clock, published, browsers, openForShares, notify };
}

const INCIDENT = { codename: '26-Bravo', severity: 'SEV-2' as const };

describe('discovery in main', () => {
  it('announces nothing and asks nothing until a share or a look', async () => {
    const { discovery, published, browsers, deps } = setup();
    await discovery.watch(false);
    expect(discovery.status()).toMatchObject({ enabled: true, shares: [], peers: [], watching: false });
    expect(published).toEqual([]);
    expect(browsers).toEqual([]);
    expect(deps.createTransport).not.toHaveBeenCalled();
  });

  it('announces a share under an id it mints, without the incident unless allowed, and opens the LAN for it', async () => {
    const { discovery, published, openForShares } = setup();
    const result = await discovery.share({ shareKey: 'inc-7', incident: null });
    expect(result.message).toBeNull();
    expect(openForShares).toHaveBeenCalledWith(true);
    expect(published).toHaveLength(1);
    const [announcement] = published;
    expect(announcement!.id).toMatch(/^[0-9a-f]{32}$/);
    expect(announcement!.port).toBe(4444);
    expect(announcement!.txt).toEqual({ v: '1', id: announcement!.id, n: 'War room A' });
    expect(JSON.stringify(announcement)).not.toContain('inc-7');
    expect(result.share).toEqual({ shareKey: 'inc-7', ids: [announcement!.id], showsIncident: false });
  });

  it('announces the codename and severity when the share allows it, under a new id', async () => {
    const { discovery, published } = setup();
    await discovery.share({ shareKey: 'inc-7', incident: null });
    const again = await discovery.share({ shareKey: 'inc-7', incident: INCIDENT });
    expect(published).toHaveLength(2);
    expect(published[1]!.txt).toMatchObject({ c: '26-Bravo', s: 'SEV-2' });
    expect(published[1]!.id).not.toBe(published[0]!.id);
    // The old announcement says goodbye; its id is still answered for a while (a knock under way).
    expect(published[0]!.stopped).toBe(true);
    expect(again.share!.ids).toEqual([published[1]!.id, published[0]!.id]);
    // The same request again changes nothing.
    await discovery.share({ shareKey: 'inc-7', incident: INCIDENT });
    expect(published).toHaveLength(2);
  });

  it('rotates the id every 15 minutes, answering the old one for a grace period', async () => {
    const { discovery, published, clock } = setup();
    await discovery.share({ shareKey: 'inc-7', incident: null });
    await clock.advance(ROTATE_EVERY_MS);
    expect(published).toHaveLength(2);
    expect(published[0]!.stopped).toBe(true);
    expect(discovery.status().shares[0]!.ids).toEqual([published[1]!.id, published[0]!.id]);
    await clock.advance(ID_GRACE_MS + 20);
    expect(discovery.status().shares[0]!.ids).toEqual([published[1]!.id]);
    await clock.advance(ROTATE_EVERY_MS);
    expect(published).toHaveLength(3);
    expect(new Set(published.map((p) => p.id)).size).toBe(3);
  });

  it('says goodbye and closes the LAN again when the last share stops', async () => {
    const { discovery, published, openForShares } = setup();
    await discovery.share({ shareKey: 'inc-7', incident: null });
    await discovery.share({ shareKey: 'inc-8', incident: null });
    await discovery.unshare('inc-7');
    expect(published[0]!.stopped).toBe(true);
    expect(openForShares).not.toHaveBeenCalledWith(false);
    await discovery.unshare('inc-8');
    expect(published[1]!.stopped).toBe(true);
    expect(openForShares).toHaveBeenLastCalledWith(false);
    expect(discovery.status().shares).toEqual([]);
  });

  it('does not announce a share the LAN cannot reach (the environment keeps the server to this machine)', async () => {
    const { discovery, published, openForShares } = setup({
      lan: { exposedOnLan: false, envOverrides: { exposeOnLan: { variable: 'COMMAND_POST_SIGNALING_LAN', value: '0' }, port: null } },
    });
    const result = await discovery.share({ shareKey: 'inc-7', incident: INCIDENT });
    expect(result.share).toBeNull();
    expect(result.message).toContain('COMMAND_POST_SIGNALING_LAN=0');
    expect(published).toEqual([]);
    expect(openForShares).toHaveBeenLastCalledWith(false);
  });

  for (const [what, options] of [
    ['COMMAND_POST_DISCOVERY=0', { env: { COMMAND_POST_DISCOVERY: '0' } }],
    ['COMMAND_POST_DISCOVERY that is not understood', { env: { COMMAND_POST_DISCOVERY: 'perhaps' } }],
    ['discovery off in Settings', { preferences: { enabled: false, displayName: 'War room A' } }],
  ] as const) {
    it(`announces nothing and lists nothing with ${what}`, async () => {
      const { discovery, published, browsers, openForShares, deps } = setup(options);
      const result = await discovery.share({ shareKey: 'inc-7', incident: INCIDENT });
      expect(result.share).toBeNull();
      expect(result.message).toBeTruthy();
      await discovery.watch(true);
      expect(published).toEqual([]);
      expect(browsers).toEqual([]);
      expect(openForShares).not.toHaveBeenCalled();
      expect(deps.createTransport).not.toHaveBeenCalled();
      expect(discovery.status()).toMatchObject({ enabled: false, watching: false });
      expect(discovery.status().disabledReason).toBeTruthy();
    });
  }

  it('COMMAND_POST_DISCOVERY=1 wins over Settings', async () => {
    const { discovery, published } = setup({ env: { COMMAND_POST_DISCOVERY: '1' }, preferences: { enabled: false, displayName: '' } });
    await discovery.share({ shareKey: 'inc-7', incident: null });
    expect(published).toHaveLength(1);
    expect(discovery.status().envOverride).toEqual({ variable: 'COMMAND_POST_DISCOVERY', value: '1' });
  });

  it('turning discovery off in Settings withdraws every share and stops listing', async () => {
    const { discovery, published, browsers, openForShares } = setup();
    await discovery.share({ shareKey: 'inc-7', incident: null });
    await discovery.watch(true);
    const result = await discovery.change({ enabled: false, displayName: 'War room A' });
    expect(result.error).toBeNull();
    expect(published[0]!.stopped).toBe(true);
    expect(browsers[0]!.stopped).toBe(true);
    expect(openForShares).toHaveBeenLastCalledWith(false);
    expect(result.status).toMatchObject({ enabled: false, shares: [], watching: false });
  });

  it('a new display name is a new announcement, under a new id', async () => {
    const { discovery, published } = setup();
    await discovery.share({ shareKey: 'inc-7', incident: null });
    await discovery.change({ enabled: true, displayName: 'Bridge B' });
    expect(published).toHaveLength(2);
    expect(published[1]!.txt.n).toBe('Bridge B');
    expect(published[1]!.id).not.toBe(published[0]!.id);
  });

  it('announces no name when none was chosen', async () => {
    const { discovery, published } = setup({ preferences: { enabled: true, displayName: '' } });
    await discovery.share({ shareKey: 'inc-7', incident: null });
    expect(Object.keys(published[0]!.txt).sort()).toEqual(['id', 'v']);
  });

  it('lists what it hears while watched, asks again every REFRESH_MS, forgets the silent, never lists itself', async () => {
    const { discovery, browsers, clock, notify } = setup();
    const own = await discovery.share({ shareKey: 'inc-7', incident: null });
    await discovery.watch(true);
    const [browser] = browsers;
    const peerId = 'f'.repeat(32);
    browser!.events.heard({ name: peerId, port: 5000, txt: { v: '1', id: peerId, n: 'Bridge B' }, referer: { address: '10.0.0.2' } });
    browser!.events.heard({ name: own.share!.ids[0], port: 4444, txt: { v: '1', id: own.share!.ids[0] }, referer: { address: '10.0.0.1' } });
    expect(discovery.status().peers.map((p) => p.id)).toEqual([peerId]);
    expect(notify).toHaveBeenLastCalledWith(expect.objectContaining({ peers: [expect.objectContaining({ id: peerId, displayName: 'Bridge B' })] }));

    await clock.advance(REFRESH_MS * 3);
    expect(browser!.refreshes).toBe(3);
    // Not heard since: gone once PEER_EXPIRY_MS have passed since it was.
    await clock.advance(PEER_EXPIRY_MS - REFRESH_MS * 3 + 600);
    expect(discovery.status().peers).toEqual([]);

    await discovery.watch(false);
    expect(browser!.stopped).toBe(true);
    await clock.advance(REFRESH_MS * 3);
    expect(browser!.refreshes).toBe(Math.floor((PEER_EXPIRY_MS + 600) / REFRESH_MS));
  });

  it('forgets a peer on its goodbye', async () => {
    const { discovery, browsers } = setup();
    await discovery.watch(true);
    const peerId = 'e'.repeat(32);
    browsers[0]!.events.heard({ name: peerId, port: 5000, txt: { v: '1', id: peerId }, referer: { address: '10.0.0.2' } });
    browsers[0]!.events.gone(peerId);
    expect(discovery.status().peers).toEqual([]);
  });

  it('follows the signaling server to a new port, under new ids', async () => {
    const { discovery, published } = setup();
    await discovery.share({ shareKey: 'inc-7', incident: null });
    await discovery.signalingMoved({ listening: true, exposedOnLan: true, port: 4444 });
    expect(published).toHaveLength(1);
    await discovery.signalingMoved({ listening: true, exposedOnLan: true, port: 5000 });
    expect(published).toHaveLength(2);
    expect(published[1]).toMatchObject({ port: 5000 });
    expect(published[1]!.id).not.toBe(published[0]!.id);
    expect(published[0]!.stopped).toBe(true);
  });

  it('with no network address, announces nothing, keeps the LAN closed and says why', async () => {
    const { discovery, published, openForShares } = setup({ interfaces: [] });
    const result = await discovery.share({ shareKey: 'inc-7', incident: null });
    expect(result.share).toBeNull();
    expect(result.message).toContain('no network address');
    expect(published).toEqual([]);
    expect(discovery.status()).toMatchObject({ shares: [] });
    expect(discovery.status().error).toContain('no network address');
    expect(openForShares).toHaveBeenLastCalledWith(false);
  });

  it('when its page goes, withdraws every share and stops listing; close does the same once', async () => {
    const { discovery, published, browsers } = setup();
    await discovery.share({ shareKey: 'inc-7', incident: null });
    await discovery.watch(true);
    await discovery.pageGone();
    expect(published[0]!.stopped).toBe(true);
    expect(browsers[0]!.stopped).toBe(true);
    await discovery.share({ shareKey: 'inc-8', incident: null });
    await discovery.close();
    expect(published[1]!.stopped).toBe(true);
    const after = await discovery.share({ shareKey: 'inc-9', incident: null });
    expect(after.share).toBeNull();
  });
});

describe('the interfaces discovery uses', () => {
  const info = (address: string, internal = false) => ({ address, family: 'IPv4' as const, internal, netmask: '255.255.255.0', mac: '02:00:00:00:00:01', cidr: `${address}/24` });
  it('takes one IPv4 address per physical-looking interface, never loopback, containers, VMs or tunnels', () => {
    expect(
      discoveryInterfaces({
        lo: [info('127.0.0.1', true)],
        eth0: [info('192.168.1.20'), info('192.168.1.21')],
        docker0: [info('172.17.0.1')],
        'br-5f3a': [info('172.18.0.1')],
        virbr0: [info('192.168.122.1')],
        wlan0: [info('10.0.0.7')],
        tailscale0: [info('100.64.0.3')],
        wg0: [info('10.8.0.2')],
        'vEthernet (WSL)': [info('172.20.0.1')],
        'Wi-Fi': [{ ...info('fe80::1'), family: 'IPv6' as const, scopeid: 0 }],
      }),
    ).toEqual(['192.168.1.20', '10.0.0.7']);
  });
});
