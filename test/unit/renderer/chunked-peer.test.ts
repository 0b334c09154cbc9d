import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import ChunkedPeer, {
  CHUNK_BYTES,
  FRAME_KIND,
  FrameError,
  HEADER_BYTES,
  HIGH_WATER_BYTES,
  MAX_PARTIAL_MESSAGES,
  PacedSender,
  Reassembler,
  frameMessage,
} from '../../../src/renderer/incidents/sync/chunked-peer';

function bytes(n: number): Uint8Array {
  return new Uint8Array(randomBytes(n));
}

/** Length and digest of each message: toEqual walks megabytes element by element, far too slowly. */
function fingerprints(messages: readonly Uint8Array[]): string[] {
  return messages.map((m) => `${m.length}:${createHash('sha256').update(m).digest('hex')}`);
}

/** A frame with any header, honest or not. */
function rawFrame(kind: number, id: number, index: number, count: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const frame = new Uint8Array(HEADER_BYTES + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint8(0, kind);
  view.setUint32(1, id);
  view.setUint32(5, index);
  view.setUint32(9, count);
  frame.set(payload, HEADER_BYTES);
  return frame;
}

function reassembleAll(frames: readonly Uint8Array[], r = new Reassembler()): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const frame of frames) {
    const whole = r.push(frame);
    if (whole !== null) out.push(whole);
  }
  return out;
}

describe('frameMessage + Reassembler', () => {
  it.each([
    ['empty', 0, 1],
    ['one byte', 1, 1],
    ['exactly one chunk', CHUNK_BYTES, 1],
    ['one chunk and a byte', CHUNK_BYTES + 1, 2],
    ['5 MB', 5 * 1024 * 1024, 320],
  ])('round-trips a %s message', (_name, size, frameCount) => {
    const message = bytes(size);
    const frames = frameMessage(7, message);
    expect(frames).toHaveLength(frameCount);
    for (const frame of frames) {
      expect(frame.length).toBeLessThanOrEqual(HEADER_BYTES + CHUNK_BYTES);
      expect(frame[0]).toBe(FRAME_KIND);
    }
    const r = new Reassembler();
    const out = reassembleAll(frames, r);
    expect(fingerprints(out)).toEqual(fingerprints([message]));
    expect(r.pending).toBe(0);
  });

  it('honours a custom chunk size and wraps ids to 32 bits', () => {
    const frames = frameMessage(2 ** 32 + 5, bytes(10), 3);
    expect(frames.map((f) => f.length - HEADER_BYTES)).toEqual([3, 3, 3, 1]);
    expect(new DataView(frames[0]!.buffer).getUint32(1)).toBe(5);
    expect(() => frameMessage(1, bytes(1), 0)).toThrow(RangeError);
  });

  it('reassembles two interleaved messages', () => {
    const a = bytes(5 * 100 + 3);
    const b = bytes(3 * 100);
    const fa = frameMessage(1, a, 100);
    const fb = frameMessage(2, b, 100);
    const mixed = [fa[0]!, fb[0]!, fa[1]!, fb[1]!, fa[2]!, fa[3]!, fb[2]!, fa[4]!, fa[5]!];
    expect(reassembleAll(mixed)).toEqual([b, a]);
  });

  it('puts chunks in index order whatever order they arrive in', () => {
    const message = bytes(1000);
    const frames = frameMessage(3, message, 64).reverse();
    expect(reassembleAll(frames)).toEqual([message]);
  });

  it('yields consecutive messages in the order they were sent', () => {
    const messages = [bytes(300), bytes(0), bytes(1), bytes(250)];
    const frames = messages.flatMap((m, id) => frameMessage(id, m, 100));
    expect(reassembleAll(frames)).toEqual(messages);
  });

  describe('rejects what an honest peer never sends', () => {
    it.each([
      ['a frame shorter than its header', [new Uint8Array(HEADER_BYTES - 1)]],
      ['an unknown kind', [rawFrame(0x00, 1, 0, 1)]],
      ['a chunk count of 0', [rawFrame(FRAME_KIND, 1, 0, 0)]],
      ['an index equal to the count', [rawFrame(FRAME_KIND, 1, 2, 2)]],
      ['an index beyond the count', [rawFrame(FRAME_KIND, 1, 9, 2)]],
      ['counts that disagree for one id', [rawFrame(FRAME_KIND, 1, 0, 3, bytes(4)), rawFrame(FRAME_KIND, 1, 1, 4, bytes(4))]],
      ['a single-chunk frame reusing an unfinished id', [rawFrame(FRAME_KIND, 1, 0, 3, bytes(4)), rawFrame(FRAME_KIND, 1, 0, 1)]],
      ['a repeated chunk', [rawFrame(FRAME_KIND, 1, 0, 3, bytes(4)), rawFrame(FRAME_KIND, 1, 0, 3, bytes(4))]],
      ['more chunks than any allowed message needs', [rawFrame(FRAME_KIND, 1, 0, 2 ** 32 - 1)]],
    ])('%s', (_name, frames) => {
      expect(() => reassembleAll(frames)).toThrow(FrameError);
    });

    it('a message larger than the cap, single or chunked', () => {
      const limits = { maxMessageBytes: 4096, maxPartialMessages: 8 };
      expect(reassembleAll(frameMessage(1, bytes(4096), 1024), new Reassembler(limits))).toHaveLength(1);
      // Five 1 KiB chunks: rejected on the count alone, before any byte is held.
      expect(() => reassembleAll(frameMessage(1, bytes(4097), 1024), new Reassembler(limits))).toThrow(/5 chunks exceeds 4/);
      expect(() => reassembleAll(frameMessage(1, bytes(4097), 2048), new Reassembler(limits))).toThrow(/exceed 4096 bytes/);
      expect(() => reassembleAll(frameMessage(1, bytes(4097), 8192), new Reassembler(limits))).toThrow(/exceed 4096 bytes/);
    });

    it('unfinished messages that together exceed the cap', () => {
      const r = new Reassembler({ maxMessageBytes: 4096, maxPartialMessages: 8 });
      r.push(frameMessage(1, bytes(6000), 3000)[0]!);
      expect(() => r.push(frameMessage(2, bytes(6000), 3000)[0]!)).toThrow(/exceed 4096 bytes/);
    });

    it('too many unfinished messages at once', () => {
      const r = new Reassembler();
      for (let id = 0; id < MAX_PARTIAL_MESSAGES; id++) r.push(frameMessage(id, bytes(20), 10)[0]!);
      expect(r.pending).toBe(MAX_PARTIAL_MESSAGES);
      expect(() => r.push(frameMessage(99, bytes(20), 10)[0]!)).toThrow(/unfinished messages/);
      // Finishing one makes room again.
      expect(r.push(frameMessage(0, bytes(20), 10)[1]!)).not.toBeNull();
      expect(r.push(frameMessage(99, bytes(20), 10)[0]!)).toBeNull();
    });
  });
});

/**
 * Stands in for an RTCDataChannel: send() grows bufferedAmount, deliver()
 * moves frames to the remote end and, like a browser, fires onbufferedamountlow
 * when bufferedAmount falls to bufferedAmountLowThreshold.
 */
class FakeChannel {
  label = 'fake';
  binaryType = 'blob';
  readyState: RTCDataChannelState = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  maxBufferedAmount = 0;
  remote: FakeChannel | null = null;
  readonly outbox: Uint8Array[] = [];
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onbufferedamountlow: (() => void) | null = null;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;

  send(data: Uint8Array): void {
    if (this.readyState !== 'open') throw new Error('InvalidStateError');
    this.outbox.push(data.slice());
    this.bufferedAmount += data.byteLength;
    this.maxBufferedAmount = Math.max(this.maxBufferedAmount, this.bufferedAmount);
  }

  /** Delivers up to n queued frames; returns how many it delivered. */
  deliver(n = Infinity): number {
    let delivered = 0;
    while (delivered < n && this.outbox.length > 0) {
      const frame = this.outbox.shift()!;
      const before = this.bufferedAmount;
      this.bufferedAmount -= frame.byteLength;
      this.remote?.onmessage?.({ data: frame.buffer as ArrayBuffer });
      delivered++;
      if (before > this.bufferedAmountLowThreshold && this.bufferedAmount <= this.bufferedAmountLowThreshold) {
        this.onbufferedamountlow?.();
      }
    }
    return delivered;
  }

  close(): void {
    this.readyState = 'closed';
  }
}

describe('PacedSender', () => {
  it('sends everything in order, never more than one frame over the high-water mark', () => {
    const highWater = 64 * 1024;
    const channel = new FakeChannel();
    channel.bufferedAmountLowThreshold = 8 * 1024;
    const sender = new PacedSender(highWater);
    channel.onbufferedamountlow = () => sender.flush(channel);
    const received: Uint8Array[] = [];
    const sink = new FakeChannel();
    sink.onmessage = (event) => received.push(new Uint8Array(event.data));
    channel.remote = sink;

    const messages = [bytes(300_000), bytes(5), bytes(100_000)];
    const frames = messages.flatMap((m, id) => frameMessage(id, m));
    for (let id = 0; id < messages.length; id++) {
      sender.enqueue(frameMessage(id, messages[id]!));
      sender.flush(channel);
    }
    // It stopped at the mark instead of queueing everything on the channel.
    expect(sender.queuedFrames).toBeGreaterThan(0);
    expect(channel.outbox.length).toBeLessThan(frames.length);

    // The network drains a few frames at a time.
    while (channel.deliver(3) > 0);
    expect(sender.queuedFrames).toBe(0);
    expect(fingerprints(received)).toEqual(fingerprints(frames));
    expect(channel.maxBufferedAmount).toBeLessThanOrEqual(highWater + HEADER_BYTES + CHUNK_BYTES);
    expect(channel.maxBufferedAmount).toBeGreaterThanOrEqual(highWater);
  });

  it('keeps a frame queued when the channel throws, so nothing is skipped', () => {
    const sent: number[] = [];
    let fail = true;
    const channel = {
      bufferedAmount: 0,
      send(frame: Uint8Array) {
        if (fail) throw new Error('OperationError');
        sent.push(frame[HEADER_BYTES]!);
      },
    };
    const sender = new PacedSender();
    sender.enqueue([frameMessage(0, Uint8Array.of(1))[0]!, frameMessage(1, Uint8Array.of(2))[0]!]);
    expect(() => sender.flush(channel)).toThrow('OperationError');
    fail = false;
    sender.flush(channel);
    expect(sent).toEqual([1, 2]);
  });
});

describe('ChunkedPeer over a fake wrtc', () => {
  /** Just enough of RTCPeerConnection for simple-peer's constructor and destroy(). */
  class FakePeerConnection {
    readonly channel = new FakeChannel();
    createDataChannel(): FakeChannel {
      return this.channel;
    }
    // Negotiation never completes: the test wires the channels directly.
    createOffer(): Promise<never> {
      return new Promise(() => {});
    }
    close(): void {}
  }
  const wrtc = { RTCPeerConnection: FakePeerConnection, RTCSessionDescription: class {}, RTCIceCandidate: class {} };
  const peers: ChunkedPeer[] = [];

  function channelOf(peer: ChunkedPeer): FakeChannel {
    return peer._channel as unknown as FakeChannel;
  }

  /** Two peers whose fake channels feed each other. */
  function pair(): [ChunkedPeer, ChunkedPeer] {
    const a = new ChunkedPeer({ initiator: true, wrtc });
    const b = new ChunkedPeer({ initiator: true, wrtc });
    peers.push(a, b);
    channelOf(a).remote = channelOf(b);
    channelOf(b).remote = channelOf(a);
    return [a, b];
  }

  function collect(peer: ChunkedPeer): Uint8Array[] {
    const received: Uint8Array[] = [];
    peer.on('data', (data: Uint8Array) => received.push(new Uint8Array(data)));
    return received;
  }

  function errorOf(peer: ChunkedPeer): Promise<Error> {
    return new Promise((resolve) => peer.once('error', resolve));
  }

  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  afterEach(() => {
    for (const peer of peers.splice(0)) {
      peer.on('error', () => {});
      peer.destroy();
    }
  });

  it('delivers a 5 MB message and small ones whole and in order, paced by bufferedAmount', async () => {
    const [a, b] = pair();
    const received = collect(b);
    const big = bytes(5 * 1024 * 1024);
    const small = bytes(10);
    a.send(big);
    a.send(small);
    a.send('text');
    // Only about a high-water mark's worth went onto the channel at once.
    expect(channelOf(a).bufferedAmount).toBeLessThanOrEqual(HIGH_WATER_BYTES + HEADER_BYTES + CHUNK_BYTES);

    while (channelOf(a).deliver(7) > 0);
    await tick();
    expect(fingerprints(received)).toEqual(fingerprints([big, small, new TextEncoder().encode('text')]));
    expect(channelOf(a).maxBufferedAmount).toBeLessThanOrEqual(HIGH_WATER_BYTES + HEADER_BYTES + CHUNK_BYTES);
    expect(a.destroyed || b.destroyed).toBe(false);
  });

  it('destroys the connection on a malformed frame', async () => {
    const [, b] = pair();
    const error = errorOf(b);
    channelOf(b).onmessage!({ data: rawFrame(FRAME_KIND, 1, 3, 3).buffer as ArrayBuffer });
    expect((await error).name).toBe('FrameError');
    expect(b.destroyed).toBe(true);
  });

  it('destroys the connection when the peer does not frame its messages', async () => {
    const [, b] = pair();
    const error = errorOf(b);
    // What y-webrtc over plain simple-peer sends: a sync message, type 0.
    channelOf(b).onmessage!({ data: Uint8Array.of(0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).buffer });
    expect((await error).message).toMatch(/unknown frame kind/);
  });

  it('refuses to send before the channel is open, as simple-peer would', () => {
    const [a] = pair();
    channelOf(a).readyState = 'connecting';
    expect(() => a.send(bytes(1))).toThrow(/before the data channel is open/);
  });

  it('destroys the connection if the channel fails mid-message', async () => {
    const [a] = pair();
    const error = errorOf(a);
    channelOf(a).send = () => {
      throw new Error('OperationError');
    };
    a.send(bytes(100));
    expect((await error).message).toBe('OperationError');
  });
});

describe('ChunkedPeer when both sides offer at once (glare)', () => {
  type Description = { type: RTCSdpType; sdp: string };

  /**
   * Negotiates as Chrome does, as far as glare goes: an offer applied over
   * our own rolls ours back, and setting our offer after theirs fails.
   */
  class NegotiatingPeerConnection {
    signalingState: RTCSignalingState = 'stable';
    localDescription: Description | null = null;
    remoteDescription: Description | null = null;
    readonly own = new FakeChannel();
    ondatachannel: ((event: { channel: FakeChannel }) => void) | null = null;
    onsignalingstatechange: (() => void) | null = null;
    private readonly stateListeners = new Set<() => void>();
    /** Resolves createOffer(); held open to catch the moment before our offer is set. */
    offerGate: Promise<void> = Promise.resolve();

    createDataChannel(): FakeChannel {
      this.own.readyState = 'connecting';
      return this.own;
    }
    async createOffer(): Promise<Description> {
      await this.offerGate;
      return { type: 'offer', sdp: 'our offer' };
    }
    async createAnswer(): Promise<Description> {
      return { type: 'answer', sdp: 'our answer' };
    }
    async setLocalDescription(description: Description): Promise<void> {
      await Promise.resolve();
      if (description.type === 'offer' && this.signalingState !== 'stable') {
        throw new Error(`Failed to set local offer sdp: Called in wrong state: ${this.signalingState}`);
      }
      this.localDescription = description;
      this.setState(description.type === 'offer' ? 'have-local-offer' : 'stable');
    }
    async setRemoteDescription(description: Description): Promise<void> {
      await Promise.resolve();
      if (description.type === 'offer' && this.signalingState === 'have-local-offer') {
        // Implicit rollback.
        this.localDescription = null;
        this.setState('stable');
      }
      this.remoteDescription = description;
      this.setState(description.type === 'offer' ? 'have-remote-offer' : 'stable');
    }
    addEventListener(_type: 'signalingstatechange', listener: () => void): void {
      this.stateListeners.add(listener);
    }
    removeEventListener(_type: 'signalingstatechange', listener: () => void): void {
      this.stateListeners.delete(listener);
    }
    close(): void {}
    private setState(state: RTCSignalingState): void {
      this.signalingState = state;
      this.onsignalingstatechange?.();
      for (const listener of [...this.stateListeners]) listener();
    }
  }

  const wrtc = { RTCPeerConnection: NegotiatingPeerConnection, RTCSessionDescription: class {
    constructor(init: Description) { Object.assign(this, init); }
  }, RTCIceCandidate: class {} };
  const peers: ChunkedPeer[] = [];
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  };

  afterEach(() => {
    for (const peer of peers.splice(0)) {
      peer.on('error', () => {});
      peer.destroy();
    }
  });

  /** An initiator, with every description it signals and any error it meets. */
  function initiator(): { peer: ChunkedPeer; pc: NegotiatingPeerConnection; sent: Description[]; errors: Error[] } {
    const peer = new ChunkedPeer({ initiator: true, wrtc });
    peers.push(peer);
    const sent: Description[] = [];
    const errors: Error[] = [];
    peer.on('signal', (signal: Description) => {
      if (signal.sdp) sent.push(signal);
    });
    peer.on('error', (error: Error) => errors.push(error));
    return { peer, pc: (peer as unknown as { _pc: NegotiatingPeerConnection })._pc, sent, errors };
  }

  /** The offerer's channel arrives, and messages cross it both ways. */
  async function expectAnswersOnTheirChannel(peer: ChunkedPeer, pc: NegotiatingPeerConnection): Promise<void> {
    expect(pc.own.readyState).toBe('closed');
    const theirs = new FakeChannel();
    const mine = new FakeChannel();
    theirs.remote = mine;
    mine.remote = theirs;
    const received: Uint8Array[] = [];
    peer.on('data', (data: Uint8Array) => received.push(new Uint8Array(data)));
    pc.ondatachannel!({ channel: theirs });
    expect(peer._channel).toBe(theirs);
    mine.send(frameMessage(0, Uint8Array.of(0, 1, 2))[0]!);
    mine.deliver();
    await settle();
    expect(received).toEqual([Uint8Array.of(0, 1, 2)]);
    peer.send(Uint8Array.of(9));
    expect(theirs.outbox).toHaveLength(1);
  }

  it('answers their offer on their channel when ours was already sent', async () => {
    const { peer, pc, sent, errors } = initiator();
    await settle();
    expect(sent.map((d) => d.type)).toEqual(['offer']);

    peer.signal({ type: 'offer', sdp: 'their offer' });
    await settle();
    expect(sent.map((d) => d.type)).toEqual(['offer', 'answer']);
    expect(pc.remoteDescription?.sdp).toBe('their offer');
    expect(errors).toEqual([]);
    expect(peer.destroyed).toBe(false);
    await expectAnswersOnTheirChannel(peer, pc);
  });

  it('answers their offer, and never sends its own, when ours was still being made', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { peer, pc, sent, errors } = (() => {
      const made = initiator();
      made.pc.offerGate = gate;
      return made;
    })();
    await settle();
    expect(pc.signalingState).toBe('stable');

    peer.signal({ type: 'offer', sdp: 'their offer' });
    release();
    await settle();
    expect(sent.map((d) => d.type)).toEqual(['answer']);
    expect(errors).toEqual([]);
    expect(peer.destroyed).toBe(false);
    await expectAnswersOnTheirChannel(peer, pc);
  });
});
