/**
 * The relay: a y-websocket server, for a response with more participants
 * than a WebRTC mesh holds (each peer there keeps a connection to every
 * other, which stops scaling at about 20 to 30). Every participant keeps one
 * WebSocket to the relay instead, and the relay passes each change on.
 *
 * It speaks the standard y-websocket protocol (see room.ts), so the
 * `y-websocket` client, or any other standard one, works with it. The room
 * is the URL's path (`ws://host:4455/<room>`); Command Post derives it from
 * the share's secret, so only invitees can find it. The relay reads what it
 * carries: y-websocket has no end-to-end encryption.
 *
 * What it keeps: each room's document and presence, in memory, while at
 * least one client is connected to it. When the last one leaves, the room is
 * forgotten. Nothing is written to disk; every command post keeps its own
 * copy of the incident, and the first one back fills the room again.
 *
 * Limits bound what one connection can cost: a frame larger than
 * maxPayloadBytes closes that connection (1009), a message that cannot be
 * decoded closes it (1007), a receiver that does not read is dropped once
 * maxBufferedBytes are queued for it, a connection that misses a WebSocket
 * ping for heartbeatIntervalMs is closed, and connections, rooms and room
 * names are capped (beyond them, the upgrade is refused with an HTTP status).
 * As for signaling, the host (../net/websocket-host.ts) refuses web pages
 * other than the app's own (403: the relay's clients are the same renderer,
 * and any other page could fill its rooms) and caps what one client (remote
 * address) holds (429).
 *
 * No Electron here: it runs under plain Node (`npm run relay`).
 */
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { OWN_ORIGINS } from '../net/allowed-origins';
import { withLimits } from '../net/limits';
import { clientUrl, errorCode, listenFailureReason, requirePort } from '../net/listen';
import { messageBuffer, WebSocketHost } from '../net/websocket-host';
import { RelayRoom, type RoomMember } from './room';

/** Next to signaling's 4444; nothing else conventionally uses it. */
export const DEFAULT_RELAY_PORT = 4455;
export const LOOPBACK_HOST = '127.0.0.1';

export const RELAY_LIMITS = {
  /** A new member's first sync carries the whole incident: as large as the largest incident file Command Post imports. */
  maxPayloadBytes: 64 * 1024 * 1024,
  /** Queued for one receiver before it is considered stuck and dropped (room for one full incident and more). */
  maxBufferedBytes: 128 * 1024 * 1024,
  maxConnections: 1024,
  /** An eighth of maxConnections, as for signaling: one client cannot take every place. */
  maxConnectionsPerClient: 128,
  /** A socket that sends nothing this long before it is a WebSocket is closed. */
  requestIdleMs: 10_000,
  maxRooms: 256,
  maxRoomNameLength: 256,
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
  /** Web pages that may connect (see ../net/allowed-origins.ts). Default: the app's own. */
  allowedOrigins?: readonly string[];
  /** Unexpected errors after start-up (the server keeps running). Default: ignored. */
  onError?: (error: Error) => void;
}

export interface RelayStats {
  connections: number;
  /** Remote addresses with a socket open (WebSocket or not yet). */
  clients: number;
  /** Rooms with at least one client. */
  rooms: number;
}

export interface RelayServer {
  readonly port: number;
  readonly host: string;
  /** The URL a client on this machine connects to (loopback when bound to every interface). */
  readonly url: string;
  /** Closes every connection, forgets every room and stops listening. Safe to call more than once. */
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

interface Connection extends RoomMember {
  readonly room: RelayRoom;
}

/** The room a request asks for: its path without the leading slash and the query, or null when there is none. */
export function roomOfRequest(url: string | undefined, maxLength: number): string | null {
  const path = (url ?? '').split('?')[0]!.replace(/^\/+/, '');
  let name: string;
  try {
    name = decodeURIComponent(path);
  } catch {
    return null;
  }
  return name.length > 0 && name.length <= maxLength ? name : null;
}

export async function startRelayServer(options: RelayServerOptions = {}): Promise<RelayServer> {
  const host = options.host ?? LOOPBACK_HOST;
  const requestedPort = options.port ?? DEFAULT_RELAY_PORT;
  requirePort(requestedPort, 'Relay');
  const limits: RelayLimits = withLimits(RELAY_LIMITS, options, 'Relay');

  const rooms = new Map<string, RelayRoom>();
  const sockets: WebSocketHost<Connection> = new WebSocketHost<Connection>({
    ...limits,
    allowedOrigins: options.allowedOrigins ?? OWN_ORIGINS,
    plainAnswer: 'Command Post relay (y-websocket protocol over WebSocket)',
    shutdownReason: 'relay shutting down',
    onError: options.onError ?? (() => {}),
    refusal(request) {
      const name = roomOfRequest(request.url, limits.maxRoomNameLength);
      if (name === null) return '400 Bad Request';
      return roomCapReached(name) ? '503 Service Unavailable' : undefined;
    },
    open: join,
    gone: leave,
  });

  function roomCapReached(name: string): boolean {
    return !rooms.has(name) && rooms.size >= limits.maxRooms;
  }

  function join(socket: WebSocket, request: IncomingMessage): Connection | undefined {
    const name = roomOfRequest(request.url, limits.maxRoomNameLength);
    // The room cap may have been reached while this one shook hands.
    if (name === null || roomCapReached(name)) return undefined;
    let room = rooms.get(name);
    if (!room) rooms.set(name, (room = new RelayRoom(name)));
    const connection: Connection = { room, send: (message) => sockets.send(socket, message) };
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!sockets.has(socket)) return;
      if (!isBinary || room.receive(connection, toBytes(data)) === 'malformed') {
        socket.close(1007, 'not a y-websocket message');
        sockets.release(socket);
      }
    });
    room.join(connection);
    return connection;
  }

  function leave(connection: Connection): void {
    const { room } = connection;
    room.leave(connection);
    if (room.size === 0) {
      rooms.delete(room.name);
      room.destroy();
    }
  }

  try {
    await sockets.listen(host, requestedPort);
  } catch (error) {
    throw new RelayListenError(host, requestedPort, error);
  }
  const port = sockets.port;

  return {
    port,
    host,
    url: clientUrl(host, port),
    close: () => sockets.close(),
    stats: () => ({ connections: sockets.size, clients: sockets.clientCount, rooms: rooms.size }),
  };
}

function toBytes(data: RawData): Uint8Array {
  const buffer = messageBuffer(data);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
