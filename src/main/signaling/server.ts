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
 * connection (1009), topic names are at most maxTopicLength characters, a
 * receiver that does not read its messages is dropped once maxBufferedBytes
 * are queued for it, and a connection that does not answer a WebSocket ping
 * within heartbeatIntervalMs is closed.
 *
 * Nor can one client (a remote address) take the server from everyone else.
 * The host (../net/websocket-host.ts) refuses web pages other than the app's
 * own (403) and caps the connections one client holds (429) as well as the
 * total (503). Here, topics are capped per connection, per client (across
 * all its connections) and for the whole server; a subscription beyond a cap
 * is ignored, as y-webrtc's protocol has no way to say no. A connection that
 * has sent no subscribe within subscribeTimeoutMs of opening is cut off: a
 * y-webrtc client sends one the moment it connects (listing its rooms, none
 * yet if a password room is still deriving its key), so one that has not is
 * only holding a place. Everything kept for a connection is dropped when it
 * goes, so after any abuse the server holds nothing for it.
 *
 * This module runs in Electron's main process and under plain Node
 * (`npm run signal`), so it imports nothing from Electron.
 */
import type { RawData, WebSocket } from 'ws';
import { OWN_ORIGINS } from '../net/allowed-origins';
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
  /** A command post subscribes one topic per open incident and one per incident it shares by short code. */
  maxTopicsPerConnection: 64,
  /**
   * Across one client's connections, counting a topic once per connection
   * that holds it: a machine (or a NAT full of them) with every browser it
   * runs sharing incidents stays far below it.
   */
  maxTopicsPerClient: 256,
  /** Distinct topics on the server: sixteen clients at their cap. Joining a topic that exists is always possible. */
  maxTopics: 4096,
  maxTopicLength: 512,
  maxConnections: 512,
  /**
   * An eighth of maxConnections: one client cannot lock everyone out, yet a
   * machine running many browsers (the end-to-end tests, a NAT) has room.
   */
  maxConnectionsPerClient: 64,
  /** A connection that has sent no subscribe this long after opening is cut off (y-webrtc sends one at once). */
  subscribeTimeoutMs: 10_000,
  /** A socket that sends nothing this long before it is a WebSocket is closed. */
  requestIdleMs: 10_000,
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
  maxTopicsPerClient?: number;
  maxTopics?: number;
  maxTopicLength?: number;
  maxConnections?: number;
  maxConnectionsPerClient?: number;
  subscribeTimeoutMs?: number;
  requestIdleMs?: number;
  maxBufferedBytes?: number;
  heartbeatIntervalMs?: number;
  closeGraceMs?: number;
  /** Web pages that may connect (see ../net/allowed-origins.ts). Default: the app's own. */
  allowedOrigins?: readonly string[];
  /** Unexpected errors after start-up (the server keeps running). Default: ignored. */
  onError?: (error: Error) => void;
}

export interface SignalingStats {
  /** Open WebSocket connections. */
  connections: number;
  /** Remote addresses with a socket open (WebSocket or not yet). */
  clients: number;
  /** Topics with at least one subscriber. */
  topics: number;
  /** Connections subscribed to a topic, summed over topics. */
  subscriptions: number;
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
  /** Its remote address, which the per-client caps count against. */
  readonly client: string;
  readonly topics: Set<string>;
  /** Cuts it off unless it subscribes in time; cleared by its first subscribe. */
  readonly subscribeDeadline: ReturnType<typeof setTimeout>;
}

type Message = Record<string, unknown>;

export async function startSignalingServer(options: SignalingServerOptions = {}): Promise<SignalingServer> {
  const host = options.host ?? LOOPBACK_HOST;
  const requestedPort = options.port ?? DEFAULT_SIGNALING_PORT;
  requirePort(requestedPort, 'Signaling server');
  const limits = withLimits(SIGNALING_LIMITS, options, 'Signaling server');

  const subscribers = new Map<string, Set<Connection>>();
  let subscriptions = 0;
  const sockets: WebSocketHost<Connection> = new WebSocketHost<Connection>({
    ...limits,
    allowedOrigins: options.allowedOrigins ?? OWN_ORIGINS,
    plainAnswer: 'Command Post signaling server (y-webrtc protocol over WebSocket)',
    shutdownReason: 'signaling server shutting down',
    onError: options.onError ?? (() => {}),
    open: accept,
    gone: forget,
  });

  function accept(socket: WebSocket, _request: unknown, client: string): Connection {
    // Cut off without a closing handshake: a client that has said nothing is
    // owed none, and its place is free at once.
    const subscribeDeadline = setTimeout(() => socket.terminate(), limits.subscribeTimeoutMs);
    subscribeDeadline.unref();
    const connection: Connection = { socket, client, topics: new Set(), subscribeDeadline };
    socket.on('message', (data: RawData, isBinary: boolean) => {
      // Once forgotten, a connection must not subscribe again: nothing would ever remove it.
      if (isBinary || !sockets.has(socket)) return;
      const message = parseMessage(data);
      if (message) handle(connection, message);
    });
    return connection;
  }

  function handle(connection: Connection, message: Message): void {
    switch (message['type']) {
      case 'subscribe':
        if (!Array.isArray(message['topics'])) break;
        // Even an empty list: y-webrtc sends one when it connects before its password rooms open.
        clearTimeout(connection.subscribeDeadline);
        subscribe(connection, message['topics']);
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
    let clientTopics = topicsHeldBy(connection.client);
    for (const topic of topics) {
      if (!isTopic(topic) || connection.topics.has(topic)) continue;
      if (connection.topics.size >= limits.maxTopicsPerConnection || clientTopics >= limits.maxTopicsPerClient) break;
      let set = subscribers.get(topic);
      if (!set) {
        // Full: existing topics can still be joined, so peers already meeting keep meeting.
        if (subscribers.size >= limits.maxTopics) continue;
        subscribers.set(topic, (set = new Set()));
      }
      set.add(connection);
      connection.topics.add(topic);
      clientTopics++;
      subscriptions++;
    }
  }

  function topicsHeldBy(client: string): number {
    let held = 0;
    for (const connection of sockets.connectionsOf(client)) held += connection.topics.size;
    return held;
  }

  function unsubscribe(connection: Connection, topics: unknown[]): void {
    for (const topic of topics) {
      if (typeof topic !== 'string' || !connection.topics.delete(topic)) continue;
      leave(connection, topic);
    }
  }

  function leave(connection: Connection, topic: string): void {
    const set = subscribers.get(topic);
    if (!set?.delete(connection)) return;
    subscriptions--;
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
    clearTimeout(connection.subscribeDeadline);
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
    stats: () => ({ connections: sockets.size, clients: sockets.clientCount, topics: subscribers.size, subscriptions }),
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
