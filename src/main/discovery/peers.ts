/**
 * The command posts this machine has heard on the network: what their
 * announcements say once checked, when each was first and last heard, and
 * when to forget one. Pure (no sockets, no clock of its own), so expiry and
 * the caps are unit-tested without a network.
 *
 * Whatever arrives is untrusted. An announcement that does not parse is
 * dropped (src/shared/sync/lan-announcement.ts). The table holds at most
 * MAX_DISCOVERED_PEERS, and at most MAX_PEERS_PER_ADDRESS from one source
 * address, so one machine announcing thousands of services crowds out
 * nobody else; when full, the one heard longest ago makes room.
 */
import { DiscoveredPeer, MAX_DISCOVERED_PEERS } from '../../shared/ipc';
import { parseAnnouncement } from '../../shared/sync/lan-announcement';

/** A peer that has not answered for this long is gone (it answers every query: one every REFRESH_MS). */
export const PEER_EXPIRY_MS = 7_000;
export const MAX_PEERS_PER_ADDRESS = 8;
const MAX_ADDRESSES = 4;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A service as the mDNS library reports it (only these fields are read, each checked). */
export interface HeardService {
  name?: unknown;
  port?: unknown;
  txt?: unknown;
  addresses?: unknown;
  /** Where the packet came from. */
  referer?: { address?: unknown } | undefined;
}

export interface PeerTable {
  /** Records an announcement heard at `now`. True when the list as shown changed (not only its last-seen time). */
  heard(service: HeardService, now: number): boolean;
  /** A goodbye (TTL 0) for this instance name. True when it was listed. */
  gone(name: unknown): boolean;
  /** Forgets peers not heard for PEER_EXPIRY_MS. True when any was. */
  expire(now: number): boolean;
  list(): DiscoveredPeer[];
  clear(): void;
}

export function createPeerTable(options: { isOwn: (id: string) => boolean; expiryMs?: number }): PeerTable {
  const expiryMs = options.expiryMs ?? PEER_EXPIRY_MS;
  const peers = new Map<string, DiscoveredPeer>();

  function addressesOf(service: HeardService): string[] {
    const found: string[] = [];
    const add = (value: unknown) => {
      if (typeof value === 'string' && IPV4.test(value) && !found.includes(value) && found.length < MAX_ADDRESSES) found.push(value);
    };
    add(service.referer?.address);
    if (Array.isArray(service.addresses)) for (const address of service.addresses.slice(0, 16)) add(address);
    return found;
  }

  function makeRoom(source: string): void {
    const bySeen = (list: DiscoveredPeer[]) => list.sort((a, b) => a.lastSeenAt - b.lastSeenAt);
    const fromSource = bySeen([...peers.values()].filter((p) => p.addresses[0] === source));
    if (fromSource.length >= MAX_PEERS_PER_ADDRESS) peers.delete(fromSource[0]!.id);
    if (peers.size >= MAX_DISCOVERED_PEERS) peers.delete(bySeen([...peers.values()])[0]!.id);
  }

  return {
    heard(service, now) {
      const announced = parseAnnouncement(service);
      if (!announced || options.isOwn(announced.id)) return false;
      const addresses = addressesOf(service);
      if (addresses.length === 0) return false;
      const known = peers.get(announced.id);
      const next: DiscoveredPeer = DiscoveredPeer.parse({
        ...announced,
        addresses,
        firstSeenAt: known?.firstSeenAt ?? now,
        lastSeenAt: now,
      });
      if (!known) makeRoom(addresses[0]!);
      peers.set(announced.id, next);
      return (
        !known ||
        known.displayName !== next.displayName ||
        known.codename !== next.codename ||
        known.severity !== next.severity ||
        known.port !== next.port ||
        known.addresses.join() !== next.addresses.join()
      );
    },
    gone(name) {
      return typeof name === 'string' && peers.delete(name.toLowerCase());
    },
    expire(now) {
      let changed = false;
      for (const [id, peer] of peers) {
        if (now - peer.lastSeenAt > expiryMs) {
          peers.delete(id);
          changed = true;
        }
      }
      return changed;
    },
    list: () => [...peers.values()].sort((a, b) => a.firstSeenAt - b.firstSeenAt || a.id.localeCompare(b.id)),
    clear: () => peers.clear(),
  };
}
