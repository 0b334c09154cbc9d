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
import type { RawData, WebSocket } from 'ws';
import { withLimits } from '../net/limits';
import { clientUrl, errorCode, listenFailureReason, requirePort } from '../net/listen';
import { messageBuffer, WebSocketHost } from '../net/websocket-host';
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
}

type Message = Record<string, unknown>;

export async function startSignalingServer(options: SignalingServerOptions = {}): Promise<SignalingServer> {
  const host = options.host ?? LOOPBACK_HOST;
  const requestedPort = options.port ?? DEFAULT_SIGNALING_PORT;
  requirePort(requestedPort, 'Signaling server');
  const limits = withLimits(SIGNALING_LIMITS, options, 'Signaling server');

  const subscribers = new Map<string, Set<Connection>>();
  const sockets: WebSocketHost<Connection> = new WebSocketHost<Connection>({
    ...limits,
    plainAnswer: 'Command Post signaling server (y-webrtc protocol over WebSocket)',
    shutdownReason: 'signaling server shutting down',
    onError: options.onError ?? (() => {}),
    refusal: () => (sockets.size >= limits.maxConnections ? '503 Service Unavailable' : undefined),
    open: accept,
    gone: forget,
  });

  function accept(socket: WebSocket): Connection {
    const connection: Connection = { socket, topics: new Set() };
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      const message = parseMessage(data);
      if (message) handle(connection, message);
    });
    return connection;
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
    sockets.send(connection.socket, text);
  }

  function forget(connection: Connection): void {
    for (const topic of connection.topics) leave(connection, topic);
    connection.topics.clear();
  }

  try {
    await sockets.listen(host, requestedPort);
  } catch (error) {
    throw new SignalingListenError(host, requestedPort, error);
  }
  const port = sockets.port;

  return {
    port,
    host,
    url: signalingClientUrl(host, port),
    close: () => sockets.close(),
    stats: () => ({ connections: sockets.size, topics: subscribers.size }),
  };
}

function parseMessage(data: RawData): Message | undefined {
  let value: unknown;
  try {
    value = JSON.parse(messageBuffer(data).toString('utf8'));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Message) : undefined;
}

/** The URL a client on this machine uses to reach a server bound to host:port (loopback for every-interface binds). */
export function signalingClientUrl(host: string, port: number): string {
  return clientUrl(host, port);
}
