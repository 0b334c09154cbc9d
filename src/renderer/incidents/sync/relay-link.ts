/**
 * One relay connection of an incident (see relay.ts for what travels on
 * it): Hocuspocus's own provider on its own socket, admitted with the
 * invite's key, with the relay's presence sealed (relay-presence.ts), and
 * what the relay last said, in words for people.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { REFUSAL, relayTimeIn } from '../../../shared/trust/relay-admission';
import type { SealedPresence } from './relay-presence';
import type { AdmissionKey } from './relay-seal';

/** One relay as this machine sees it. */
export interface RelayNode {
  readonly url: string;
  /** connecting: no connection yet (or it dropped); refused: the relay said no (see reason); up: admitted; synced: up, and it has sent us all it has. */
  readonly state: 'connecting' | 'refused' | 'up' | 'synced';
  /** Why the relay refused, in words for people. */
  readonly reason?: string;
}

/** A relay that went away is tried again after 1 s, then at most every this often: one restarted is back in use within it. */
const RECONNECT_MAX_MS = 4_000;

/** The reason a relay gives when it closes a connection whose room would grow past its cap (main/relay/gate.ts). */
const ROOM_FULL = 'room-full';
/** How long a full room is said after the relay last closed the connection for it (it is closed again on each reconnect). */
const ROOM_FULL_SAID_MS = 60_000;

/** What people are told when a relay refuses this machine. */
const REFUSALS: Record<string, string> = {
  [REFUSAL.notInvited]: 'it does not accept this invite',
  [REFUSAL.clock]: 'this machine’s clock is too far from the relay’s',
  [REFUSAL.replayed]: 'it saw this sign-in before; trying again',
  [REFUSAL.relayFull]: 'it holds as many incidents as it may',
  [REFUSAL.tooManyRooms]: 'this machine holds as many incidents there as one may',
  [ROOM_FULL]: 'this incident has grown past what the relay holds',
};

/** The relays' clock, as the last relay that refused a token for the time said: shared by an incident's links. */
export interface RelayClock {
  /** The relays' time less this machine's. */
  offset: number;
}

/** What a link tells the incident's relay connections (RelayLinks). */
export interface RelayLinkEvents {
  /** The connection closed: the relay may have restarted and forgotten this machine. */
  disconnected(): void;
  /** The relay has sent everything it holds. */
  synced(): void;
  /** Anything people see about this relay changed. */
  changed(): void;
}

export interface RelayLinkSetup {
  readonly url: string;
  readonly admission: AdmissionKey;
  /** What the relays hold: the outer document of envelopes. */
  readonly outer: Y.Doc;
  readonly presence: SealedPresence;
  readonly clock: RelayClock;
  readonly connect: boolean;
  readonly WebSocket?: typeof WebSocket;
}

export class RelayLink {
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly provider: HocuspocusProvider;
  /** The relay's presence is its own: the provider clears and destroys the awareness it is given. */
  private readonly awareness: Awareness;
  private synced = false;
  private refused: string | null = null;
  /** Connect again once the connection that is closing has closed (the provider ignores connect() until then). */
  private restart = false;
  private paused: boolean;
  /** When the relay last closed this connection because the room is full: said for a while, across the reconnects that follow. */
  private roomFullAt: number | null = null;

  constructor(
    private readonly setup: RelayLinkSetup,
    private readonly events: RelayLinkEvents,
  ) {
    const { url, admission, outer, clock } = setup;
    this.paused = !setup.connect;
    this.socket = new HocuspocusProviderWebsocket({
      url,
      autoConnect: setup.connect,
      maxDelay: RECONNECT_MAX_MS,
      ...(setup.WebSocket ? { WebSocketPolyfill: setup.WebSocket } : {}),
    });
    this.awareness = new Awareness(outer);
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: admission.room,
      document: outer,
      awareness: this.awareness,
      token: () => admission.token(Date.now() + clock.offset),
    });
    // The provider listens to its awareness three ways, each costly in a
    // large room: it sends every presence change on, whoever made it (each
    // one received from the relay would go straight back to it, and a room
    // of n clients would carry n² messages), and on every change it copies
    // every state it holds into events nothing here reads. Those listeners
    // are dropped (the awareness is this link's own, so every one is the
    // provider's); only this machine's own presence goes out.
    for (const event of ['update', 'change'] as const) {
      for (const listener of [...(this.awareness._observers.get(event) ?? [])]) this.awareness.off(event, listener);
    }
    this.awareness.on('update', (changes: unknown, origin: unknown) => {
      if (origin !== this.provider) this.provider.boundAwarenessUpdateHandler(changes, origin);
    });
    this.provider.attach();
    setup.presence.attach(this.awareness);
    this.listen();
  }

  get node(): RelayNode {
    const url = this.setup.url;
    if (this.roomFullAt !== null && Date.now() - this.roomFullAt < ROOM_FULL_SAID_MS) return { url, state: 'refused', reason: REFUSALS[ROOM_FULL] };
    if (this.refused !== null && !this.provider.isAuthenticated) return { url, state: 'refused', reason: REFUSALS[this.refused] ?? this.refused };
    if (this.socket.status !== WebSocketStatus.Connected || !this.provider.isAuthenticated) return { url, state: 'connecting' };
    return { url, state: this.synced ? 'synced' : 'up' };
  }

  pause(): void {
    this.paused = true;
    this.restart = false;
    this.socket.disconnect();
  }

  resume(): void {
    this.paused = false;
    this.connectAgain();
  }

  /** Closes the connection and opens a new one: the exchange a new connection starts with gives the relay what it lacks. */
  reconnect(): void {
    if (this.paused) return;
    this.socket.disconnect();
    this.connectAgain();
  }

  /** Asks the relay for the envelopes this machine lacks (it answers with them). */
  exchange(): void {
    if (this.provider.isAuthenticated) this.provider.forceSync();
  }

  destroy(): void {
    this.setup.presence.detach(this.awareness);
    this.provider.destroy();
    this.socket.destroy();
  }

  /** Connects, now if the last connection is closed, or as soon as it is. */
  private connectAgain(): void {
    this.restart = this.socket.status !== WebSocketStatus.Disconnected;
    if (!this.restart) void this.socket.connect().catch(() => {});
  }

  private listen(): void {
    const { provider, events } = this;
    provider.on('status', ({ status }: { status: WebSocketStatus }) => {
      if (status === WebSocketStatus.Disconnected) {
        this.synced = false;
        events.disconnected();
        if (this.restart && !this.paused) this.connectAgain();
      }
      events.changed();
    });
    provider.on('authenticated', () => {
      this.refused = null;
      this.setup.presence.announce(this.awareness);
      events.changed();
    });
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      const relayTime = relayTimeIn(reason);
      // Refused for the time: signed again on the relay's clock (once: a second refusal stands).
      if (relayTime !== null && this.refused !== REFUSAL.clock) {
        this.setup.clock.offset = relayTime - Date.now();
        this.refused = REFUSAL.clock;
        void provider.sendToken();
        return;
      }
      this.refused = relayTime !== null ? REFUSAL.clock : reason;
      events.changed();
    });
    provider.on('close', ({ event }: { event: { reason?: string } }) => {
      if (event.reason === ROOM_FULL) this.roomFullAt = Date.now();
      events.changed();
    });
    provider.on('synced', ({ state }: { state: boolean }) => {
      this.synced = state;
      if (state) events.synced();
      events.changed();
    });
  }
}
