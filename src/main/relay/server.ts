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
 *
 * No Electron here: it runs under plain Node (`npm run relay`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { boundPort, clientUrl, errorCode, listen, listenFailureReason } from '../net/listen';
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
  /** Unexpected errors after start-up (the server keeps running). Default: ignored. */
  onError?: (error: Error) => void;
}

export interface RelayStats {
  connections: number;
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
  readonly socket: WebSocket;
  readonly room: RelayRoom;
  alive: boolean;
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
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
    throw new RangeError(`Relay: ${String(requestedPort)} is not a port (0 to 65535).`);
  }
  const limits = withLimits(options);
  const onError = options.onError ?? (() => {});

  const connections = new Set<Connection>();
  const rooms = new Map<string, RelayRoom>();
  let closing = false;
  let closed: Promise<void> | undefined;

  const httpServer: Server = createServer(answerPlainHttp);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes, clientTracking: false });

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const name = roomOfRequest(request.url, limits.maxRoomNameLength);
    if (name === null) return refuse(socket, '400 Bad Request');
    if (closing || connections.size >= limits.maxConnections) return refuse(socket, '503 Service Unavailable');
    if (!rooms.has(name) && rooms.size >= limits.maxRooms) return refuse(socket, '503 Service Unavailable');
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws, name));
  });

  function accept(socket: WebSocket, name: string): void {
    // The handshake finished after close() began, or the room cap was reached meanwhile.
    if (closing || (!rooms.has(name) && rooms.size >= limits.maxRooms)) {
      socket.terminate();
      return;
    }
    let room = rooms.get(name);
    if (!room) rooms.set(name, (room = new RelayRoom(name)));
    const connection: Connection = { socket, room, alive: true, send: (message) => send(connection, message) };
    connections.add(connection);
    // Without a listener, a protocol error (an oversized frame, say) would be
    // thrown; ws closes the connection itself after emitting it.
    socket.on('error', () => {});
    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('close', () => forget(connection));
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!connections.has(connection)) return;
      const bytes = toBytes(data);
      if (!isBinary || room.receive(connection, bytes) === 'malformed') {
        socket.close(1007, 'not a y-websocket message');
        forget(connection);
      }
    });
    room.join(connection);
  }

  function send(connection: Connection, message: Uint8Array): void {
    const { socket } = connection;
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      // It is not reading: drop it rather than queue without bound. Its
      // 'close' event forgets it, outside whatever room event is sending.
      socket.terminate();
      return;
    }
    socket.send(message, (error) => {
      if (error) socket.terminate();
    });
  }

  function forget(connection: Connection): void {
    if (!connections.delete(connection)) return;
    const { room } = connection;
    room.leave(connection);
    if (room.size === 0) {
      rooms.delete(room.name);
      room.destroy();
    }
  }

  // One timer for all connections: one that did not answer the previous
  // ping is gone (its machine crashed, slept or lost the network).
  const heartbeat = setInterval(() => {
    for (const connection of [...connections]) {
      if (!connection.alive) {
        connection.socket.terminate();
        forget(connection);
        continue;
      }
      connection.alive = false;
      try {
        connection.socket.ping();
      } catch {
        connection.socket.terminate();
        forget(connection);
      }
    }
  }, limits.heartbeatIntervalMs);
  heartbeat.unref();

  try {
    await listen(httpServer, host, requestedPort);
  } catch (error) {
    clearInterval(heartbeat);
    wss.close();
    throw new RelayListenError(host, requestedPort, error);
  }
  httpServer.on('error', (error) => onError(error));
  httpServer.on('clientError', (_error, socket) => socket.destroy());
  const port = boundPort(httpServer, requestedPort);

  function close(): Promise<void> {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      clearInterval(heartbeat);
      for (const { socket } of connections) socket.close(1001, 'relay shutting down');
      const serverClosed = new Promise<void>((done) => httpServer.close(() => done()));
      httpServer.closeAllConnections();
      const cutOff = setTimeout(() => {
        for (const { socket } of connections) socket.terminate();
      }, limits.closeGraceMs);
      cutOff.unref();
      void serverClosed.then(() => {
        clearTimeout(cutOff);
        for (const connection of [...connections]) forget(connection);
        wss.close();
        resolve();
      });
    });
    return closed;
  }

  return {
    port,
    host,
    url: clientUrl(host, port),
    close,
    stats: () => ({ connections: connections.size, rooms: rooms.size }),
  };
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** A plain HTTP request (a browser, a health check): say what this is. */
function answerPlainHttp(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end('Command Post relay (y-websocket protocol over WebSocket)\n');
}

function toBytes(data: RawData): Uint8Array {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function withLimits(options: RelayServerOptions): RelayLimits {
  const limits: RelayLimits = { ...RELAY_LIMITS };
  for (const key of Object.keys(RELAY_LIMITS) as (keyof RelayLimits)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`Relay: ${key} must be a positive number.`);
    limits[key] = value;
  }
  return limits;
}
