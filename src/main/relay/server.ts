/**
 * The relay: Hocuspocus (a maintained Yjs server) behind Command Post's
 * WebSocket host, for a response with more participants than a WebRTC mesh
 * holds (each peer there keeps a connection to every other, which stops
 * scaling at about 20 to 30). Every participant keeps one WebSocket to a
 * relay instead, and the relay passes each change on.
 *
 * What it carries is never the incident in clear. Each room holds an outer
 * document of sealed envelopes (AES-GCM, keyed from the invite's secret; see
 * renderer/incidents/sync/relay.ts), and the presence in it is sealed the
 * same way. The relay merges, stores and forwards ciphertext.
 *
 * Who may enter a room: only a client that proves it holds the invite
 * (../../shared/trust/relay-admission.ts: the room's name is a public key,
 * and the client signs the relay's time with the private half). A room
 * therefore cannot be read, or written, by anyone who only knows its name.
 *
 * What it keeps: every room, in a database (room-store.ts: SQLite by
 * default, PostgreSQL for a cluster), so a newcomer gets the incident while
 * every command post is offline, also after a restart. With `redis`, several
 * nodes serve the same rooms: Hocuspocus's Redis extension passes every
 * change and every presence update between them.
 *
 * What one client can cost is bounded at three levels: the host's caps
 * (../net/websocket-host.ts: payload size, connections per address, stuck
 * receivers, silence), the gate's (gate.ts: message rate, rooms per
 * connection, anything before admission), and here: rooms per node, rooms
 * per client address, and each room's size.
 *
 * No Electron here: it runs under plain Node (`npm run relay`).
 */
import type { IncomingMessage } from 'node:http';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Hocuspocus, type Extension, type onAuthenticatePayload } from '@hocuspocus/server';
import IORedis from 'ioredis';
import { admissionRefusal, NonceLedger, REFUSAL } from '../../shared/trust/relay-admission';
import { OWN_ORIGINS } from '../net/allowed-origins';
import { withLimits } from '../net/limits';
import { clientUrl, errorCode, listenFailureReason, requirePort } from '../net/listen';
import { WebSocketHost } from '../net/websocket-host';
import { GatedSocket } from './gate';
import { openRoomStore, type RoomStore } from './room-store';

/** Next to signaling's 4444; nothing else conventionally uses it. */
export const DEFAULT_RELAY_PORT = 4455;
export const LOOPBACK_HOST = '127.0.0.1';

export const RELAY_LIMITS = {
  /** A newcomer's first sync carries the whole (sealed) incident: as large as the largest incident file Command Post imports. */
  maxPayloadBytes: 64 * 1024 * 1024,
  /** Queued for one receiver before it is considered stuck and dropped (room for one full incident and more). */
  maxBufferedBytes: 128 * 1024 * 1024,
  maxConnections: 1024,
  /** An eighth of maxConnections, as for signaling: one client cannot take every place. */
  maxConnectionsPerClient: 128,
  /** A socket that sends nothing this long before it is a WebSocket is closed. */
  requestIdleMs: 10_000,
  /** Rooms open on this node at once. */
  maxRooms: 256,
  /** Rooms one client address may hold open at once: well below maxRooms. */
  maxRoomsPerClient: 32,
  /** A command post uses one connection per incident; a few more leave room for other clients. */
  maxRoomsPerConnection: 4,
  /** What one room may grow to, in bytes of messages taken since it was last written (about twice the largest incident file). */
  maxRoomBytes: 160 * 1024 * 1024,
  /** A member's changes are batched (40 ms); presence is a few a minute. Sustained past this, a client is closed. */
  messagesPerSecond: 100,
  /** Bursts taken at once: a newcomer's first sync, a fold. */
  messageBurst: 500,
  maxQueuedBeforeAdmission: 16,
  /** A connection that misses a ping for this long is closed. */
  heartbeatIntervalMs: 30_000,
  /** How long close() lets clients finish the closing handshake before cutting them off. */
  closeGraceMs: 1_000,
} as const;

export type RelayLimits = { -readonly [K in keyof typeof RELAY_LIMITS]: number };

export interface RelayServerOptions extends Partial<RelayLimits> {
  /** Default 127.0.0.1 (this machine only). */
  host?: string;
  /** Default DEFAULT_RELAY_PORT; 0 picks a free port. */
  port?: number;
  /** Where rooms are kept (room-store.ts). */
  store: RoomStore;
  /** A Redis URL (redis://host:port) shared by every node of a cluster; none for a single relay. */
  redis?: string;
  /** Web pages that may connect (see ../net/allowed-origins.ts). Default: the app's own. */
  allowedOrigins?: readonly string[];
  /** How long a room waits after a change before it is written (Hocuspocus's debounce; tests pass less). */
  storeAfterMs?: number;
  /** Unexpected errors after start-up (the server keeps running). Default: ignored. */
  onError?: (error: Error) => void;
  /** The relay's clock, against which admission tokens are checked (tests pass one that is off). Default: Date.now. */
  now?: () => number;
}

export interface RelayStats {
  connections: number;
  /** Remote addresses with a socket open (WebSocket or not yet). */
  clients: number;
  /** Rooms open on this node (with a client, or still being written). */
  rooms: number;
}

export interface RelayServer {
  readonly port: number;
  readonly host: string;
  /** The URL a client on this machine connects to (loopback when bound to every interface). */
  readonly url: string;
  /** Writes every open room, closes every connection and stops listening. Safe to call more than once. */
  close(): Promise<void>;
  stats(): RelayStats;
}

export class RelayListenError extends Error {
  readonly code: string | undefined;
  constructor(host: string, port: number, cause: unknown) {
    super(`Relay could not listen on ${host}:${port}: ${listenFailureReason(host, port, cause, 'another relay')}.`, { cause });
    this.name = 'RelayListenError';
    this.code = errorCode(cause);
  }
}

/** What each connection carries into Hocuspocus's hooks. */
interface ConnectionContext {
  readonly gate: GatedSocket;
  readonly client: string;
}

export async function startRelayServer(options: RelayServerOptions): Promise<RelayServer> {
  const host = options.host ?? LOOPBACK_HOST;
  const requestedPort = options.port ?? DEFAULT_RELAY_PORT;
  requirePort(requestedPort, 'Relay');
  const limits: RelayLimits = withLimits(RELAY_LIMITS, options, 'Relay');
  const onError = options.onError ?? (() => {});
  const ledger = new NonceLedger();
  const now = options.now ?? Date.now;
  /** Rooms each client address holds, and connections holding each (client, room). */
  const held = new Map<string, Map<string, number>>();
  const sizes = new RoomSizes(limits.maxRoomBytes);

  const admission: Extension = {
    async onAuthenticate(payload: onAuthenticatePayload) {
      const { documentName: room, token, instance } = payload;
      const context = payload.context as ConnectionContext;
      const refusal = await admissionRefusal(room, token, now(), ledger);
      if (refusal) throw { reason: refusal };
      const rooms = held.get(context.client);
      if (!rooms?.has(room) && (rooms?.size ?? 0) >= limits.maxRoomsPerClient) throw { reason: REFUSAL.tooManyRooms };
      if (!instance.documents.has(room) && !instance.loadingDocuments.has(room) && instance.getDocumentsCount() >= limits.maxRooms) throw { reason: REFUSAL.relayFull };
      hold(context.client, room, +1);
      context.gate.admit(room);
    },
    async onDisconnect({ documentName, context }) {
      hold((context as ConnectionContext).client, documentName, -1);
    },
    async afterUnloadDocument({ documentName }) {
      sizes.forget(documentName);
    },
  };

  function hold(client: string, room: string, change: number): void {
    const rooms = held.get(client) ?? new Map<string, number>();
    const count = (rooms.get(room) ?? 0) + change;
    if (count > 0) rooms.set(room, count);
    else rooms.delete(room);
    if (rooms.size) held.set(client, rooms);
    else held.delete(client);
  }

  const extensions: Extension[] = [
    admission,
    new Database({
      // The bytes read and written are the room's size as the cap counts it: no second encoding of the room.
      fetch: async ({ documentName }) => {
        const state = await options.store.fetch(documentName);
        sizes.written(documentName, state?.byteLength ?? 0);
        return state;
      },
      store: async ({ documentName, state }) => {
        await options.store.store(documentName, state);
        sizes.written(documentName, state.byteLength);
      },
    }),
  ];
  if (options.redis) {
    const url = options.redis;
    extensions.push(new Redis({ createClient: () => new IORedis(url, { maxRetriesPerRequest: null }) }));
  }

  const hocuspocus = new Hocuspocus({
    quiet: true,
    extensions,
    debounce: options.storeAfterMs ?? 2_000,
    maxDebounce: Math.max(options.storeAfterMs ?? 2_000, 10_000),
    // Its own ping; the host's heartbeat does the same job, so this one only backs it up.
    timeout: limits.heartbeatIntervalMs,
  });

  const sockets: WebSocketHost<ConnectionContext> = new WebSocketHost<ConnectionContext>({
    ...limits,
    allowedOrigins: options.allowedOrigins ?? OWN_ORIGINS,
    plainAnswer: 'Command Post relay (Hocuspocus over WebSocket)',
    shutdownReason: 'relay shutting down',
    onError,
    open(socket, request: IncomingMessage, client) {
      const gate = new GatedSocket(socket, limits, (data) => sockets.send(socket, data), (room, bytes) => sizes.take(room, bytes));
      const context: ConnectionContext = { gate, client };
      hocuspocus.handleConnection(gate as never, request, context);
      return context;
    },
    gone: () => {},
  });

  try {
    await sockets.listen(host, requestedPort);
  } catch (error) {
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(() => {});
    throw new RelayListenError(host, requestedPort, error);
  }
  const port = sockets.port;
  let closed: Promise<void> | undefined;

  return {
    port,
    host,
    url: clientUrl(host, port),
    close: () =>
      (closed ??= (async () => {
        await sockets.close();
        // Every socket is closed; Hocuspocus may hear of it a moment later.
        hocuspocus.closeConnections();
        await unloadEveryRoom(hocuspocus, onError);
        await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(onError);
      })()),
    stats: () => ({ connections: sockets.size, clients: sockets.clientCount, rooms: hocuspocus.getDocumentsCount() }),
  };
}

/** How long a stop waits for rooms to be written and unloaded (the Redis extension holds each back 1 s). */
const UNLOAD_ON_CLOSE_MS = 5_000;

/**
 * Writes every room still waiting to be written (nothing taken is lost to a
 * stop) and unloads every room, before the extensions are destroyed: a room
 * unloaded after them would unsubscribe from a Redis connection already
 * closed. A room being written cannot be unloaded yet, so this goes round
 * until none is left, or the time is up.
 */
async function unloadEveryRoom(hocuspocus: Hocuspocus, onError: (error: Error) => void): Promise<void> {
  const deadline = Date.now() + UNLOAD_ON_CLOSE_MS;
  while (hocuspocus.documents.size && Date.now() < deadline) {
    for (const document of [...hocuspocus.documents.values()]) {
      const pending = `onStoreDocument-${document.name}`;
      if (hocuspocus.debouncer.isDebounced(pending)) await Promise.resolve(hocuspocus.debouncer.executeNow(pending)).catch(onError);
    }
    await Promise.allSettled([...hocuspocus.documents.values()].map((document) => hocuspocus.unloadDocument(document)));
    await Promise.allSettled([...hocuspocus.unloadingDocuments.values()]);
    if (hocuspocus.documents.size) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What `npm run relay` starts: a relay whose store is opened from `database` (room-store.ts) and closed with it. */
export interface RelayNodeOptions extends Omit<RelayServerOptions, 'store'> {
  database: string;
}

export async function startRelayNode(options: RelayNodeOptions): Promise<RelayServer & { readonly database: string }> {
  const store = await openRoomStore(options.database);
  let server: RelayServer;
  try {
    server = await startRelayServer({ ...options, store });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    ...server,
    database: store.description,
    close: () => server.close().finally(() => store.close()),
  };
}

/**
 * How much each open room has taken since it was loaded or last written:
 * its stored size then, plus every message since. Folding (the members'
 * compaction) shrinks what is written, so a room in use stays far below the
 * cap; one that only grows is refused before it takes the node's memory.
 */
class RoomSizes {
  private readonly bytes = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** The room as it was just read or written: Yjs's encoding of it, what a newcomer downloads. */
  written(room: string, bytes: number): void {
    this.bytes.set(room, bytes);
  }

  forget(room: string): void {
    this.bytes.delete(room);
  }

  take(room: string, bytes: number): boolean {
    const now = (this.bytes.get(room) ?? 0) + bytes;
    if (now > this.max) return false;
    this.bytes.set(room, now);
    return true;
  }
}
