/**
 * The sync bench's baseline: a bare RTCDataChannel between two bench pages,
 * in the same browsers, on the same machine, at the same moment as the app's
 * sync. No y-webrtc, no simple-peer, no signaling server (bench/sync.mjs
 * hands the offer and answer across), no room encryption beyond WebRTC's own
 * DTLS, no Yjs on the way: what moving the bytes costs, and nothing else.
 *
 * - ping(): one small message, timed from send() to the receiver's
 *   'message' event: the floor of propagating one timeline event.
 * - sendState() / expectState(): the whole incident, Y.encodeStateAsUpdate
 *   of the holder's doc (the bytes y-webrtc's sync step 2 carries to a
 *   newcomer), cut into frames that fit a data channel message, sent with a
 *   plain bufferedAmount window, reassembled and applied to a fresh Y.Doc:
 *   the floor of a newcomer's full sync once a channel is open.
 */
import * as Y from 'yjs';
import { createIncidentDoc, timelineOf } from '../../src/shared/incident';

const now = (): number => performance.timeOrigin + performance.now();

const PING = 1;
const STATE = 2;
/** kind (1) + index (4) + count (4) */
const STATE_HEADER = 9;
const GATHER_TIMEOUT_MS = 10_000;

export interface StateSent {
  readonly startedAt: number;
  /** Y.encodeStateAsUpdate done. */
  readonly encodedAt: number;
  /** The last frame handed to the channel. */
  readonly sentAt: number;
  readonly bytes: number;
  readonly frames: number;
}

export interface StateReceived {
  readonly firstFrameAt: number;
  /** The last frame arrived and the update is whole again. */
  readonly receivedAt: number;
  /** Applied to a fresh Y.Doc. */
  readonly appliedAt: number;
  readonly bytes: number;
  /** Timeline entries in the fresh doc afterwards (a check, not timed). */
  readonly events: number;
}

export interface BareChannel {
  offer(): Promise<RTCSessionDescriptionInit>;
  answer(offer: RTCSessionDescriptionInit): Promise<RTCSessionDescriptionInit>;
  accept(answer: RTCSessionDescriptionInit): Promise<void>;
  opened(timeoutMs: number): Promise<void>;
  /** Sends ping `seq` of `bytes` bytes; returns the time just before send(). */
  ping(seq: number, bytes: number): number;
  /** When ping `seq` arrived here (waits for it). */
  pingArrival(seq: number, timeoutMs: number): Promise<number>;
  /** Sends this page's incident, framed at chunkBytes, keeping at most highWaterBytes queued on the channel. */
  sendState(chunkBytes: number, highWaterBytes: number): Promise<StateSent>;
  /** Readies this page to receive an incident (before the sender starts). */
  expectState(incidentId: string): void;
  /** Waits until the incident has arrived and been applied. */
  stateArrival(timeoutMs: number): Promise<StateReceived>;
  close(): void;
}

interface Incoming {
  readonly incidentId: string;
  readonly chunks: Uint8Array[];
  received: number;
  firstFrameAt: number | null;
}

export function bareChannel(docOf: () => Y.Doc | null): BareChannel {
  let pc: RTCPeerConnection | null = null;
  let channel: RTCDataChannel | null = null;
  const pings = new Map<number, number>();
  const pingWaiters = new Map<number, (at: number) => void>();
  let incoming: Incoming | null = null;
  let received: StateReceived | null = null;
  let stateWaiter: ((result: StateReceived) => void) | null = null;

  const onMessage = (event: MessageEvent<ArrayBuffer>) => {
    const at = now();
    const view = new DataView(event.data);
    const kind = view.getUint8(0);
    if (kind === PING) {
      const seq = view.getUint32(1);
      pings.set(seq, at);
      pingWaiters.get(seq)?.(at);
      pingWaiters.delete(seq);
      return;
    }
    if (kind !== STATE || !incoming) throw new Error(`Unexpected bare message of kind ${kind}`);
    const index = view.getUint32(1);
    const count = view.getUint32(5);
    incoming.firstFrameAt ??= at;
    incoming.chunks[index] = new Uint8Array(event.data, STATE_HEADER);
    if (++incoming.received < count) return;
    const whole = new Uint8Array(incoming.chunks.reduce((n, c) => n + c.byteLength, 0));
    let offset = 0;
    for (const chunk of incoming.chunks) {
      whole.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const receivedAt = now();
    const doc = createIncidentDoc(incoming.incidentId);
    Y.applyUpdate(doc, whole, 'bench:bare');
    const appliedAt = now();
    const result = { firstFrameAt: incoming.firstFrameAt, receivedAt, appliedAt, bytes: whole.byteLength, events: timelineOf(doc).length };
    doc.destroy();
    incoming = null;
    received = result;
    stateWaiter?.(result);
    stateWaiter = null;
  };

  const create = (): RTCPeerConnection => {
    if (pc) throw new Error('A bare channel is already set up in this page.');
    // No ICE servers, as the app on a LAN: host candidates only.
    pc = new RTCPeerConnection({ iceServers: [] });
    // Negotiated on both sides, so neither waits for 'datachannel'.
    channel = pc.createDataChannel('bench', { negotiated: true, id: 0, ordered: true });
    channel.binaryType = 'arraybuffer';
    channel.onmessage = onMessage;
    return pc;
  };

  /** The whole description once every candidate is in it (no trickling through the runner). */
  const gathered = (conn: RTCPeerConnection): Promise<RTCSessionDescriptionInit> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('ICE gathering did not complete')), GATHER_TIMEOUT_MS);
      const check = () => {
        if (conn.iceGatheringState !== 'complete') return;
        clearTimeout(timer);
        conn.removeEventListener('icegatheringstatechange', check);
        resolve(conn.localDescription!.toJSON() as RTCSessionDescriptionInit);
      };
      conn.addEventListener('icegatheringstatechange', check);
      check();
    });

  return {
    async offer() {
      const conn = create();
      await conn.setLocalDescription(await conn.createOffer());
      return gathered(conn);
    },
    async answer(offer) {
      const conn = create();
      await conn.setRemoteDescription(offer);
      await conn.setLocalDescription(await conn.createAnswer());
      return gathered(conn);
    },
    async accept(answer) {
      if (!pc) throw new Error('No offer was made in this page.');
      await pc.setRemoteDescription(answer);
    },
    opened(timeoutMs) {
      const ch = channel;
      if (!ch) return Promise.reject(new Error('No bare channel in this page.'));
      if (ch.readyState === 'open') return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`The bare channel did not open within ${timeoutMs / 1000} s (${ch.readyState})`)), timeoutMs);
        ch.addEventListener('open', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    ping(seq, bytes) {
      if (!channel) throw new Error('No bare channel in this page.');
      const message = new Uint8Array(Math.max(5, bytes));
      const view = new DataView(message.buffer);
      view.setUint8(0, PING);
      view.setUint32(1, seq);
      const at = now();
      channel.send(message);
      return at;
    },
    pingArrival(seq, timeoutMs) {
      const seen = pings.get(seq);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pingWaiters.delete(seq);
          reject(new Error(`Bare ping ${seq} did not arrive within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        pingWaiters.set(seq, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
    async sendState(chunkBytes, highWaterBytes) {
      const ch = channel;
      const doc = docOf();
      if (!ch || !doc) throw new Error('No bare channel or no incident in this page.');
      const startedAt = now();
      const update = Y.encodeStateAsUpdate(doc);
      const encodedAt = now();
      const count = Math.ceil(update.byteLength / chunkBytes);
      ch.bufferedAmountLowThreshold = Math.floor(highWaterBytes / 2);
      for (let index = 0; index < count; index++) {
        if (ch.bufferedAmount >= highWaterBytes) {
          await new Promise<void>((resolve) => ch.addEventListener('bufferedamountlow', () => resolve(), { once: true }));
        }
        const payload = update.subarray(index * chunkBytes, (index + 1) * chunkBytes);
        const frame = new Uint8Array(STATE_HEADER + payload.byteLength);
        const view = new DataView(frame.buffer);
        view.setUint8(0, STATE);
        view.setUint32(1, index);
        view.setUint32(5, count);
        frame.set(payload, STATE_HEADER);
        ch.send(frame);
      }
      return { startedAt, encodedAt, sentAt: now(), bytes: update.byteLength, frames: count };
    },
    expectState(incidentId) {
      if (incoming) throw new Error('Already receiving an incident.');
      received = null;
      incoming = { incidentId, chunks: [], received: 0, firstFrameAt: null };
    },
    stateArrival(timeoutMs) {
      if (received) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          stateWaiter = null;
          reject(new Error(`The incident did not arrive over the bare channel within ${timeoutMs / 1000} s (${incoming?.received ?? 0} frames)`));
        }, timeoutMs);
        stateWaiter = (result) => {
          clearTimeout(timer);
          resolve(result);
        };
      });
    },
    close() {
      channel?.close();
      pc?.close();
      channel = null;
      pc = null;
      pings.clear();
    },
  };
}
