/**
 * What Hocuspocus sees of one client's WebSocket: the socket itself, behind
 * a gate that bounds what the client can make the relay do before and after
 * it is admitted. Hocuspocus trusts its sockets (it queues every message a
 * client sends for a room until that room's authentication finishes, and
 * takes as many rooms and messages as arrive); the gate closes the
 * connection, with a reason the client is shown, when a client
 *
 *   - sends faster than messagesPerSecond for long (a token bucket that
 *     holds messageBurst, so a newcomer's first sync and a fold pass),
 *   - asks for more than maxRoomsPerConnection rooms on one connection,
 *   - sends more than maxQueuedBeforeAdmission messages for a room it has
 *     not been admitted to,
 *   - or sends more to a room than it may hold (see RoomSizes in server.ts).
 *
 * Frames over the payload cap, receivers that stop reading and silent
 * connections are the host's business (../net/websocket-host.ts), as for
 * signaling.
 */
import { EventEmitter } from 'node:events';
import * as decoding from 'lib0/decoding';
import type { RawData, WebSocket } from 'ws';
import { messageBuffer } from '../net/websocket-host';

export interface GateLimits {
  messagesPerSecond: number;
  messageBurst: number;
  maxRoomsPerConnection: number;
  maxQueuedBeforeAdmission: number;
}

/** Close codes the gate uses (4000–4999 are the application's own), with the reason shown to the client. */
export const GATE_CLOSE = {
  tooFast: { code: 4429, reason: 'too many messages: slow down' },
  tooManyRooms: { code: 4430, reason: 'too many rooms on one connection' },
  notAdmitted: { code: 4401, reason: 'messages for a room before admission' },
  malformed: { code: 1007, reason: 'not a Hocuspocus message' },
  roomFull: { code: 4413, reason: 'room-full' },
} as const;

export type GateClose = (typeof GATE_CLOSE)[keyof typeof GATE_CLOSE];

interface RoomOnConnection {
  admitted: boolean;
  queued: number;
}

export class GatedSocket extends EventEmitter {
  private readonly rooms = new Map<string, RoomOnConnection>();
  private tokens: number;
  private refilledAt = Date.now();
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: GateLimits,
    /** Sends through the host, which drops receivers that stop reading. */
    private readonly sendThroughHost: (data: Uint8Array) => void,
    /** Whether a message of this many bytes for this room still fits in it (checked for admitted rooms only). */
    private readonly fits: (room: string, bytes: number) => boolean,
  ) {
    super();
    this.tokens = limits.messageBurst;
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(messageBuffer(data), isBinary));
    socket.on('close', (code: number, reason: Buffer) => this.emit('close', code, reason));
    socket.on('pong', () => this.emit('pong'));
    // The host already listens for errors (ws closes the socket after one); Hocuspocus may not.
    socket.on('error', (error: Error) => {
      if (this.listenerCount('error')) this.emit('error', error);
    });
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  /** Hocuspocus sets it; messages reach it as Buffers either way. */
  binaryType = 'nodebuffer';

  send(data: Uint8Array, callback?: (error?: Error) => void): void {
    this.sendThroughHost(data);
    callback?.();
  }

  close(code?: number, reason?: string): void {
    this.closed = true;
    this.socket.close(code, reason);
  }

  ping(): void {
    this.socket.ping();
  }

  /** The room's authentication passed: its messages are the room's business from now on. */
  admit(room: string): void {
    const entry = this.rooms.get(room);
    if (entry) entry.admitted = true;
  }

  private refuse(why: GateClose): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(why.code, why.reason);
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.takeToken()) return this.refuse(GATE_CLOSE.tooFast);
    const room = isBinary ? roomOf(data) : null;
    if (room === null) return this.refuse(GATE_CLOSE.malformed);
    let entry = this.rooms.get(room);
    if (!entry) {
      if (this.rooms.size >= this.limits.maxRoomsPerConnection) return this.refuse(GATE_CLOSE.tooManyRooms);
      this.rooms.set(room, (entry = { admitted: false, queued: 0 }));
    }
    if (!entry.admitted && ++entry.queued > this.limits.maxQueuedBeforeAdmission) return this.refuse(GATE_CLOSE.notAdmitted);
    if (entry.admitted && !this.fits(room, data.byteLength)) return this.refuse(GATE_CLOSE.roomFull);
    this.emit('message', data);
  }

  private takeToken(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.limits.messageBurst, this.tokens + ((now - this.refilledAt) / 1000) * this.limits.messagesPerSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The room a Hocuspocus message is for (its first field), or null when it has none. */
function roomOf(data: Uint8Array): string | null {
  try {
    const name = decoding.readVarString(decoding.createDecoder(data));
    return name.length > 0 && name.length <= 64 ? name : null;
  } catch {
    return null;
  }
}
