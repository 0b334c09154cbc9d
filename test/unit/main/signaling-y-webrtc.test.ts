/**
 * Protocol compatibility with y-webrtc's own client code, not a copy of it:
 * two y-webrtc WebrtcProviders (two separate instances of the y-webrtc module,
 * as two command posts would have) find each other through our server and
 * exchange a WebRTC offer, an answer and ICE candidates through it, in
 * y-webrtc's exact message shapes, in the clear and with a room password.
 *
 * Node has no WebRTC, so the RTCPeerConnection y-webrtc (through simple-peer)
 * drives is a fake that produces fixed SDP; everything else, the signaling
 * client (lib0/websocket over `ws`), the announce/signal protocol, glare
 * handling and the encryption, is y-webrtc's.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { startSignalingServer, type SignalingServer } from '../../../src/main/signaling/server';
import { connect, type Json, type TestClient } from './signaling-helpers';

type YWebrtc = typeof import('y-webrtc');
type Provider = InstanceType<YWebrtc['WebrtcProvider']>;

const Y_WEBRTC_URL = new URL('../../../node_modules/y-webrtc/src/y-webrtc.js', import.meta.url).href;

/** A fresh copy of the y-webrtc module: its rooms and signaling connections are module state. */
async function loadYWebrtc(instance: string): Promise<YWebrtc> {
  return (await import(/* @vite-ignore */ `${Y_WEBRTC_URL}?instance=${instance}`)) as YWebrtc;
}

interface Description {
  type: string;
  sdp: string;
}

/** Just enough of RTCPeerConnection for simple-peer to negotiate; it never connects. */
class FakePeerConnection {
  static created: FakePeerConnection[] = [];
  static counter = 0;
  readonly id = ++FakePeerConnection.counter;
  localDescription: Description | null = null;
  remoteDescription: Description | null = null;
  readonly candidates: unknown[] = [];
  signalingState = 'stable';
  iceConnectionState = 'new';
  iceGatheringState = 'new';
  connectionState = 'new';
  onicecandidate: ((event: { candidate: unknown }) => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  onicegatheringstatechange: (() => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  onsignalingstatechange: (() => void) | null = null;
  ondatachannel: ((event: unknown) => void) | null = null;
  ontrack: ((event: unknown) => void) | null = null;
  closed = false;

  constructor() {
    FakePeerConnection.created.push(this);
  }
  createDataChannel(label: string) {
    return { label, binaryType: 'arraybuffer', readyState: 'connecting', bufferedAmount: 0, close() {}, send() {} };
  }
  async createOffer(): Promise<Description> {
    return { type: 'offer', sdp: `v=0\r\no=fake-offer-${this.id}\r\n` };
  }
  async createAnswer(): Promise<Description> {
    return { type: 'answer', sdp: `v=0\r\no=fake-answer-${this.id}\r\n` };
  }
  async setLocalDescription(description: Description): Promise<void> {
    this.localDescription = description;
    // Trickle ICE: one host candidate, as a browser would report after this.
    setTimeout(() => this.onicecandidate?.({ candidate: { candidate: `candidate:${this.id} 1 udp 1 192.0.2.1 9 typ host`, sdpMLineIndex: 0, sdpMid: '0' } }), 0);
  }
  async setRemoteDescription(description: Description): Promise<void> {
    this.remoteDescription = { type: description.type, sdp: description.sdp };
  }
  async addIceCandidate(candidate: unknown): Promise<void> {
    this.candidates.push(candidate);
  }
  getStats(): Promise<unknown[]> {
    return Promise.resolve([]);
  }
  close(): void {
    this.closed = true;
  }
}

const fakeWrtc = {
  RTCPeerConnection: FakePeerConnection,
  RTCSessionDescription: class {
    constructor(init: Description) {
      Object.assign(this, init);
    }
  },
  RTCIceCandidate: class {
    constructor(init: object) {
      Object.assign(this, init);
    }
  },
};

let server: SignalingServer;
let observer: TestClient | undefined;
const providers: Provider[] = [];
const docs: Y.Doc[] = [];

beforeEach(async () => {
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  // lib0/websocket, y-webrtc's signaling client, uses the global WebSocket (Node 22 has one; 20 does not).
  vi.stubGlobal('WebSocket', WebSocket);
  FakePeerConnection.created = [];
});

afterEach(async () => {
  for (const provider of providers.splice(0)) {
    provider.disconnect();
    provider.destroy();
  }
  for (const doc of docs.splice(0)) doc.destroy();
  await observer?.close();
  observer = undefined;
  await vi.waitFor(() => expect(server.stats().connections).toBe(0));
  await server.close();
  vi.unstubAllGlobals();
});

async function peer(instance: string, room: string, password?: string): Promise<Provider> {
  const { WebrtcProvider } = await loadYWebrtc(instance);
  const doc = new Y.Doc();
  docs.push(doc);
  const provider = new WebrtcProvider(room, doc, {
    signaling: [server.url],
    ...(password ? { password } : {}),
    // Both providers share one process, so one BroadcastChannel: don't let y-webrtc
    // treat the other as a same-browser tab, which it would never signal to.
    filterBcConns: false,
    peerOpts: { wrtc: fakeWrtc },
  });
  providers.push(provider);
  return provider;
}

async function watch(room: string): Promise<TestClient> {
  observer = await connect(server.url);
  observer.send({ type: 'subscribe', topics: [room] });
  observer.send({ type: 'ping' });
  await observer.next((m) => m['type'] === 'pong');
  return observer;
}

function peerIdOf(provider: Provider): string {
  if (!provider.room) throw new Error('room not open yet');
  return provider.room.peerId;
}

async function introduced(a: Provider, b: Provider): Promise<void> {
  await vi.waitFor(
    () => {
      expect(a.room?.webrtcConns.has(peerIdOf(b))).toBe(true);
      expect(b.room?.webrtcConns.has(peerIdOf(a))).toBe(true);
      // An offer went one way and its answer came back, through the server.
      const remote = FakePeerConnection.created.map((pc) => pc.remoteDescription?.type).sort();
      expect(remote).toContain('offer');
      expect(remote).toContain('answer');
      // And the ICE candidates of the pair that negotiated.
      const answered = FakePeerConnection.created.find((pc) => pc.remoteDescription?.type === 'answer');
      expect(answered?.candidates.length).toBeGreaterThan(0);
    },
    { timeout: 5_000, interval: 20 },
  );
}

describe('y-webrtc against our signaling server', () => {
  it('introduces two providers in the same room: announce, offer, answer, candidates', async () => {
    const watcher = await watch('incident-42');
    const a = await peer('a', 'incident-42');
    const b = await peer('b', 'incident-42');
    await introduced(a, b);

    const published = watcher.received.filter((m) => m['type'] === 'publish');
    const data = published.map((m) => m['data'] as Json);
    // y-webrtc's exact shapes, as our server forwarded them.
    for (const message of published) {
      expect(message).toMatchObject({ type: 'publish', topic: 'incident-42', clients: expect.any(Number) });
      expect(Object.keys(message).sort()).toEqual(['clients', 'data', 'topic', 'type']);
    }
    expect(data).toContainEqual({ type: 'announce', from: peerIdOf(a) });
    expect(data).toContainEqual({ type: 'announce', from: peerIdOf(b) });
    const offer = data.find((d) => (d['signal'] as Json | undefined)?.['type'] === 'offer');
    expect(offer).toMatchObject({ type: 'signal', token: expect.any(Number), signal: { type: 'offer', sdp: expect.stringMatching(/^v=0/) } });
    const answer = data.find((d) => (d['signal'] as Json | undefined)?.['type'] === 'answer');
    expect(answer).toMatchObject({ type: 'signal', to: offer?.['from'], from: offer?.['to'], signal: { type: 'answer' } });
    expect(data.some((d) => (d['signal'] as Json | undefined)?.['type'] === 'candidate')).toBe(true);

    // Two providers and the watcher, each on one topic.
    expect(server.stats()).toMatchObject({ connections: 3, topics: 1 });
  });

  it('reconnects on its own, with backoff, when the signaling server comes back, and introduces newcomers again', async () => {
    const a = await peer('r1', 'incident-50', 'secret');
    const conn = () => a.signalingConns[0] as unknown as { connected: boolean; unsuccessfulReconnects: number };
    await vi.waitFor(() => expect(conn().connected).toBe(true), { timeout: 5_000 });
    const port = server.port;
    await server.close();
    await vi.waitFor(() => expect(conn().connected).toBe(false), { timeout: 5_000 });
    // Down for a while: the client keeps trying, further apart each time (lib0's backoff).
    await vi.waitFor(() => expect(conn().unsuccessfulReconnects).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    server = await startSignalingServer({ host: '127.0.0.1', port });
    await vi.waitFor(() => expect(conn().connected).toBe(true), { timeout: 15_000, interval: 100 });
    const b = await peer('r2', 'incident-50', 'secret');
    await introduced(a, b);
  });

  it('does the same with a room password, when all the server sees is ciphertext', async () => {
    const watcher = await watch('incident-43');
    const a = await peer('c', 'incident-43', 'correct horse');
    const b = await peer('d', 'incident-43', 'correct horse');
    await introduced(a, b);
    const published = watcher.received.filter((m) => m['type'] === 'publish');
    expect(published.length).toBeGreaterThanOrEqual(4);
    for (const message of published) expect(message['data']).toEqual(expect.stringMatching(/^[A-Za-z0-9+/]+=*$/));
    expect(JSON.stringify(published)).not.toContain(peerIdOf(a));
  });

  it('keeps rooms apart', async () => {
    const a = await peer('e', 'incident-1');
    const b = await peer('f', 'incident-2');
    await vi.waitFor(() => expect(server.stats()).toMatchObject({ connections: 2, topics: 2 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.room?.webrtcConns.size).toBe(0);
    expect(b.room?.webrtcConns.size).toBe(0);
    expect(FakePeerConnection.created).toHaveLength(0);
  });

  it('is never cut off for not subscribing: y-webrtc subscribes as it connects, even before a password room opens', async () => {
    await server.close();
    server = await startSignalingServer({ host: '127.0.0.1', port: 0, subscribeTimeoutMs: 500 });
    const a = await peer('s1', 'incident-45', 'secret');
    const b = await peer('s2', 'incident-46');
    const conns = [a, b].map((p) => p.signalingConns[0] as unknown as { connected: boolean; unsuccessfulReconnects: number; ws: unknown });
    await vi.waitFor(() => expect(conns.every((c) => c.connected)).toBe(true), { timeout: 5_000 });
    const sockets = conns.map((c) => c.ws);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Still the same sockets: none was closed and made again.
    expect(conns.map((c, i) => c.ws === sockets[i])).toEqual([true, true]);
    expect(server.stats()).toMatchObject({ connections: 2, topics: 2 });
  });

  it("answers y-webrtc's keep-alive ping, and lets a leaving provider unsubscribe", async () => {
    const a = await peer('g', 'incident-44');
    await vi.waitFor(() => expect(server.stats()).toMatchObject({ connections: 1, topics: 1 }));
    const signaling = (a as unknown as { signalingConns: { send(m: unknown): void; on(e: string, f: (m: Json) => void): void }[] }).signalingConns[0];
    if (!signaling) throw new Error('no signaling connection');
    const pong = new Promise<Json>((resolve) => signaling.on('message', (m) => m['type'] === 'pong' && resolve(m)));
    // lib0/websocket sends exactly this every 15 s and reconnects if nothing comes back in 30 s.
    signaling.send({ type: 'ping' });
    expect(await pong).toEqual({ type: 'pong' });

    a.room?.disconnect();
    await vi.waitFor(() => expect(server.stats()).toMatchObject({ connections: 1, topics: 0 }));
  });

  it('a room that was left (sync paused) neither announces itself again nor takes connections, while its signaling connection lives on for another room (patches/y-webrtc)', async () => {
    const a = await peer('p1', 'incident-60');
    const left = await peer('p2', 'incident-60');
    await introduced(a, left);
    // Another incident of the same module shares the signaling connection and keeps it open.
    const { WebrtcProvider } = await loadYWebrtc('p2');
    const other = new WebrtcProvider('incident-61', new Y.Doc(), { signaling: [server.url], filterBcConns: false, peerOpts: { wrtc: fakeWrtc } });
    providers.push(other);
    await vi.waitFor(() => expect(server.stats().topics).toBe(2));

    // Pause: leave the room. Its connections close; unpatched, each close announced the left room again.
    const watcher = await watch('incident-60');
    left.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A newcomer announces itself in the room the paused machine left.
    const newcomer = await peer('p3', 'incident-60');
    await vi.waitFor(() => expect(newcomer.room?.webrtcConns.has(peerIdOf(a))).toBe(true), { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));

    const announced = watcher.received.filter((m) => m['type'] === 'publish').map((m) => (m['data'] as Json)['from']);
    expect(announced).not.toContain(peerIdOf(left));
    expect(left.room?.webrtcConns.size).toBe(0);
    expect(newcomer.room?.webrtcConns.has(peerIdOf(left))).toBe(false);
  });
});
