/**
 * simple-peer with message fragmentation, for y-webrtc.
 *
 * y-webrtc sends every sync message with one peer.send() and reads whole
 * messages from 'data'. A data channel caps a message at 256 KiB, and Chrome
 * closes a channel whose send buffer passes 16 MiB, so sync step 2 of a large
 * incident (megabytes) never arrives. This class is aliased in place of the
 * simple-peer that y-webrtc imports, so y-webrtc works unchanged: send() cuts
 * a message into frames and paces them by the channel's bufferedAmount, and
 * the receive side reassembles frames before simple-peer emits 'data'.
 *
 * Both ends must run this class: every message is framed, even a small one,
 * so a frame is never confused with a raw message.
 *
 * It also settles glare. When two peers announce themselves within a few
 * milliseconds of each other (joining together, or both re-announcing after
 * their connection dropped), y-webrtc makes both of them initiators; each
 * sends an offer, and y-webrtc has the one with the older offer token answer
 * the other's offer on its initiator peer. simple-peer cannot do that: an
 * initiator never takes the offerer's data channel (each side then sends on
 * its own and hears nothing: "connected", never in sync), and if its own
 * offer is still being made, setting it fails and the peer destroys itself
 * while the other waits forever for an answer. So an initiator asked to
 * answer drops its own channel and offer and answers as a non-initiator
 * would.
 */
import SimplePeer from 'simple-peer/simplepeer.min';

/**
 * What every message passes on a signed incident (shared/trust/guard.ts),
 * handed in through y-webrtc's peer options: outgoing messages are wrapped
 * (signed), incoming ones unwrapped and checked, in order, before y-webrtc
 * sees them; null drops one.
 */
export interface MessageGuard {
  outgoing(message: Uint8Array, identity: object): Promise<Uint8Array>;
  incoming(message: Uint8Array): Promise<Uint8Array | null>;
}

/**
 * First byte of every frame. y-webrtc messages start with a small varUint
 * message type (0..4), so a value ≥ 0x80 makes an unframed message from a
 * peer running plain simple-peer fail loudly instead of being misparsed.
 */
export const FRAME_KIND = 0xf1;
/** kind (1) + message id (4) + chunk index (4) + chunk count (4), big-endian. */
export const HEADER_BYTES = 13;
/** 16 KiB is the payload size every WebRTC implementation interoperates with. */
export const CHUNK_BYTES = 16 * 1024;
/** Stop queueing on the channel here; far below Chrome's 16 MiB close limit. */
export const HIGH_WATER_BYTES = 1024 * 1024;
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
export const MAX_PARTIAL_MESSAGES = 8;
/** Smallest average chunk a sender may use; bounds how many chunks we track. */
const MIN_CHUNK_BYTES = 1024;

/** A peer sent something an honest ChunkedPeer never sends. */
export class FrameError extends Error {
  override name = 'FrameError';
}

/** Splits one message into frames of at most chunkSize payload bytes each. */
export function frameMessage(id: number, bytes: Uint8Array, chunkSize = CHUNK_BYTES): Uint8Array<ArrayBuffer>[] {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`bad chunk size ${chunkSize}`);
  // An empty message is still one frame, keeping frames and messages in step
  // (simple-peer's stream then drops it, as it drops any empty message).
  const count = Math.max(1, Math.ceil(bytes.length / chunkSize));
  const frames: Uint8Array<ArrayBuffer>[] = [];
  for (let index = 0; index < count; index++) {
    const payload = bytes.subarray(index * chunkSize, (index + 1) * chunkSize);
    const frame = new Uint8Array(HEADER_BYTES + payload.length);
    const view = new DataView(frame.buffer);
    view.setUint8(0, FRAME_KIND);
    view.setUint32(1, id >>> 0);
    view.setUint32(5, index);
    view.setUint32(9, count);
    frame.set(payload, HEADER_BYTES);
    frames.push(frame);
  }
  return frames;
}

export interface ReassemblerLimits {
  /** Cap on the bytes held for all unfinished messages together. */
  readonly maxMessageBytes: number;
  readonly maxPartialMessages: number;
}

interface PartialMessage {
  readonly count: number;
  readonly chunks: (Uint8Array | undefined)[];
  received: number;
  bytes: number;
}

/**
 * Collects frames by message id. An honest peer sends messages one after the
 * other, so it has at most one unfinished message at a time; the limits only
 * stop a hostile peer from making us hold unbounded memory.
 */
export class Reassembler {
  private readonly partials = new Map<number, PartialMessage>();
  private bufferedBytes = 0;

  constructor(
    private readonly limits: ReassemblerLimits = {
      maxMessageBytes: MAX_MESSAGE_BYTES,
      maxPartialMessages: MAX_PARTIAL_MESSAGES,
    },
  ) {}

  /** Unfinished messages held now. */
  get pending(): number {
    return this.partials.size;
  }

  /** Returns the whole message when this frame completes it, else null. Throws FrameError. */
  push(frame: Uint8Array): Uint8Array | null {
    if (frame.length < HEADER_BYTES) throw new FrameError(`frame of ${frame.length} bytes is shorter than its header`);
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const kind = view.getUint8(0);
    const id = view.getUint32(1);
    const index = view.getUint32(5);
    const count = view.getUint32(9);
    if (kind !== FRAME_KIND) throw new FrameError(`unknown frame kind 0x${kind.toString(16)}`);
    if (count === 0 || index >= count) throw new FrameError(`chunk ${index} of ${count}`);
    const maxChunks = Math.ceil(this.limits.maxMessageBytes / MIN_CHUNK_BYTES);
    if (count > maxChunks) throw new FrameError(`message of ${count} chunks exceeds ${maxChunks}`);
    const payload = frame.subarray(HEADER_BYTES);

    let partial = this.partials.get(id);
    if (partial === undefined) {
      if (count === 1) {
        this.admit(payload.length);
        return payload;
      }
      if (this.partials.size >= this.limits.maxPartialMessages) {
        throw new FrameError(`more than ${this.limits.maxPartialMessages} unfinished messages`);
      }
      partial = { count, chunks: new Array<Uint8Array | undefined>(count), received: 0, bytes: 0 };
      this.partials.set(id, partial);
    } else if (partial.count !== count) {
      throw new FrameError(`message ${id} claims ${count} chunks, earlier ${partial.count}`);
    }
    if (partial.chunks[index] !== undefined) throw new FrameError(`chunk ${index} of message ${id} repeated`);

    this.admit(payload.length);
    this.bufferedBytes += payload.length;
    partial.bytes += payload.length;
    partial.chunks[index] = payload;
    partial.received++;
    if (partial.received < count) return null;

    this.partials.delete(id);
    this.bufferedBytes -= partial.bytes;
    const whole = new Uint8Array(partial.bytes);
    let offset = 0;
    for (const chunk of partial.chunks) {
      whole.set(chunk!, offset);
      offset += chunk!.length;
    }
    return whole;
  }

  private admit(bytes: number): void {
    if (this.bufferedBytes + bytes > this.limits.maxMessageBytes) {
      throw new FrameError(`messages exceed ${this.limits.maxMessageBytes} bytes`);
    }
  }
}

/** The part of RTCDataChannel the sender needs, so it can be tested with a fake. */
export interface ChannelLike {
  readonly bufferedAmount: number;
  send(data: Uint8Array<ArrayBuffer>): void;
}

/**
 * FIFO of frames fed to a channel only while its bufferedAmount is under the
 * high-water mark, so a huge message never piles megabytes onto the channel.
 * flush() again when the channel drains ('bufferedamountlow').
 */
export class PacedSender {
  private queue: (Uint8Array<ArrayBuffer> | undefined)[] = [];
  private head = 0;

  constructor(private readonly highWaterBytes = HIGH_WATER_BYTES) {}

  get queuedFrames(): number {
    return this.queue.length - this.head;
  }

  enqueue(frames: readonly Uint8Array<ArrayBuffer>[]): void {
    for (const frame of frames) this.queue.push(frame);
  }

  /** Sends until the channel is full or the queue is empty. Rethrows channel.send errors. */
  flush(channel: ChannelLike): void {
    while (this.head < this.queue.length && channel.bufferedAmount < this.highWaterBytes) {
      const frame = this.queue[this.head]!;
      channel.send(frame);
      // Only after a successful send, so a throw leaves the frame queued.
      this.queue[this.head++] = undefined;
    }
    if (this.head === this.queue.length) this.clear();
  }

  clear(): void {
    this.queue = [];
    this.head = 0;
  }
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return new TextEncoder().encode(data);
  throw new TypeError('ChunkedPeer sends strings, ArrayBuffers and typed arrays only');
}

function isOffer(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'offer';
}

export default class ChunkedPeer extends SimplePeer {
  private readonly guard: MessageGuard | null;
  /** Messages being wrapped or unwrapped, one after the other, so both sides keep y-webrtc's order. */
  private outgoing: Promise<void> = Promise.resolve();
  private incoming: Promise<void> = Promise.resolve();
  private readonly sender = new PacedSender();
  private readonly reassembler = new Reassembler();
  private nextMessageId = 0;
  /** Set when this peer, though it offered, answers the other side's offer instead (glare). */
  private answering = false;

  constructor(opts?: { guard?: MessageGuard | null } & Record<string, unknown>) {
    const { guard, ...rest } = opts ?? {};
    super(rest);
    this.guard = guard ?? null;
  }

  override signal(data: unknown): void {
    const glare = this.initiator && !this._connected && !this.destroyed && !this.destroying && !this.answering && isOffer(data);
    if (!glare) {
      super.signal(data);
      return;
    }
    this.answerInstead();
    const pc = this._pc!;
    if (pc.signalingState !== 'stable') {
      // Our offer is set: Chrome rolls it back to apply theirs.
      super.signal(data);
      return;
    }
    // Our offer is still being made; applied now, theirs would make setting
    // ours fail (and simple-peer destroy this peer). Applied as soon as ours
    // is set, it rolls ours back instead.
    const apply = () => {
      if (pc.signalingState === 'stable') return;
      pc.removeEventListener('signalingstatechange', apply);
      if (!this.destroyed && !this.destroying) super.signal(data);
    };
    pc.addEventListener('signalingstatechange', apply);
  }

  /** Becomes the answering side: the offerer's data channel will be the one. */
  private answerInstead(): void {
    this.answering = true;
    this.initiator = false;
    const own = this._channel;
    if (own) {
      // Detached first: simple-peer destroys the peer when its channel closes.
      own.onopen = own.onclose = own.onerror = own.onmessage = own.onbufferedamountlow = null;
      own.close();
    }
    if (this._closingInterval !== null) clearInterval(this._closingInterval);
    this._closingInterval = null;
    this._channel = null;
    this._pc!.ondatachannel = (event) => this._setupData(event);
  }

  override emit(event: string, ...args: unknown[]): boolean {
    // Our own offer, if it was still being made, must not reach the other side:
    // it would answer it too, and neither offer would then stand.
    if (this.answering && event === 'signal' && isOffer(args[0])) return false;
    return super.emit(event, ...args);
  }

  override send(data: string | Blob | ArrayBuffer | ArrayBufferView): void {
    // Same contract as simple-peer: ignored while destroying, throws after.
    if (this.destroying) return;
    if (this.destroyed) throw new Error('cannot send after peer is destroyed');
    if (this._channel === null || this._channel.readyState !== 'open') {
      throw new Error('cannot send before the data channel is open');
    }
    const bytes = toBytes(data);
    if (!this.guard) return this.enqueue(bytes);
    // Copied now: the caller may reuse its buffer while the message is signed.
    const copy = bytes.slice();
    const guard = this.guard;
    this.outgoing = this.outgoing
      .then(() => guard.outgoing(copy, typeof data === 'object' && data !== null ? data : copy))
      .then((wrapped) => {
        if (!this.destroyed && !this.destroying) this.enqueue(wrapped);
      })
      .catch((err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))));
  }

  private enqueue(bytes: Uint8Array): void {
    // frameMessage copies, so the caller may reuse its buffer while frames wait.
    this.sender.enqueue(frameMessage(this.nextMessageId, bytes));
    this.nextMessageId = (this.nextMessageId + 1) >>> 0;
    this.flush();
  }

  private flush(): void {
    if (this.destroyed || this.destroying || this._channel === null) return;
    try {
      this.sender.flush(this._channel);
    } catch (err) {
      // A half-sent message cannot be resumed on this channel.
      this.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }

  // simple-peer fires this on the channel's 'bufferedamountlow'. It sets the
  // threshold to 64 KiB (its own stream backpressure relies on that value, so
  // we leave it); being below our high-water mark, the event always follows a
  // stall.
  override _onChannelBufferedAmountLow(): void {
    super._onChannelBufferedAmountLow();
    this.flush();
  }

  // simple-peer polls this every 150 ms where bufferedAmountLowThreshold is unsupported.
  override _onInterval(): void {
    super._onInterval();
    this.flush();
  }

  override _onChannelMessage(event: { data: unknown }): void {
    if (this.destroyed || this.destroying) return;
    let whole: Uint8Array | null;
    try {
      whole = this.reassembler.push(toBytes(event.data));
    } catch (err) {
      // y-webrtc drops a destroyed connection and may reconnect later.
      this.destroy(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (whole === null) return;
    if (!this.guard) return this.deliver(whole);
    const guard = this.guard;
    const message = whole;
    this.incoming = this.incoming
      .then(() => guard.incoming(message))
      .then((unwrapped) => {
        if (unwrapped && !this.destroyed && !this.destroying) this.deliver(unwrapped);
      })
      .catch(() => undefined);
  }

  private deliver(whole: Uint8Array): void {
    // simple-peer wraps an ArrayBuffer in a Buffer without copying it.
    const exact = whole.byteOffset === 0 && whole.byteLength === whole.buffer.byteLength;
    super._onChannelMessage({ data: exact ? whole.buffer : whole });
  }

  override _destroy(err: Error | null | undefined, cb: (err?: Error | null) => void): void {
    // simple-peer may destroy from inside its constructor, before our fields exist.
    this.sender?.clear();
    super._destroy(err, cb);
  }
}
