/**
 * The lifecycle both WebSocket servers (signaling, the relay) share: an HTTP
 * server that upgrades to WebSocket, one heartbeat for every connection,
 * listening, and a close() that does not wait on clients that never answer.
 * The server using it keeps only its protocol: which upgrades to refuse,
 * what a new connection holds, what its messages do, and what to undo when
 * it is gone.
 *
 * Everyone on the network may connect, so what one connection can cost is
 * bounded here as well: frames over maxPayloadBytes close it (1009, by ws),
 * a receiver that stops reading is dropped once maxBufferedBytes are queued
 * for it, and one that misses a ping for heartbeatIntervalMs is closed.
 *
 * So is what one client can take (clients.ts): an upgrade is refused with
 * 403 when it comes from a web page that is not the app (allowed-origins.ts),
 * with 429 when its address already holds maxConnectionsPerClient
 * connections, and with 503 when the server holds maxConnections; below the
 * WebSocket, an address holding twice maxConnectionsPerClient sockets has any
 * further one closed at once, and a socket that has sent nothing for
 * requestIdleMs before becoming a WebSocket is closed, so sockets that never
 * finish a request cannot pile up either.
 *
 * No Electron here: both servers also run under plain Node.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { originAllowed, parseAllowedOrigin } from './allowed-origins';
import { clientAddress, ClientTable } from './clients';
import { boundPort, listen } from './listen';

export interface WebSocketHostOptions<C> {
  maxPayloadBytes: number;
  maxBufferedBytes: number;
  heartbeatIntervalMs: number;
  maxConnections: number;
  /** Connections one client (remote address) may hold; well below maxConnections, so one client cannot take them all. */
  maxConnectionsPerClient: number;
  /** How long a socket may send nothing before it has become a WebSocket. */
  requestIdleMs: number;
  /** Web pages that may connect (see allowed-origins.ts); requests without an Origin are not from one and always may. */
  allowedOrigins: readonly string[];
  /** How long close() lets clients finish the closing handshake before cutting them off. */
  closeGraceMs: number;
  /** What a plain HTTP request (a browser, a health check) is told, in one line. */
  plainAnswer: string;
  /** Sent with the 1001 close frame each client gets when the server closes. */
  shutdownReason: string;
  /** Unexpected errors after start-up (the server keeps running). */
  onError: (error: Error) => void;
  /**
   * The server's own reason to refuse this upgrade, as an HTTP status ('400
   * Bad Request'), or undefined to let it through. Asked after the host's
   * checks (origin, caps) pass.
   */
  refusal?: (request: IncomingMessage) => string | undefined;
  /**
   * The handshake finished: set up the connection (listen for its messages)
   * and return what the server keeps for it, or undefined to cut it off (a
   * cap was reached while it shook hands). `client` is who it counts
   * against (its remote address, see clients.ts).
   */
  open: (socket: WebSocket, request: IncomingMessage, client: string) => C | undefined;
  /** Once for each connection open() kept, whatever ended it. */
  gone: (connection: C) => void;
}

interface Entry<C> {
  readonly connection: C;
  readonly client: string;
  /** Answered the last heartbeat ping. */
  alive: boolean;
}

export class WebSocketHost<C> {
  private readonly options: WebSocketHostOptions<C>;
  private readonly httpServer: Server;
  private readonly wss: WebSocketServer;
  private readonly entries = new Map<WebSocket, Entry<C>>();
  private readonly clients = new ClientTable<C>();
  private readonly allowedOrigins: ReadonlySet<string>;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private closing = false;
  private closed: Promise<void> | undefined;
  private boundTo = 0;

  constructor(options: WebSocketHostOptions<C>) {
    this.options = options;
    this.allowedOrigins = new Set(options.allowedOrigins.map((origin) => parseAllowedOrigin(origin, 'allowedOrigins')));
    this.httpServer = createServer((_request, response) => answerPlainHttp(response, options.plainAnswer));
    // Node's own request timeouts never fire for a socket that sends nothing;
    // this one does. ws turns it off once the socket is a WebSocket (the
    // heartbeat watches those).
    this.httpServer.timeout = options.requestIdleMs;
    this.httpServer.on('connection', (socket: Socket) => this.track(socket));
    // noServer: upgrades go through refusal() first, and the host, not ws, tracks connections.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes, clientTracking: false });
    this.httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      const client = clientOf(request.socket);
      const status = this.refusal(request, client);
      if (status !== undefined) return refuse(socket, status);
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request, client));
    });
  }

  /** The port bound; 0 until listen() resolves. */
  get port(): number {
    return this.boundTo;
  }

  /** Connections kept (open, and not released). */
  get size(): number {
    return this.entries.size;
  }

  /** Clients (remote addresses) with a socket or a connection open. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** What the server keeps for each connection this client holds. */
  connectionsOf(client: string): ReadonlySet<C> {
    return this.clients.connectionsOf(client);
  }

  /** Resolves once listening; rejects with the listen error (port taken...) as Node gives it. */
  async listen(host: string, port: number): Promise<void> {
    try {
      await listen(this.httpServer, host, port);
    } catch (error) {
      this.wss.close();
      throw error;
    }
    this.httpServer.on('error', (error) => this.options.onError(error));
    this.httpServer.on('clientError', (_error, socket) => socket.destroy());
    this.boundTo = boundPort(this.httpServer, port);
    // One timer for all connections: one that did not answer the previous
    // ping is gone (its machine crashed, slept or lost the network).
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  /** Whether this socket's connection is still kept (not gone, not released). */
  has(socket: WebSocket): boolean {
    return this.entries.has(socket);
  }

  /**
   * Forgets a connection now, while its socket may still be closing, so that
   * it no longer counts and gone() runs at once.
   */
  release(socket: WebSocket): void {
    const entry = this.entries.get(socket);
    if (!entry) return;
    this.entries.delete(socket);
    this.clients.connectionClosed(entry.client, entry.connection);
    this.options.gone(entry.connection);
  }

  /** Sends to a socket, unless the receiver has stopped reading: it is then dropped rather than queued for without bound. */
  send(socket: WebSocket, data: string | Uint8Array): void {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      // Its 'close' event releases it, outside whatever is sending now.
      socket.terminate();
      return;
    }
    socket.send(data, (error) => {
      if (error) socket.terminate();
    });
  }

  /** Closes every connection (1001) and stops listening. Safe to call more than once. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.closing = true;
      clearInterval(this.heartbeat);
      for (const socket of this.entries.keys()) socket.close(1001, this.options.shutdownReason);
      const serverClosed = new Promise<void>((done) => this.httpServer.close(() => done()));
      // Plain HTTP keep-alive connections; upgraded ones are closed above.
      this.httpServer.closeAllConnections();
      // A client that never answers the closing handshake would hold the server open.
      const cutOff = setTimeout(() => {
        for (const socket of this.entries.keys()) socket.terminate();
      }, this.options.closeGraceMs);
      cutOff.unref();
      void serverClosed.then(() => {
        clearTimeout(cutOff);
        // Every socket is gone; ws may report it a tick later, so release them now.
        for (const socket of [...this.entries.keys()]) this.release(socket);
        this.wss.close();
        resolve();
      });
    });
    return this.closed;
  }

  /** Counts a new TCP socket against its client, or closes it when that client holds too many already. */
  private track(socket: Socket): void {
    const client = clientOf(socket);
    // Twice the WebSocket cap: room for this client's handshakes and plain
    // requests in flight, and still a bound before any of it is a WebSocket.
    if (this.clients.socketsOf(client) >= 2 * this.options.maxConnectionsPerClient) {
      socket.destroy();
      return;
    }
    this.clients.socketOpened(client);
    socket.once('close', () => this.clients.socketClosed(client));
  }

  /** Why an upgrade is refused, as an HTTP status, or undefined to let it through. */
  private refusal(request: IncomingMessage, client: string): string | undefined {
    if (!originAllowed(request.headers.origin, this.allowedOrigins)) return '403 Forbidden';
    return this.capacityRefusal(client) ?? this.options.refusal?.(request);
  }

  private capacityRefusal(client: string): string | undefined {
    if (this.closing) return '503 Service Unavailable';
    if (this.clients.connectionsOf(client).size >= this.options.maxConnectionsPerClient) return '429 Too Many Requests';
    if (this.entries.size >= this.options.maxConnections) return '503 Service Unavailable';
    return undefined;
  }

  private accept(socket: WebSocket, request: IncomingMessage, client: string): void {
    // Without a listener, a protocol error (an oversized frame, say) would be
    // thrown; ws closes the connection itself after emitting it.
    socket.on('error', () => {});
    // The handshake may have finished after close() began, or after others filled the places.
    const connection = this.capacityRefusal(client) === undefined ? this.options.open(socket, request, client) : undefined;
    if (connection === undefined) {
      socket.terminate();
      return;
    }
    const entry: Entry<C> = { connection, client, alive: true };
    this.entries.set(socket, entry);
    this.clients.connectionOpened(client, connection);
    socket.on('pong', () => {
      entry.alive = true;
    });
    socket.on('close', () => this.release(socket));
  }

  private beat(): void {
    for (const [socket, entry] of [...this.entries]) {
      const answered = entry.alive;
      entry.alive = false;
      if (answered && ping(socket)) continue;
      socket.terminate();
      this.release(socket);
    }
  }
}

/** False when the socket cannot take a ping (it is no longer open): it is then dropped like a silent one. */
function ping(socket: WebSocket): boolean {
  try {
    socket.ping();
    return true;
  } catch {
    return false;
  }
}

/** The client a socket counts against; one already gone (no address) counts as one client. */
function clientOf(socket: Socket): string {
  return clientAddress(socket.remoteAddress ?? '');
}

/** What a message arrived as, in one buffer (ws hands over fragmented ones as a list). */
export function messageBuffer(data: RawData): Buffer {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function answerPlainHttp(response: ServerResponse, text: string): void {
  response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${text}\n`);
}
