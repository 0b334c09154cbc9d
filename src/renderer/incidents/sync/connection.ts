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
 * awareness protocol, never in the incident's doc. So does each machine's
 * digest of what it holds (shared/sync/digest.ts): "in sync" is shown only
 * while every peer's digest equals ours (shared/sync/agreement.ts), and a
 * difference that does not close is healed by a fresh exchange.
 */
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { isSignalingUrl, roomName } from '../../../shared/sync/invite';
import { unknownAdvertised } from '../../../shared/sync/advertised';
import { isRelayUrl } from '../../../shared/sync/relays';
import { LOCAL_ORIGIN } from '../../../shared/incident';
import { STORAGE_ORIGIN } from '../stored-records';
import type { ShareEntry } from '../db';
import { RelayLinks, type RelayGuard } from './relay';
import type { RelayNode } from './relay-link';
import { PeerClocks } from '../../../shared/sync/clock-skew';
import { digestFromWire, documentState, stateVectorFromWire, stateVectorToWire, type DocumentState } from '../../../shared/sync/digest';
import { AgreementTracker, type PeerAgreement, type SyncProof } from '../../../shared/sync/agreement';
import { DEAD_MS, PRESENCE_BEAT_MS, WebrtcLink } from './webrtc-link';
import type { MessageGuard } from './chunked-peer';

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
  /** Online: whether they hold what this machine holds (absent for those gone). */
  readonly agreement?: PeerAgreement;
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
  /** Peers connected directly over WebRTC and heard from in the last seconds. */
  readonly connectedPeers: number;
  /** Signaling servers this machine reaches now, of those in the share. */
  readonly signalingUp: number;
  readonly signalingTotal: number;
  /** Signaling servers this machine tried and could not reach; they are retried with a backoff. */
  readonly signalingUnreachable: readonly string[];
  /** Relays this machine is connected to now, of those in the share. */
  readonly relaysUp: number;
  readonly relaysTotal: number;
  /** Each relay in the share, and how this machine stands with it. */
  readonly relayNodes: readonly RelayNode[];
  /**
   * Whether every peer here holds exactly what this machine holds (their
   * digests equal ours) and every relay has sent what it has.
   */
  readonly synced: boolean;
  /** The comparison behind `synced`: alone, in sync, syncing, or not in sync (a difference stuck for 10 s). */
  readonly proof: SyncProof;
  /** For 'not-in-sync': since when (this machine's clock). */
  readonly notInSyncSince: number | null;
  /** The digest of what this machine holds now. */
  readonly digest: string;
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
  /**
   * Called with relays that peers advertise and the share does not list
   * yet: with them, a machine whose relay goes down still has the others.
   */
  readonly onLearnRelays?: (urls: string[]) => void;
  readonly now?: () => number;
  /**
   * This window only watches (the observer's status view). Its machine's
   * clock is already counted by the window that responds from it, and
   * counting it twice would pull the incident's clock towards this machine.
   */
  readonly watching?: boolean;
  /** Start paused: the user paused this incident's sync and has not resumed it. */
  readonly paused?: boolean;
  /** On a signed incident: what every WebRTC message and relay envelope passes (shared/trust/guard.ts). */
  readonly guard?: (MessageGuard & RelayGuard) | null;
}

const POLL_MS = 1_000;
/** A peer's digest is believed this long after it was last heard; older, it may be out of date. */
const REPORT_FRESH_MS = 2 * PRESENCE_BEAT_MS;
/** Changes arriving together are digested together, at most this long after the first. */
const DIGEST_DELAY_MS = 100;

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

export class IncidentSync {
  private readonly webrtc: WebrtcLink;
  private readonly relays: RelayLinks;
  private readonly awareness: Awareness;
  private readonly listeners = new Set<(state: SyncState) => void>();
  private lastRemoteChangeAt: number | null = null;
  private paused = false;
  private name: string;
  private destroyed = false;
  /** Unset only while the constructor runs (the links it makes report changes at once). */
  private current: SyncState | undefined;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly beat: ReturnType<typeof setInterval>;
  private readonly since: number;
  /** Everyone seen in this room, kept after they leave so the IC can see who dropped off and when. */
  private readonly seen = new Map<number, { name: string; since: number; lastSeen: number; watching: boolean }>();
  private readonly clocks = new PeerClocks();
  /**
   * Peers whose connection closed, with their presence's clock then: what
   * they last said (their digest above all) is not believed, and they are
   * not shown here, until they say something new (through another peer, or
   * when they come back).
   */
  private readonly departed = new Map<number, number>();
  private readonly agreement = new AgreementTracker();
  /** What this machine holds, as last digested. */
  private mine: DocumentState;
  private digestTimer: ReturnType<typeof setTimeout> | null = null;
  /** This machine's place in the status document, kept across announce() (which replaces the whole state). */
  private editing: EditingPresence | null = null;
  private editors: readonly PeerEditing[] = [];
  private readonly editorListeners = new Set<(editors: readonly PeerEditing[]) => void>();
  private readonly onAwarenessChange = () => {
    this.learnAddresses();
    this.refreshEditors();
    this.refresh();
  };
  /** Every awareness message from a peer carries its clock as it sent it (see announce and beat). */
  private readonly onAwarenessUpdate = ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
    if (origin === 'local') return;
    const arrived = this.now();
    const states = this.awareness.getStates();
    for (const clientId of [...added, ...updated]) {
      if (clientId === this.doc.clientID) continue;
      this.clocks.record(clientId, (states.get(clientId) as { clock?: unknown } | undefined)?.clock, arrived);
    }
    this.refresh();
  };
  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    this.digestSoon();
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
    this.awareness = awarenessFor(doc);
    this.mine = documentState(doc);
    this.webrtc = new WebrtcLink({
      room: roomName(doc.guid),
      doc,
      awareness: this.awareness,
      password: share.secret,
      signaling: share.signaling,
      iceServers: share.iceServers ?? [],
      onChange: () => this.refresh(),
      // A provider this one replaces removes our presence once its room
      // closes (asynchronously, after its key); the new room opens after its
      // own key is derived, later still, so presence is set again then.
      onOpen: () => {
        if (!this.destroyed && !this.paused) this.announce();
      },
      onPeerLeft: (peerId) => this.peerLeft(peerId),
      now: () => this.now(),
      guard: options.guard ?? null,
    });
    this.relays = new RelayLinks(doc, this.awareness, {
      secret: share.secret,
      incidentId: doc.guid,
      urls: share.relays ?? [],
      onChange: () => this.refresh(),
      guard: options.guard ?? null,
    });
    this.paused = options.paused ?? false;
    if (this.paused) this.relays.pause();
    this.current = this.compute();
    if (!this.paused) {
      this.webrtc.open();
      this.announce();
    }
    this.awareness.on('change', this.onAwarenessChange);
    this.awareness.on('update', this.onAwarenessUpdate);
    doc.on('update', this.onDocUpdate);
    this.timer = setInterval(() => this.tick(), POLL_MS);
    // A fresh clock reading and digest now and then: peers' estimates of our
    // clock stay current, and a peer that stops beating is known to be gone.
    this.beat = setInterval(() => {
      if (!this.paused && this.awareness.getLocalState()) this.awareness.setLocalStateField('clock', this.now());
    }, PRESENCE_BEAT_MS);
  }

  get state(): SyncState {
    return this.current!;
  }

  subscribe(listener: (state: SyncState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Leaves the room and the relays: nothing is sent or received until
   * resume(), and edits stay local. Every connection is closed, signaling
   * included, so no peer can connect to a paused machine.
   */
  pause(): void {
    this.paused = true;
    this.webrtc.close();
    this.relays.pause();
    this.refresh();
  }

  /** Joins again with fresh connections, each of which starts with a full exchange, so both sides' edits merge. */
  resume(): void {
    this.paused = false;
    this.webrtc.open();
    this.relays.resume();
    this.announce();
    this.refresh();
  }

  /** Drops every connection and makes them again (the user's "Reconnect", and the last step of healing). */
  reconnect(): void {
    if (this.paused) return this.resume();
    this.webrtc.restart();
    this.relays.reconnect();
    this.announce();
    this.refresh();
  }

  /** Syncs through these relays (and no others), without dropping a WebRTC peer. */
  /** Asks every peer for what this machine lacks, with this machine's statements (an observer's new admission among them). */
  exchange(): void {
    if (!this.paused) this.webrtc.exchange();
  }

  setRelays(urls: readonly string[]): void {
    this.share = { ...this.share, relays: [...urls] };
    this.relays.setUrls(urls);
    if (!this.paused) this.announce();
  }

  /** Adds signaling servers to the running connection, without dropping a peer. */
  addSignaling(urls: readonly string[]): void {
    this.webrtc.addSignaling(urls);
    this.share = { ...this.share, signaling: [...new Set([...this.share.signaling, ...urls])] };
    this.announce();
    this.refresh();
  }

  /** Where this machine's responder is typing in the status document (null: nowhere). */
  setEditing(editing: EditingPresence | null): void {
    this.editing = editing;
    if (!this.paused && this.awareness.getLocalState()) this.awareness.setLocalStateField('editing', editing);
  }

  /** Who else is typing in the status document, and where. */
  subscribeEditors(listener: (editors: readonly PeerEditing[]) => void): () => void {
    this.editorListeners.add(listener);
    listener(this.editors);
    return () => this.editorListeners.delete(listener);
  }

  private refreshEditors(): void {
    const next: PeerEditing[] = [];
    this.forEachPeerHere((state, clientId) => {
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

  /** Our presence, and the signaling addresses and relays others can reach us through. */
  private announce(): void {
    // This machine's own clock, uncorrected: peers estimate offsets from raw clocks only.
    this.awareness.setLocalState({
      name: this.name,
      since: this.since,
      signaling: this.share.signaling,
      ...(this.share.relays?.length ? { relays: this.share.relays } : {}),
      clock: this.now(),
      // Which connection is ours: a peer whose connection to us closes knows we left (see peerLeft).
      peer: this.webrtc.peerId,
      editing: this.editing,
      digest: this.mine.digest,
      sv: stateVectorToWire(this.mine.stateVector),
      ...(this.options.watching ? { watching: true } : {}),
    });
  }

  /** Digests what this machine holds shortly after it changes (changes arriving together, once). */
  private digestSoon(): void {
    if (this.digestTimer !== null) return;
    this.digestTimer = setTimeout(() => {
      this.digestTimer = null;
      if (this.destroyed) return;
      this.mine = documentState(this.doc);
      if (!this.paused && this.awareness.getLocalState()) {
        const state = this.awareness.getLocalState()!;
        this.awareness.setLocalState({ ...state, digest: this.mine.digest, sv: stateVectorToWire(this.mine.stateVector) });
      }
      this.refresh();
    }, DIGEST_DELAY_MS);
  }

  /** Signaling addresses and relays peers advertise that the share does not list yet. */
  private learnAddresses(): void {
    const { onLearnSignaling, onLearnRelays } = this.options;
    const states = this.awareness.getStates();
    const self = this.doc.clientID;
    const signaling = onLearnSignaling ? unknownAdvertised(states, self, 'signaling', isSignalingUrl, this.share.signaling) : [];
    if (signaling.length) onLearnSignaling!(signaling);
    const relays = onLearnRelays ? unknownAdvertised(states, self, 'relays', isRelayUrl, this.share.relays ?? []) : [];
    if (relays.length) onLearnRelays!(relays);
  }

  destroy(): void {
    this.destroyed = true;
    clearInterval(this.timer);
    clearInterval(this.beat);
    if (this.digestTimer !== null) clearTimeout(this.digestTimer);
    this.awareness.off('change', this.onAwarenessChange);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.doc.off('update', this.onDocUpdate);
    this.listeners.clear();
    this.editorListeners.clear();
    this.relays.destroy();
    this.webrtc.close();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Once a second: forget the silent, close dead connections, and heal a difference that does not close. */
  private tick(): void {
    this.forgetSilentPeers();
    this.webrtc.sweep();
    this.refresh();
    if (this.paused) return;
    const step = this.agreement.healStep(this.now());
    if (step === 'exchange') {
      this.webrtc.exchange();
      this.relays.exchange();
    } else if (step === 'reconnect') {
      this.reconnect();
    }
  }

  /**
   * Every peer beats every PRESENCE_BEAT_MS; one not heard for DEAD_MS (its
   * machine was killed, its network cut) is gone, not in the room for the
   * half minute the awareness protocol would keep it.
   */
  private forgetSilentPeers(): void {
    // The awareness protocol stamps states with the wall clock, not the incident's.
    const now = Date.now();
    const silent: number[] = [];
    this.awareness.meta.forEach((meta, clientId) => {
      if (clientId !== this.doc.clientID && this.awareness.states.has(clientId) && now - meta.lastUpdated > DEAD_MS) silent.push(clientId);
    });
    if (silent.length) removeAwarenessStates(this.awareness, silent, 'silent');
  }

  private compute(): SyncState {
    const signaling = this.webrtc.signalingState();
    const connected = this.webrtc.liveConnections();
    const relays = this.relays.state;
    const reached = !this.paused && (connected > 0 || relays.up > 0);
    const agreement = this.agreement.evaluate(this.mine, reached ? this.reports() : [], this.now());
    const people = this.presence(agreement.peers);
    return {
      // Offline once every signaling server was tried and failed; while a first try is under way, connecting.
      status: this.paused ? 'paused' : reached ? 'online' : signaling.unreachable.length < signaling.total ? 'connecting' : 'offline',
      connectedPeers: connected,
      signalingUp: signaling.up,
      signalingTotal: signaling.total,
      signalingUnreachable: signaling.unreachable,
      relaysUp: relays.up,
      relaysTotal: relays.total,
      relayNodes: relays.nodes,
      synced: reached && relays.synced && agreement.proof === 'in-sync',
      proof: agreement.proof,
      notInSyncSince: agreement.since,
      digest: this.mine.digest,
      lastRemoteChangeAt: this.lastRemoteChangeAt,
      people,
      // The people shown are those whose clocks count: one entry per person, not per reload, and nobody only watching.
      clockCorrection: this.clocks.correction(people.filter((p) => !p.watching).map((p) => p.clientId)),
    };
  }

  /** The connection to `peerId` closed: whoever announced it is taken as gone until heard from again. */
  private peerLeft(peerId: string): void {
    for (const clientId of this.departed.keys()) if (!this.awareness.states.has(clientId)) this.departed.delete(clientId);
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.doc.clientID || (state as { peer?: unknown } | null)?.peer !== peerId) return;
      this.departed.set(clientId, this.awareness.meta.get(clientId)?.clock ?? 0);
    });
    this.refreshEditors();
    this.refresh();
  }

  /** Each other machine's presence, except those whose connection closed and who have said nothing since. */
  private forEachPeerHere(visit: (state: object, clientId: number) => void): void {
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId !== this.doc.clientID && typeof state === 'object' && state !== null && !this.hasLeft(clientId)) visit(state, clientId);
    });
  }

  /** Whether this peer's connection closed and it has said nothing since. */
  private hasLeft(clientId: number): boolean {
    const clockThen = this.departed.get(clientId);
    if (clockThen === undefined) return false;
    if ((this.awareness.meta.get(clientId)?.clock ?? 0) === clockThen) return true;
    this.departed.delete(clientId);
    return false;
  }

  /** What each peer here says it holds; a report not renewed lately may be out of date, so it counts as unknown. */
  private reports(): { clientId: number; state: DocumentState | undefined }[] {
    const now = Date.now();
    const reports: { clientId: number; state: DocumentState | undefined }[] = [];
    this.forEachPeerHere((state, clientId) => {
      const { digest, sv } = state as { digest?: unknown; sv?: unknown };
      const fresh = now - (this.awareness.meta.get(clientId)?.lastUpdated ?? 0) <= REPORT_FRESH_MS;
      const parsed = { digest: digestFromWire(digest), stateVector: stateVectorFromWire(sv) };
      reports.push({ clientId, state: fresh && parsed.digest && parsed.stateVector ? (parsed as DocumentState) : undefined });
    });
    return reports;
  }

  /**
   * Who is here now (from awareness, renewed by every peer every few seconds
   * and forgotten once silent), and who was here earlier. Someone who
   * reloads comes back under a new client id, so a departed entry with the
   * name of someone online is not shown.
   */
  private presence(agreements: ReadonlyMap<number, PeerAgreement>): PeerPresence[] {
    const now = this.now();
    const online = new Set<number>();
    this.forEachPeerHere((state, clientId) => {
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
      const agreement = isOnline ? agreements.get(clientId) : undefined;
      people.push({
        clientId,
        name: entry.name,
        since: entry.since,
        online: isOnline,
        lastSeen: entry.lastSeen,
        clockOffset: this.clocks.offsetOf(clientId),
        ...(entry.watching ? { watching: true } : {}),
        ...(agreement ? { agreement } : {}),
      });
    }
    return people.sort(
      (a, b) => Number(b.online) - Number(a.online) || (a.online ? 0 : b.lastSeen - a.lastSeen) || a.name.localeCompare(b.name) || a.clientId - b.clientId,
    );
  }

  private refresh(): void {
    const prev = this.current;
    if (!prev) return;
    const next = this.compute();
    const same =
      prev.status === next.status &&
      prev.connectedPeers === next.connectedPeers &&
      prev.signalingUp === next.signalingUp &&
      prev.signalingUnreachable.join() === next.signalingUnreachable.join() &&
      prev.relaysUp === next.relaysUp &&
      prev.relaysTotal === next.relaysTotal &&
      describeNodes(prev.relayNodes) === describeNodes(next.relayNodes) &&
      prev.synced === next.synced &&
      prev.proof === next.proof &&
      prev.notInSyncSince === next.notInSyncSince &&
      prev.digest === next.digest &&
      prev.lastRemoteChangeAt === next.lastRemoteChangeAt &&
      prev.clockCorrection === next.clockCorrection &&
      prev.people.length === next.people.length &&
      prev.people.every((p, i) => {
        const q = next.people[i];
        return p.clientId === q?.clientId && p.name === q.name && p.online === q.online && sameAgreement(p.agreement, q.agreement);
      });
    if (same) return;
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }
}

function sameAgreement(a: PeerAgreement | undefined, b: PeerAgreement | undefined): boolean {
  return a === b || (!!a && !!b && a.agrees === b.agrees && a.toReceive === b.toReceive && a.toSend === b.toSend && a.stuck === b.stuck && a.unknown === b.unknown);
}

function describeNodes(nodes: readonly RelayNode[]): string {
  return nodes.map((node) => `${node.url} ${node.state} ${node.reason ?? ''}`).join('\n');
}
