/**
 * An incident's WebRTC mesh, through y-webrtc, with the lifecycle kept here.
 *
 * y-webrtc leaves things behind (its open issue #24 and issue 13 here): its
 * destroy() keeps the provider on the shared signaling connection, which
 * then stays open and keeps redialling for the rest of the session, and a
 * left room still took new connections from it, so a paused machine
 * connected, half-synced, and never sent its own changes. patches/ stops a
 * left room from announcing itself or taking connections; this class does
 * the rest:
 *
 * - close() disconnects before destroying, so the signaling connections go
 *   with the provider, and open() makes a fresh provider (a new peer id):
 *   every connection after a pause or a reconnect is new, and a new
 *   connection always starts with a full exchange (each side sends its state
 *   vector on connect, the other answers with what it lacks).
 * - A connection counts as live only while its peer is heard from (presence
 *   beats every PRESENCE_BEAT_MS); one silent for DEAD_MS is closed, so a
 *   peer whose machine was killed is not counted, and y-webrtc announces us
 *   again to build a fresh one if the peer is still there.
 * - exchange() sends our state vector on every connection, so each peer
 *   answers with what we lack: the heal when digests disagree.
 * - A signaling server that cannot be reached is redialled with a backoff
 *   (signaling-pacer.ts), not every 2.5 s for the life of the page.
 */
import { SignalingConn, WebrtcProvider } from 'y-webrtc';
import type { Awareness } from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { isUnreachable, paceReconnects } from './signaling-pacer';
import type { MessageGuard } from './chunked-peer';

/** How often every machine renews its presence (carrying its clock and its digest). */
export const PRESENCE_BEAT_MS = 2_000;
/** A connection heard from within this is live (a beat can be late on a busy machine). */
export const LIVE_MS = 3 * PRESENCE_BEAT_MS;
/** A connection silent this long is dead: it is closed. */
export const DEAD_MS = 12_000;
/** A connection that has not opened by then never will (a peer that vanished mid-offer). */
const CONNECT_TIMEOUT_MS = 20_000;
/** y-webrtc's message type for sync messages. */
const MESSAGE_SYNC = 0;

export interface WebrtcLinkOptions {
  readonly room: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly password: string;
  readonly signaling: readonly string[];
  readonly iceServers: readonly RTCIceServer[];
  /** Connections, signaling or readiness changed. */
  readonly onChange: () => void;
  /** A new provider's room is open (its key derived): presence must be set again. */
  readonly onOpen: () => void;
  /**
   * The connection to this peer (its y-webrtc peer id) closed. A peer that
   * pauses or leaves says goodbye in its presence, but it closes its
   * connections in the same breath and the goodbye is lost with them; this
   * is how the others learn it left.
   */
  readonly onPeerLeft?: (peerId: string) => void;
  readonly now: () => number;
  /** Checks every message both ways on a signed incident (see chunked-peer.ts); none on an unsigned one. */
  readonly guard?: MessageGuard | null;
}

/** What y-webrtc keeps of one peer connection. */
interface Conn {
  readonly connected: boolean;
  readonly peer: { on(event: 'data', listener: (data: Uint8Array) => void): void; send(data: Uint8Array): void };
  destroy(): void;
}

export class WebrtcLink {
  private provider: WebrtcProvider | null = null;
  private signaling: string[];
  /** When each connection was made, and when its peer was last heard from. */
  private readonly heard = new WeakMap<Conn, { born: number; last: number | null }>();

  constructor(private readonly options: WebrtcLinkOptions) {
    this.signaling = [...options.signaling];
  }

  get isOpen(): boolean {
    return this.provider !== null;
  }

  /** This machine's id in the room (new with every provider); null until the room is open. */
  get peerId(): string | null {
    return this.provider?.room?.peerId ?? null;
  }

  /** Joins the room with a fresh provider (no-op when open). */
  open(): void {
    if (this.provider) return;
    const provider = new WebrtcProvider(this.options.room, this.options.doc, {
      // Never y-webrtc's default public servers: only the ones in the share.
      signaling: [...this.signaling],
      password: this.options.password,
      awareness: this.options.awareness,
      peerOpts: { config: { iceServers: this.options.iceServers.map((s) => ({ ...s })) }, guard: this.options.guard ?? null },
    });
    this.provider = provider;
    for (const conn of provider.signalingConns) pace(conn);
    provider.on('peers', ({ removed }: { removed: string[] }) => {
      // Our own leaving closes every connection: that says nothing about the peers.
      if (this.provider === provider) for (const peerId of removed) this.options.onPeerLeft?.(peerId);
      this.options.onChange();
    });
    provider.on('status', () => this.options.onChange());
    void provider.key.then(() => {
      if (this.provider === provider) this.options.onOpen();
    });
    this.options.onChange();
  }

  /** Leaves the room, closing every connection it made, signaling included. */
  close(): void {
    const provider = this.provider;
    if (!provider) return;
    this.provider = null;
    // disconnect() first: destroy() alone leaves the provider on its signaling connections.
    provider.disconnect();
    provider.destroy();
    this.options.onChange();
  }

  /** A fresh provider and fresh connections (the last step of healing, and "Reconnect"). */
  restart(): void {
    this.close();
    this.open();
  }

  /**
   * Adds signaling servers without dropping a peer: a new SignalingConn
   * subscribes to our room and announces us as soon as it connects.
   */
  addSignaling(urls: readonly string[]): void {
    const fresh = urls.filter((url) => !this.signaling.includes(url));
    this.signaling.push(...fresh);
    const provider = this.provider;
    if (!provider) return;
    for (const url of fresh) {
      const conn = new SignalingConn(url);
      conn.providers.add(provider);
      provider.signalingConns.push(conn);
      provider.signalingUrls.push(url);
      pace(conn);
    }
    this.options.onChange();
  }

  /** Signaling servers reached now, of those listed (none while closed), and those that could not be reached (being retried). */
  signalingState(): { up: number; total: number; unreachable: string[] } {
    const conns = this.provider?.signalingConns ?? [];
    return {
      up: conns.filter((c) => c.connected).length,
      total: this.provider ? conns.length : this.signaling.length,
      unreachable: conns.filter(isUnreachable).map((c) => c.url),
    };
  }

  /** Connections open and heard from within LIVE_MS. */
  liveConnections(): number {
    const now = this.options.now();
    return this.connections().filter((conn) => conn.connected && now - (this.heard.get(conn)?.last ?? -Infinity) <= LIVE_MS).length;
  }

  /** Asks every peer for what this machine lacks (they answer with it). */
  exchange(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.options.doc);
    const message = encoding.toUint8Array(encoder);
    for (const conn of this.connections()) {
      if (!conn.connected) continue;
      try {
        conn.peer.send(message);
      } catch {
        // A channel closing under us: the sweep or y-webrtc removes it.
      }
    }
  }

  /** Closes connections whose peer went silent, or that never opened. */
  sweep(): void {
    const now = this.options.now();
    for (const conn of this.connections()) {
      const heard = this.heard.get(conn)!;
      const silentFor = now - (heard.last ?? heard.born);
      if ((conn.connected && silentFor > DEAD_MS) || (!conn.connected && now - heard.born > CONNECT_TIMEOUT_MS)) conn.destroy();
    }
  }

  /** The room's connections, each watched from the first time it is seen. */
  private connections(): Conn[] {
    const room = this.provider?.room;
    if (!room) return [];
    const conns = [...room.webrtcConns.values()] as unknown as Conn[];
    for (const conn of conns) this.watch(conn);
    return conns;
  }

  private watch(conn: Conn): void {
    if (this.heard.has(conn)) return;
    const heard: { born: number; last: number | null } = { born: this.options.now(), last: null };
    this.heard.set(conn, heard);
    conn.peer.on('data', () => {
      const first = heard.last === null;
      heard.last = this.options.now();
      if (first) this.options.onChange();
    });
  }
}

/** y-webrtc shares a signaling connection among providers and destroys it when the last one leaves: redial it until then. */
function pace(conn: SignalingConn): void {
  paceReconnects(conn, () => conn.providers.size > 0);
}
