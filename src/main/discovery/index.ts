/**
 * Finding each other on the LAN (issue 23), in the main process: announcing
 * the incidents this machine shares on the network, and listing the command
 * posts that announce theirs. No Electron: the network comes through an
 * injected MdnsTransport (bonjour.ts in the app and the LAN test, a fake in
 * unit tests), and the goodbyes before quitting run from the signaling
 * server's close (its beforeClose), before the server itself closes.
 *
 * What is announced, and when (see lan-announcement.ts for the record):
 * nothing until the IC chooses 'Share on this network' for an incident; then
 * one service per such share, under an opaque id minted here (never by the
 * page), replaced by a fresh id every ROTATE_EVERY_MS, whenever what the
 * share shows changes, and when the display name changes. The id just
 * replaced is still answered for ID_GRACE_MS (a knock may be under way). The
 * codename and severity are announced only when the page sends them, which
 * it does only when the IC allowed it for that share. Stopping a share, the
 * last page going, discovery turned off, or quitting sends goodbyes.
 *
 * Sharing on the LAN is one decision: the first share opens the signaling
 * server to the LAN (openForShares), the last one to stop closes it again,
 * unless Settings keep it open. A share whose server cannot be reached from
 * the LAN (COMMAND_POST_SIGNALING_LAN=0, a port taken) is not announced.
 *
 * Listing happens only while the page watches ('Join shared incident…' is
 * open): it asks the network every REFRESH_MS and forgets a machine not
 * heard for PEER_EXPIRY_MS (peers.ts), so one that leaves without a goodbye
 * is gone from the list within about ten seconds, and one that says goodbye
 * at once. Nothing is asked on the network while nobody looks.
 *
 * COMMAND_POST_DISCOVERY=0, or discovery off in Settings: nothing is
 * announced and nothing is asked, and the status says why.
 */
import {
  type AnnouncedShare,
  type DiscoveryChangeResult,
  type DiscoveryPreferences,
  type DiscoveryStatus,
  MAX_ANNOUNCED_SHARES,
  type ShareOnLanRequest,
  type ShareOnLanResult,
} from '../../shared/ipc';
import { ANNOUNCED_ID_BYTES, announcedIdFromBytes, announcementTxt } from '../../shared/sync/lan-announcement';
import type { SignalingHandle } from '../signaling';
import type { NetworkInterfaces } from '../signaling/settings';
import { createPeerTable } from './peers';
import { announcedDisplayName, discoveryEnvSource, discoveryInterfaces, discoverySwitch } from './settings';
import type { Browsing, MdnsTransport, Publication } from './transport';

export const ROTATE_EVERY_MS = 15 * 60_000;
export const ID_GRACE_MS = 2 * 60_000;
export const REFRESH_MS = 2_000;
const EXPIRE_CHECK_MS = 500;

export interface DiscoveryPreferenceStore {
  get(): DiscoveryPreferences;
  save(preferences: DiscoveryPreferences): Promise<void>;
  problem(): string | null;
}

export interface DiscoveryClock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface DiscoveryDeps {
  env: Readonly<Record<string, string | undefined>>;
  preferences: DiscoveryPreferenceStore;
  signaling: Pick<SignalingHandle, 'openForShares'>;
  /** bonjour.ts's createBonjourTransport in the app: mDNS pinned to these LAN addresses. */
  createTransport: (interfaces: string[], onError: (error: unknown) => void) => MdnsTransport;
  networkInterfaces: () => NetworkInterfaces;
  randomBytes: (count: number) => Uint8Array;
  clock: DiscoveryClock;
  /** Pushes the status to the page (DISCOVERY_CHANNEL) when the list or the shares change. */
  notify: (status: DiscoveryStatus) => void;
  logError: (message: string, error?: unknown) => void;
  rotateEveryMs?: number;
  refreshMs?: number;
}

export interface DiscoveryHandle {
  status(): DiscoveryStatus;
  watch(on: boolean): Promise<DiscoveryStatus>;
  share(request: ShareOnLanRequest): Promise<ShareOnLanResult>;
  unshare(shareKey: string): Promise<DiscoveryStatus>;
  change(preferences: DiscoveryPreferences): Promise<DiscoveryChangeResult>;
  /**
   * The signaling server moved (Settings): shares are announced again with
   * its new port, under new ids.
   */
  signalingMoved(status: { listening: boolean; exposedOnLan: boolean; port: number }): Promise<void>;
  /**
   * The page that answers knocks is gone (its window closed): every share is
   * withdrawn and browsing stops, since nobody could answer or look.
   */
  pageGone(): Promise<void>;
  /** Goodbyes for every share, browsing stopped, the LAN closed again if only shares held it open. Once. */
  close(): Promise<void>;
}

interface Share {
  readonly key: string;
  incident: ShareOnLanRequest['incident'];
  id: string;
  /** The signaling port announced. */
  port: number;
  previous: { id: string; until: number } | null;
  publication: Publication | null;
  rotation: unknown;
}

export function installDiscovery(deps: DiscoveryDeps): DiscoveryHandle {
  const rotateEveryMs = deps.rotateEveryMs ?? ROTATE_EVERY_MS;
  const refreshMs = deps.refreshMs ?? REFRESH_MS;
  const shares = new Map<string, Share>();
  const table = createPeerTable({ isOwn: (id) => [...shares.values()].some((s) => s.id === id || s.previous?.id === id) });
  let browsing: Browsing | null = null;
  let refreshTimer: unknown = null;
  let expireTimer: unknown = null;
  let error: string | null = null;
  let closing: Promise<void> | undefined;

  // Shares, watching and settings change one at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task);
    queue = result.catch(() => {});
    return result;
  }

  function interfaces(): string[] {
    try {
      return discoveryInterfaces(deps.networkInterfaces());
    } catch (failure) {
      deps.logError('could not list the network interfaces', failure);
      return [];
    }
  }

  function networkError(failure: unknown): void {
    const code = (failure as { code?: unknown } | null)?.code;
    const reason =
      code === 'EADDRINUSE'
        ? 'another program holds UDP port 5353, the one mDNS uses, and does not share it'
        : code === 'EACCES'
          ? 'this machine does not allow Command Post to use UDP port 5353, the one mDNS uses'
          : typeof code === 'string'
            ? code
            : failure instanceof Error
              ? failure.message
              : String(failure);
    const message = `Could not use the network for discovery (${reason}). Other command posts may not see this one, or it them; short codes and invites still work.`;
    // Once per kind of failure: a socket that cannot send fails again at every query.
    if (message !== error) {
      deps.logError('discovery', failure);
      error = message;
      deps.notify(snapshot());
    }
  }

  function transport(): MdnsTransport | null {
    const found = interfaces();
    if (found.length === 0) {
      error = 'This machine has no network address, so it can neither announce nor find command posts.';
      return null;
    }
    return deps.createTransport(found, networkError);
  }

  function idsOf(share: Share): string[] {
    const previous = share.previous && share.previous.until > deps.clock.now() ? [share.previous.id] : [];
    return [share.id, ...previous];
  }

  function shareState(share: Share): AnnouncedShare {
    return { shareKey: share.key, ids: idsOf(share), showsIncident: share.incident !== null };
  }

  function snapshot(): DiscoveryStatus {
    const settings = deps.preferences.get();
    const state = discoverySwitch(settings, deps.env);
    return {
      enabled: state.enabled,
      disabledReason: state.enabled ? null : state.reason,
      settings,
      envOverride: discoveryEnvSource(deps.env),
      watching: browsing !== null,
      shares: [...shares.values()].map(shareState),
      peers: table.list(),
      error,
      settingsProblem: deps.preferences.problem(),
    };
  }

  const changed = () => deps.notify(snapshot());

  /** Announces the share under a fresh id, then says goodbye for the old one. */
  async function publish(share: Share, port: number): Promise<void> {
    const old = share.publication;
    if (old) share.previous = { id: share.id, until: deps.clock.now() + ID_GRACE_MS };
    share.id = announcedIdFromBytes(deps.randomBytes(ANNOUNCED_ID_BYTES));
    share.port = port;
    const net = transport();
    share.publication = net
      ? net.publish({
          id: share.id,
          port,
          txt: announcementTxt({ id: share.id, port, displayName: announcedDisplayName(deps.preferences.get()), incident: share.incident }),
        })
      : null;
    if (share.previous) deps.clock.setTimer(changed, ID_GRACE_MS + 10);
    if (share.rotation !== null) deps.clock.clearTimer(share.rotation);
    share.rotation = deps.clock.setTimer(() => {
      void serially(async () => {
        if (shares.get(share.key) !== share || closing) return;
        await publish(share, share.port);
        changed();
      });
    }, rotateEveryMs);
    if (old) await old.stop();
  }

  async function withdraw(share: Share): Promise<void> {
    shares.delete(share.key);
    if (share.rotation !== null) deps.clock.clearTimer(share.rotation);
    await share.publication?.stop();
  }

  async function closeLanIfUnshared(): Promise<string | null> {
    if (shares.size > 0) return null;
    const result = await deps.signaling.openForShares(false);
    return result.error;
  }

  function share(request: ShareOnLanRequest): Promise<ShareOnLanResult> {
    return serially(async () => {
      const state = discoverySwitch(deps.preferences.get(), deps.env);
      const refused = (message: string): ShareOnLanResult => ({ status: snapshot(), share: null, message });
      if (closing) return refused('Command Post is quitting; nothing was announced.');
      if (!state.enabled) return refused(state.reason);
      const existing = shares.get(request.shareKey);
      if (!existing && shares.size >= MAX_ANNOUNCED_SHARES) return refused(`At most ${MAX_ANNOUNCED_SHARES} incidents are shared on this network at once; stop sharing one first.`);

      const opened = await deps.signaling.openForShares(true);
      const signaling = opened.status;
      if (!signaling.listening || !signaling.exposedOnLan) {
        if (!existing) await closeLanIfUnshared();
        const why = opened.error ?? signaling.error ?? (signaling.envOverrides.exposeOnLan ? `${signaling.envOverrides.exposeOnLan.variable}=${signaling.envOverrides.exposeOnLan.value} keeps the signaling server to this machine.` : 'The signaling server is not listening on the network.');
        return refused(`Not shared on this network: ${why} Other machines could not reach it. Share with a short code or an invite instead.`);
      }

      const same = existing && JSON.stringify(existing.incident) === JSON.stringify(request.incident);
      if (same) return { status: snapshot(), share: shareState(existing), message: null };
      if (interfaces().length === 0) {
        if (!existing) await closeLanIfUnshared();
        error = 'This machine has no network address, so it can neither announce nor find command posts.';
        return refused(`Not shared on this network: ${error}`);
      }
      const entry: Share = existing ?? { key: request.shareKey, incident: request.incident, id: '', port: 0, previous: null, publication: null, rotation: null };
      entry.incident = request.incident;
      shares.set(entry.key, entry);
      error = null;
      await publish(entry, signaling.port);
      changed();
      return { status: snapshot(), share: shareState(entry), message: error };
    });
  }

  function unshare(shareKey: string): Promise<DiscoveryStatus> {
    return serially(async () => {
      const entry = shares.get(shareKey);
      if (!entry) return snapshot();
      await withdraw(entry);
      const problem = await closeLanIfUnshared();
      if (problem) deps.logError(`discovery: could not close the signaling server to the LAN again: ${problem}`);
      changed();
      return snapshot();
    });
  }

  async function stopBrowsing(): Promise<void> {
    if (refreshTimer !== null) deps.clock.clearTimer(refreshTimer);
    if (expireTimer !== null) deps.clock.clearTimer(expireTimer);
    refreshTimer = expireTimer = null;
    const was = browsing;
    browsing = null;
    table.clear();
    await was?.stop();
  }

  function startBrowsing(): void {
    const net = transport();
    if (!net) return;
    browsing = net.browse({
      heard: (service) => {
        if (table.heard(service, deps.clock.now())) changed();
      },
      gone: (name) => {
        if (table.gone(name)) changed();
      },
    });
    const refresh = () => {
      browsing?.refresh();
      refreshTimer = deps.clock.setTimer(refresh, refreshMs);
    };
    const expire = () => {
      if (table.expire(deps.clock.now())) changed();
      expireTimer = deps.clock.setTimer(expire, EXPIRE_CHECK_MS);
    };
    refreshTimer = deps.clock.setTimer(refresh, refreshMs);
    expireTimer = deps.clock.setTimer(expire, EXPIRE_CHECK_MS);
  }

  function watch(on: boolean): Promise<DiscoveryStatus> {
    return serially(async () => {
      const enabled = discoverySwitch(deps.preferences.get(), deps.env).enabled;
      if (on && enabled && !closing) {
        if (!browsing) startBrowsing();
      } else {
        await stopBrowsing();
      }
      changed();
      return snapshot();
    });
  }

  async function withdrawAll(): Promise<void> {
    await Promise.all([...shares.values()].map(withdraw));
    const problem = await closeLanIfUnshared();
    if (problem) deps.logError(`discovery: could not close the signaling server to the LAN again: ${problem}`);
  }

  function change(preferences: DiscoveryPreferences): Promise<DiscoveryChangeResult> {
    return serially(async () => {
      const before = deps.preferences.get();
      try {
        await deps.preferences.save(preferences);
      } catch (failure) {
        const reason = failure instanceof Error ? failure.message : String(failure);
        return { status: snapshot(), error: `The discovery settings could not be saved: ${reason}` };
      }
      const state = discoverySwitch(preferences, deps.env);
      if (!state.enabled) {
        await stopBrowsing();
        await withdrawAll();
      } else if (announcedDisplayName(before) !== announcedDisplayName(preferences)) {
        // A new name is a new announcement: under a new id, so the two cannot be linked.
        for (const entry of shares.values()) await publish(entry, entry.port);
      }
      changed();
      return { status: snapshot(), error: null };
    });
  }

  function signalingMoved(status: { listening: boolean; exposedOnLan: boolean; port: number }): Promise<void> {
    return serially(async () => {
      if (closing || !status.listening || !status.exposedOnLan) return;
      const moved = [...shares.values()].filter((entry) => entry.port !== status.port);
      for (const entry of moved) await publish(entry, status.port);
      if (moved.length > 0) changed();
    });
  }

  function pageGone(): Promise<void> {
    return serially(async () => {
      await stopBrowsing();
      await withdrawAll();
    });
  }

  function close(): Promise<void> {
    closing ??= serially(async () => {
      await stopBrowsing();
      await withdrawAll();
    });
    return closing;
  }

  // Discovery off from the start: nothing to do until it is turned on.
  return { status: snapshot, watch, share, unshare, change, signalingMoved, pageGone, close };
}
