/**
 * A signaling server that speaks y-webrtc's protocol, so that command posts on
 * the same network can find each other with no central service: any one of
 * them (or `npm run signal` on any machine) introduces peers, who then talk
 * to each other directly over WebRTC.
 *
 * The protocol is y-webrtc's (node_modules/y-webrtc/bin/server.js), as JSON
 * text frames over a WebSocket:
 *
 *   {type:'subscribe', topics:[...]}     join topics (y-webrtc: room names)
 *   {type:'unsubscribe', topics:[...]}   leave them
 *   {type:'publish', topic, ...}         sent to every connection subscribed
 *                                        to the topic, the sender included
 *                                        when it is subscribed (y-webrtc
 *                                        clients ignore their own messages),
 *                                        with `clients` set to the number of
 *                                        receivers, as the reference does
 *   {type:'ping'}                        answered with {type:'pong'}
 *
 * The server never reads what is published: y-webrtc puts SDP offers and
 * answers there, encrypted when the room has a password. It only needs to
 * survive whatever anyone on the network sends it, so anything that is not a
 * well-formed message is dropped silently, and the limits below bound what a
 * single connection can cost: a frame larger than maxPayloadBytes closes that
 * connection (1009), a connection holds at most maxTopicsPerConnection topics,
 * topic names are at most maxTopicLength characters, a receiver that does not
 * read its messages is dropped once maxBufferedBytes are queued for it, and a
 * connection that does not answer a WebSocket ping within
 * heartbeatIntervalMs is closed.
 *
 * This module runs in Electron's main process and under plain Node
 * (`npm run signal`), so it imports nothing from Electron.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { boundPort, clientUrl, errorCode, listen, listenFailureReason } from '../net/listen';
import { DEFAULT_SIGNALING_PORT } from '../../shared/sync/own-signaling';

/** y-webrtc's conventional signaling port (shared with the renderer, which offers it in invites). */
export { DEFAULT_SIGNALING_PORT };
/** Only this machine can connect. The default. */
export const LOOPBACK_HOST = '127.0.0.1';
/** Every IPv4 interface: other machines on the network can connect. */
export const LAN_HOST = '0.0.0.0';

export const SIGNALING_LIMITS = {
  /** Signaling carries SDP and small encrypted payloads, never documents. */
  maxPayloadBytes: 1024 * 1024,
  maxTopicsPerConnection: 64,
  maxTopicLength: 512,
  maxConnections: 512,
  /** Queued for one receiver before it is considered stuck and dropped. */
  maxBufferedBytes: 8 * 1024 * 1024,
  /** A connection that misses a ping for this long is closed (as y-webrtc's server does). */
  heartbeatIntervalMs: 30_000,
  /** How long close() lets clients finish the closing handshake before cutting them off. */
  closeGraceMs: 1_000,
} as const;

/**
 * Where to listen, given the user's choice. Listening on the LAN opens a port
 * to every machine on the network, so it is never the default: the caller
 * must ask for it.
 */
export function signalingBindAddress(settings: { exposeOnLan: boolean }): string {
  return settings.exposeOnLan ? LAN_HOST : LOOPBACK_HOST;
}

export interface SignalingServerOptions {
  /** Default 127.0.0.1 (this machine only); see signalingBindAddress. */
  host?: string;
  /** Default DEFAULT_SIGNALING_PORT; 0 picks a free port. */
  port?: number;
  maxPayloadBytes?: number;
  maxTopicsPerConnection?: number;
  maxTopicLength?: number;
  maxConnections?: number;
  maxBufferedBytes?: number;
  heartbeatIntervalMs?: number;
  closeGraceMs?: number;
  /** Unexpected errors after start-up (the server keeps running). Default: ignored. */
  onError?: (error: Error) => void;
}

export interface SignalingStats {
  /** Open WebSocket connections. */
  connections: number;
  /** Topics with at least one subscriber. */
  topics: number;
}

export interface SignalingServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** The address bound. */
  readonly host: string;
  /** The URL a client on this machine connects to (loopback when bound to every interface). */
  readonly url: string;
  /** Closes every connection and stops listening. Safe to call more than once. */
  close(): Promise<void>;
  stats(): SignalingStats;
}

/** Thrown by startSignalingServer when it cannot listen (port taken, address not on this machine...). */
export class SignalingListenError extends Error {
  readonly code: string | undefined;
  constructor(host: string, port: number, cause: unknown) {
    const reason = listenFailureReason(host, port, cause, 'another command post or signaling server');
    super(`Signaling server could not listen on ${host}:${port}: ${reason}.`, { cause });
    this.name = 'SignalingListenError';
    this.code = errorCode(cause);
  }
}

interface Connection {
  readonly socket: WebSocket;
  readonly topics: Set<string>;
  /** Answered the last heartbeat ping. */
  alive: boolean;
}

type Message = Record<string, unknown>;

export async function startSignalingServer(options: SignalingServerOptions = {}): Promise<SignalingServer> {
  const host = options.host ?? LOOPBACK_HOST;
  const requestedPort = options.port ?? DEFAULT_SIGNALING_PORT;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
    throw new RangeError(`Signaling server: ${String(requestedPort)} is not a port (0 to 65535).`);
  }
  const limits = { ...SIGNALING_LIMITS, ...definedOnly(options) };
  const onError = options.onError ?? (() => {});

  const connections = new Map<WebSocket, Connection>();
  const subscribers = new Map<string, Set<Connection>>();
  let closing = false;
  let closed: Promise<void> | undefined;

  const httpServer: Server = createServer(answerPlainHttp);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes, clientTracking: false });

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (closing || connections.size >= limits.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws));
  });

  function accept(socket: WebSocket): void {
    if (closing) {
      // The handshake finished after close() began.
      socket.terminate();
      return;
    }
    const connection: Connection = { socket, topics: new Set(), alive: true };
    connections.set(socket, connection);
    // Without a listener, a protocol error (an oversized frame, say) would be
    // thrown; ws closes the connection itself after emitting it.
    socket.on('error', () => {});
    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('close', () => forget(connection));
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      const message = parseMessage(data);
      if (message) handle(connection, message);
    });
  }

  function handle(connection: Connection, message: Message): void {
    switch (message['type']) {
      case 'subscribe':
        if (Array.isArray(message['topics'])) subscribe(connection, message['topics']);
        break;
      case 'unsubscribe':
        if (Array.isArray(message['topics'])) unsubscribe(connection, message['topics']);
        break;
      case 'publish':
        if (isTopic(message['topic'])) publish(message['topic'], message);
        break;
      case 'ping':
        send(connection, JSON.stringify({ type: 'pong' }));
        break;
    }
  }

  function isTopic(value: unknown): value is string {
    return typeof value === 'string' && value.length > 0 && value.length <= limits.maxTopicLength;
  }

  function subscribe(connection: Connection, topics: unknown[]): void {
    for (const topic of topics) {
      if (!isTopic(topic) || connection.topics.has(topic)) continue;
      if (connection.topics.size >= limits.maxTopicsPerConnection) break;
      connection.topics.add(topic);
      let set = subscribers.get(topic);
      if (!set) subscribers.set(topic, (set = new Set()));
      set.add(connection);
    }
  }

  function unsubscribe(connection: Connection, topics: unknown[]): void {
    for (const topic of topics) {
      if (typeof topic !== 'string' || !connection.topics.delete(topic)) continue;
      leave(connection, topic);
    }
  }

  function leave(connection: Connection, topic: string): void {
    const set = subscribers.get(topic);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) subscribers.delete(topic);
  }

  function publish(topic: string, message: Message): void {
    const receivers = subscribers.get(topic);
    if (!receivers) return;
    // Forwarded as received, plus the receiver count y-webrtc's own server adds.
    const text = JSON.stringify({ ...message, clients: receivers.size });
    for (const receiver of [...receivers]) send(receiver, text);
  }

  function send(connection: Connection, text: string): void {
    const { socket } = connection;
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      // It is not reading: drop it rather than queue without bound.
      socket.terminate();
      return;
    }
    socket.send(text, (error) => {
      if (error) socket.terminate();
    });
  }

  function forget(connection: Connection): void {
    if (!connections.delete(connection.socket)) return;
    for (const topic of connection.topics) leave(connection, topic);
    connection.topics.clear();
  }

  // One timer for all connections: a connection that did not answer the
  // previous ping is gone (its peer crashed, slept or lost the network).
  const heartbeat = setInterval(() => {
    for (const connection of connections.values()) {
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
    throw new SignalingListenError(host, requestedPort, error);
  }
  httpServer.on('error', (error) => onError(error));
  httpServer.on('clientError', (_error, socket) => socket.destroy());

  const port = boundPort(httpServer, requestedPort);

  function close(): Promise<void> {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      clearInterval(heartbeat);
      for (const { socket } of connections.values()) socket.close(1001, 'signaling server shutting down');
      const serverClosed = new Promise<void>((done) => httpServer.close(() => done()));
      // Plain HTTP keep-alive connections; upgraded ones are closed above.
      httpServer.closeAllConnections();
      const cutOff = setTimeout(() => {
        for (const { socket } of connections.values()) socket.terminate();
      }, limits.closeGraceMs);
      cutOff.unref();
      void serverClosed.then(() => {
        clearTimeout(cutOff);
        // Every socket is gone; ws may report it a tick later, so forget them now.
        for (const connection of [...connections.values()]) forget(connection);
        wss.close();
        resolve();
      });
    });
    return closed;
  }

  return {
    port,
    host,
    url: signalingClientUrl(host, port),
    close,
    stats: () => ({ connections: connections.size, topics: subscribers.size }),
  };
}

/** A plain HTTP request (a browser, a health check): say what this is. */
function answerPlainHttp(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end('Command Post signaling server (y-webrtc protocol over WebSocket)\n');
}

function parseMessage(data: RawData): Message | undefined {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  let value: unknown;
  try {
    value = JSON.parse(buffer.toString('utf8'));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Message) : undefined;
}

/** The URL a client on this machine uses to reach a server bound to host:port (loopback for every-interface binds). */
export function signalingClientUrl(host: string, port: number): string {
  return clientUrl(host, port);
}

function definedOnly(options: SignalingServerOptions): Partial<Record<keyof typeof SIGNALING_LIMITS, number>> {
  const result: Partial<Record<keyof typeof SIGNALING_LIMITS, number>> = {};
  for (const key of Object.keys(SIGNALING_LIMITS) as (keyof typeof SIGNALING_LIMITS)[]) {
    const value = options[key];
    if (value !== undefined) {
      if (!Number.isFinite(value) || value <= 0) throw new RangeError(`Signaling server: ${key} must be a positive number.`);
      result[key] = value;
    }
  }
  return result;
}
