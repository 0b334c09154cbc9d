/**
 * The list of command posts heard on the network (src/main/discovery/peers.ts):
 * expiry, caps against a flood, and what is read from each service.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DISCOVERED_PEERS } from '../../../src/shared/ipc';
import { createPeerTable, MAX_PEERS_PER_ADDRESS, PEER_EXPIRY_MS } from '../../../src/main/discovery/peers';

const id = (n: number) => n.toString(16).padStart(32, '0');
const service = (n: number, address = '10.0.0.2', extra: Record<string, unknown> = {}) => ({
  name: id(n),
  port: 4444,
  txt: { v: '1', id: id(n), n: `Post ${n}` },
  addresses: [address],
  referer: { address },
  ...extra,
});

describe('the list of command posts heard', () => {
  it('lists a peer until it has not been heard for PEER_EXPIRY_MS, then forgets it', () => {
    const table = createPeerTable({ isOwn: () => false });
    expect(table.heard(service(1), 1_000)).toBe(true);
    expect(table.list()).toMatchObject([{ id: id(1), displayName: 'Post 1', port: 4444, addresses: ['10.0.0.2'], firstSeenAt: 1_000, lastSeenAt: 1_000 }]);
    // Heard again: the same list, a later last-seen time, not a change to show.
    expect(table.heard(service(1), 3_000)).toBe(false);
    expect(table.list()[0]).toMatchObject({ firstSeenAt: 1_000, lastSeenAt: 3_000 });
    expect(table.expire(3_000 + PEER_EXPIRY_MS)).toBe(false);
    expect(table.expire(3_000 + PEER_EXPIRY_MS + 1)).toBe(true);
    expect(table.list()).toEqual([]);
  });

  it('forgets a peer at once on its goodbye', () => {
    const table = createPeerTable({ isOwn: () => false });
    table.heard(service(1), 0);
    expect(table.gone(id(1).toUpperCase())).toBe(true);
    expect(table.list()).toEqual([]);
    expect(table.gone(42)).toBe(false);
  });

  it('reports a change in what a peer shows', () => {
    const table = createPeerTable({ isOwn: () => false });
    table.heard(service(1), 0);
    expect(table.heard(service(1, '10.0.0.2', { txt: { v: '1', id: id(1), n: 'Renamed' } }), 10)).toBe(true);
    expect(table.list()[0]!.displayName).toBe('Renamed');
  });

  it('never lists this machine’s own announcements', () => {
    const table = createPeerTable({ isOwn: (peer) => peer === id(7) });
    expect(table.heard(service(7), 0)).toBe(false);
    expect(table.list()).toEqual([]);
  });

  it('takes the packet’s source address first, IPv4 only, at most four', () => {
    const table = createPeerTable({ isOwn: () => false });
    table.heard(
      service(1, '10.0.0.9', { addresses: ['fe80::1', '192.168.1.5', '10.0.0.9', '999.1.1.1', '172.16.0.1', '172.16.0.2', '172.16.0.3', 'x'] }),
      0,
    );
    expect(table.list()[0]!.addresses).toEqual(['10.0.0.9', '192.168.1.5', '172.16.0.1', '172.16.0.2']);
    // No usable address at all: nothing to connect to, so not listed.
    expect(table.heard(service(2, 'fe80::2', { addresses: ['fe80::2'] }), 0)).toBe(false);
  });

  it('caps one machine announcing thousands of services, and the list as a whole', () => {
    const table = createPeerTable({ isOwn: () => false });
    for (let n = 1; n <= 5_000; n++) table.heard(service(n, '10.0.0.66'), n);
    table.heard(service(900_001, '10.0.0.2'), 6_000);
    const list = table.list();
    expect(list.filter((p) => p.addresses[0] === '10.0.0.66')).toHaveLength(MAX_PEERS_PER_ADDRESS);
    expect(list.map((p) => p.id)).toContain(id(900_001));

    const many = createPeerTable({ isOwn: () => false });
    for (let n = 1; n <= 300; n++) many.heard(service(n, `10.0.${Math.floor(n / 200)}.${n % 200}`), n);
    expect(many.list()).toHaveLength(MAX_DISCOVERED_PEERS);
    // The ones heard last are kept.
    expect(many.list().map((p) => p.id)).toContain(id(300));
  });

  it('drops services that are not command posts of this version', () => {
    const table = createPeerTable({ isOwn: () => false });
    expect(table.heard({ name: 'printer', port: 631, txt: { rp: 'ipp' }, referer: { address: '10.0.0.3' } }, 0)).toBe(false);
    expect(table.heard(service(1, '10.0.0.2', { txt: { v: '2', id: id(1) } }), 0)).toBe(false);
    expect(table.list()).toEqual([]);
  });
});
