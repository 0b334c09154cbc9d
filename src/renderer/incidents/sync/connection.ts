/**
 * Live sync of one incident with its peers, over WebRTC (y-webrtc).
 *
 * No central service: peers find each other through the signaling servers
 * named in the share (every command post runs one), and then talk directly.
 * The room secret is y-webrtc's password, so signaling carries only
 * encrypted messages. No STUN or TURN by default: on an air-gapped LAN,
 * host candidates are all there is.
 *
 * When the share lists relays (relay.ts), the incident also syncs through
 * them, for responses larger than a mesh holds; peers on either path see
 * each other's edits and presence.
 *
 * Presence (who is connected, under which name, since when) travels in the
 * awareness protocol, never in the incident's doc.
 */
import { SignalingConn, WebrtcProvider } from 'y-webrtc';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { isSignalingUrl, roomName } from '../../../shared/sync/invite';
import { LOCAL_ORIGIN } from '../../../shared/incident';
import { STORAGE_ORIGIN } from '../persistence';
import type { ShareEntry } from '../db';
import { RelayLinks } from './relay';
import { CLOCK_BEAT_MS, PeerClocks } from '../../../shared/sync/clock-skew';

export interface PeerPresence {
  readonly clientId: number;
  readonly name: string;
  /** When they joined, by their clock. */
  readonly since: number;
  /** Connected now, or gone (closed the incident, lost the network). */
  readonly online: boolean;
  /** Now for those online; for those gone, when this machine last heard from them. */
  readonly lastSeen: number;
  /** How far ahead (positive) or behind their clock runs, against this machine's; undefined until heard. */
  readonly clockOffset?: number;
  /** Only watching the status view (an observer's window): not part of the response, and their clock does not count. */
  readonly watching?: boolean;
}

/**
 * Where a peer is typing in the status document: the field and their
 * selection, as Yjs relative positions (JSON), which stay on the same
 * characters whatever else is typed meanwhile.
 */
export interface EditingPresence {
  readonly field: string;
  readonly anchor: unknown;
  readonly head: unknown;
}

export interface PeerEditing extends EditingPresence {
  readonly clientId: number;
  readonly name: string;
}

export interface SyncState {
  /** paused: the user took this machine out of sync (to work alone, or to test a split). */
  readonly status: 'connecting' | 'online' | 'offline' | 'paused';
  /** Peers connected directly over WebRTC. */
  readonly connectedPeers: number;
  /** Signaling servers this machine reaches now, of those in the share. */
  readonly signalingUp: number;
  readonly signalingTotal: number;
  /** Relays this machine is connected to now, of those in the share. */
  readonly relaysUp: number;
  readonly relaysTotal: number;
  /** Whether every connected peer and relay has exchanged its full state with us. */
  readonly synced: boolean;
  readonly lastRemoteChangeAt: number | null;
  /** Everyone seen since sync started here: those online first, then the rest by when they were last seen. */
  readonly people: readonly PeerPresence[];
  /**
   * What to add to this machine's clock to read the incident's clock, the
   * median of every responder's clock (see shared/sync/clock-skew.ts); 0
   * until a peer has been heard.
   */
  readonly clockCorrection: number;
}

export interface SyncOptions {
  readonly me: string;
  /**
   * Called with signaling addresses that peers advertise and the share does
   * not list yet: remembered, they let a newcomer (or this machine, later)
   * get in through any command post still up, not only the first one.
   */
  readonly onLearnSignaling?: (urls: string[]) => void;
  readonly now?: () => number;
  /**
   * This window only watches (the observer's status view). Its machine's
   * clock is already counted by the window that responds from it, and
   * counting it twice would pull the incident's clock towards this machine.
   */
  readonly watching?: boolean;
}

const POLL_MS = 1_000;

/**
 * One awareness per doc for the life of the doc, reused when sync restarts
 * (new signaling addresses, pause and resume). A fresh one would restart its
 * clock for the same client id, and peers would ignore it as stale: this
 * machine would vanish from everyone's presence list.
 */
const awarenessOfDoc = new WeakMap<Y.Doc, Awareness>();
function awarenessFor(doc: Y.Doc): Awareness {
  let awareness = awarenessOfDoc.get(doc);
  if (!awareness) {
    awareness = new Awareness(doc);
    awarenessOfDoc.set(doc, awareness);
    doc.on('destroy', () => awareness!.destroy());
  }
  return awareness;
}
const MAX_ADVERTISED = 8;

export class IncidentSync {
  private readonly provider: WebrtcProvider;
  private readonly relays: RelayLinks;
  private readonly listeners = new Set<(state: SyncState) => void>();
  private lastRemoteChangeAt: number | null = null;
  private paused = false;
  private name: string;
  /**
   * Connections whose peer has sent us its full state (sync step 2). Tracked
   * here because y-webrtc marks a connection synced only while its whole room
   * is unsynced, so a peer joining later would read "syncing" forever.
   */
  private readonly syncedConns = new WeakSet<object>();
  private readonly watchedConns = new WeakSet<object>();
  private destroyed = false;
  private current: SyncState;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly beat: ReturnType<typeof setInterval>;
  private readonly since: number;
  /** Everyone seen in this room, kept after they leave so the IC can see who dropped off and when. */
  private readonly seen = new Map<number, { name: string; since: number; lastSeen: number; watching: boolean }>();
  private readonly clocks = new PeerClocks();
  /** This machine's place in the status document, kept across announce() (which replaces the whole state). */
  private editing: EditingPresence | null = null;
  private editors: readonly PeerEditing[] = [];
  private readonly editorListeners = new Set<(editors: readonly PeerEditing[]) => void>();
  private readonly onAwarenessChange = () => {
    this.learnSignaling();
    this.refreshEditors();
    this.refresh();
  };
  /** Every awareness message from a peer carries its clock as it sent it (see announce and beat). */
  private readonly onAwarenessUpdate = ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
    if (origin === 'local') return;
    const arrived = this.now();
    const states = this.provider.awareness.getStates();
    for (const clientId of [...added, ...updated]) {
      if (clientId === this.doc.clientID) continue;
      this.clocks.record(clientId, (states.get(clientId) as { clock?: unknown } | undefined)?.clock, arrived);
    }
    this.refresh();
  };
  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    // Anything not written here (a command, storage, a file import) came from a peer.
    if (origin !== LOCAL_ORIGIN && origin !== STORAGE_ORIGIN && typeof origin === 'object' && origin !== null) {
      this.lastRemoteChangeAt = this.now();
      this.refresh();
    }
  };

  constructor(
    private readonly doc: Y.Doc,
    private share: ShareEntry,
    private readonly options: SyncOptions,
  ) {
    this.since = this.now();
    this.name = options.me;
    this.provider = new WebrtcProvider(roomName(doc.guid), doc, {
      // Never y-webrtc's default public servers: only the ones in the share.
      signaling: share.signaling,
      password: share.secret,
      awareness: awarenessFor(doc),
      peerOpts: { config: { iceServers: (share.iceServers ?? []).map((s) => ({ ...s })) } },
    });
    this.announce();
    // A provider this one replaces removes our presence once its room closes
    // (asynchronously, after its key); the new room opens after its own key
    // is derived, later still, so presence is set again then.
    void this.provider.key.then(() => {
      if (!this.destroyed) this.announce();
    });
    this.provider.on('peers', () => this.refresh());
    this.provider.on('synced', () => this.refresh());
    this.provider.on('status', () => this.refresh());
    this.provider.awareness.on('change', this.onAwarenessChange);
    this.provider.awareness.on('update', this.onAwarenessUpdate);
    doc.on('update', this.onDocUpdate);
    this.relays = new RelayLinks(doc, this.provider.awareness, {
      secret: share.secret,
      incidentId: doc.guid,
      urls: share.relays ?? [],
      onChange: () => this.refresh(),
    });
    this.current = this.compute();
    this.timer = setInterval(() => this.refresh(), POLL_MS);
    // A fresh clock reading now and then, so peers' estimates of ours stay current.
    this.beat = setInterval(() => {
      if (!this.paused && this.provider.awareness.getLocalState()) this.provider.awareness.setLocalStateField('clock', this.now());
    }, CLOCK_BEAT_MS);
  }

  get state(): SyncState {
    return this.current;
  }

  subscribe(listener: (state: SyncState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Leaves the room: edits stay local until resume(), then merge both ways. */
  pause(): void {
    this.paused = true;
    this.provider.disconnect();
    this.relays.pause();
    this.refresh();
  }

  resume(): void {
    this.paused = false;
    // disconnect() leaves its signaling connections in this list and drops
    // our presence; connect() would add them again.
    this.provider.signalingConns = [];
    this.provider.connect();
    this.relays.resume();
    this.announce();
    this.refresh();
  }

  /** Syncs through these relays (and no others), without dropping a WebRTC peer. */
  setRelays(urls: readonly string[]): void {
    this.share = { ...this.share, relays: [...urls] };
    this.relays.setUrls(urls);
  }

  /**
   * Adds signaling servers to the running connection, without dropping a
   * peer: y-webrtc's SignalingConn subscribes to our room and announces us
   * as soon as it connects.
   */
  addSignaling(urls: readonly string[]): void {
    const fresh = urls.filter((url) => !this.provider.signalingUrls.includes(url));
    for (const url of fresh) {
      const conn = new SignalingConn(url);
      conn.providers.add(this.provider);
      this.provider.signalingConns.push(conn);
      this.provider.signalingUrls.push(url);
    }
    this.share = { ...this.share, signaling: [...new Set([...this.share.signaling, ...fresh])] };
    this.announce();
    this.refresh();
  }

  /** Where this machine's responder is typing in the status document (null: nowhere). */
  setEditing(editing: EditingPresence | null): void {
    this.editing = editing;
    if (!this.paused && this.provider.awareness.getLocalState()) this.provider.awareness.setLocalStateField('editing', editing);
  }

  /** Who else is typing in the status document, and where. */
  subscribeEditors(listener: (editors: readonly PeerEditing[]) => void): () => void {
    this.editorListeners.add(listener);
    listener(this.editors);
    return () => this.editorListeners.delete(listener);
  }

  private refreshEditors(): void {
    const next: PeerEditing[] = [];
    this.provider.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.doc.clientID || typeof state !== 'object' || state === null) return;
      const { name, editing } = state as { name?: unknown; editing?: unknown };
      if (typeof name !== 'string' || typeof editing !== 'object' || editing === null) return;
      const { field, anchor, head } = editing as Record<string, unknown>;
      if (typeof field !== 'string' || field.length > 40) return;
      next.push({ clientId, name: name.slice(0, 80), field, anchor, head });
    });
    next.sort((a, b) => a.clientId - b.clientId);
    const prev = this.editors;
    if (
      prev.length === next.length &&
      prev.every((p, i) => p.clientId === next[i]!.clientId && p.name === next[i]!.name && p.field === next[i]!.field && JSON.stringify([p.anchor, p.head]) === JSON.stringify([next[i]!.anchor, next[i]!.head]))
    ) {
      return;
    }
    this.editors = next;
    for (const listener of this.editorListeners) listener(next);
  }

  /** Who this machine is, as peers see it (the name can be given after joining). */
  setName(name: string): void {
    this.name = name;
    this.announce();
  }

  /** Our presence, and the signaling addresses others can reach us through. */
  private announce(): void {
    // This machine's own clock, uncorrected: peers estimate offsets from raw clocks only.
    this.provider.awareness.setLocalState({
      name: this.name,
      since: this.since,
      signaling: this.share.signaling,
      clock: this.now(),
      editing: this.editing,
      ...(this.options.watching ? { watching: true } : {}),
    });
  }

  private learnSignaling(): void {
    if (!this.options.onLearnSignaling) return;
    const known = new Set(this.share.signaling);
    const learned = new Set<string>();
    this.provider.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.doc.clientID) return;
      const advertised = (state as { signaling?: unknown } | null)?.signaling;
      if (!Array.isArray(advertised)) return;
      for (const url of advertised.slice(0, MAX_ADVERTISED)) {
        if (typeof url === 'string' && isSignalingUrl(url) && !known.has(url)) learned.add(url);
      }
    });
    if (learned.size) this.options.onLearnSignaling([...learned]);
  }

  destroy(): void {
    this.destroyed = true;
    clearInterval(this.timer);
    clearInterval(this.beat);
    this.provider.awareness.off('change', this.onAwarenessChange);
    this.provider.awareness.off('update', this.onAwarenessUpdate);
    this.doc.off('update', this.onDocUpdate);
    this.listeners.clear();
    this.editorListeners.clear();
    this.relays.destroy();
    this.provider.destroy();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private compute(): SyncState {
    const room = this.provider.room;
    const connections = room ? [...room.webrtcConns.values()] : [];
    const connected = connections.filter((c) => c.connected);
    for (const conn of connections) this.watch(conn);
    const signaling = this.provider.signalingConns;
    const signalingUp = signaling.filter((c) => c.connected).length;
    const people = this.presence();
    const relays = this.relays.state;
    const reached = connected.length > 0 || relays.up > 0;
    return {
      status: this.paused ? 'paused' : reached ? 'online' : signalingUp > 0 ? 'connecting' : 'offline',
      connectedPeers: connected.length,
      signalingUp,
      signalingTotal: signaling.length,
      relaysUp: relays.up,
      relaysTotal: relays.total,
      synced: reached && relays.synced && connected.every((c) => c.synced || this.syncedConns.has(c)),
      lastRemoteChangeAt: this.lastRemoteChangeAt,
      people,
      // The people shown are those whose clocks count: one entry per person, not per reload, and nobody only watching.
      clockCorrection: this.clocks.correction(people.filter((p) => !p.watching).map((p) => p.clientId)),
    };
  }

  /**
   * Who is here now (from awareness, renewed by every peer every 15 s and
   * dropped when its connection closes), and who was here earlier. Someone who
   * reloads comes back under a new client id, so a departed entry with the
   * name of someone online is not shown.
   */
  private presence(): PeerPresence[] {
    const now = this.now();
    const online = new Set<number>();
    this.provider.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.doc.clientID || typeof state !== 'object' || state === null) return;
      const { name, since, watching } = state as { name?: unknown; since?: unknown; watching?: unknown };
      if (typeof name !== 'string') return;
      online.add(clientId);
      this.seen.set(clientId, { name: name.slice(0, 80), since: typeof since === 'number' ? since : 0, lastSeen: now, watching: watching === true });
    });
    const onlineNames = new Set([...online].map((id) => this.seen.get(id)!.name));
    const people: PeerPresence[] = [];
    for (const [clientId, entry] of this.seen) {
      const isOnline = online.has(clientId);
      if (!isOnline && onlineNames.has(entry.name)) continue;
      people.push({
        clientId,
        name: entry.name,
        since: entry.since,
        online: isOnline,
        lastSeen: entry.lastSeen,
        clockOffset: this.clocks.offsetOf(clientId),
        ...(entry.watching ? { watching: true } : {}),
      });
    }
    return people.sort(
      (a, b) => Number(b.online) - Number(a.online) || (a.online ? 0 : b.lastSeen - a.lastSeen) || a.name.localeCompare(b.name) || a.clientId - b.clientId,
    );
  }

  /** y-webrtc frames a sync step 2 as varUint 0 (sync) then varUint 1 (step 2). */
  private watch(conn: { peer: { on(event: 'data', listener: (data: Uint8Array) => void): void } }): void {
    if (this.watchedConns.has(conn)) return;
    this.watchedConns.add(conn);
    conn.peer.on('data', (data: Uint8Array) => {
      if (!this.syncedConns.has(conn) && data[0] === 0 && data[1] === 1) {
        this.syncedConns.add(conn);
        this.refresh();
      }
    });
  }

  private refresh(): void {
    const next = this.compute();
    const prev = this.current;
    const same =
      prev.status === next.status &&
      prev.connectedPeers === next.connectedPeers &&
      prev.signalingUp === next.signalingUp &&
      prev.relaysUp === next.relaysUp &&
      prev.relaysTotal === next.relaysTotal &&
      prev.synced === next.synced &&
      prev.lastRemoteChangeAt === next.lastRemoteChangeAt &&
      prev.clockCorrection === next.clockCorrection &&
      prev.people.length === next.people.length &&
      prev.people.every((p, i) => p.clientId === next.people[i]?.clientId && p.name === next.people[i]?.name && p.online === next.people[i]?.online);
    if (same) return;
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }
}
