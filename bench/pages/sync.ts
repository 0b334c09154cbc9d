/**
 * One peer of the sync benchmark (bench/sync.mjs drives one such page per
 * Chromium browser). It runs the app's real sync code, nothing
 * re-implemented: IncidentSync (y-webrtc, with simple-peer replaced by the
 * chunked peer through the same Vite alias the app is built with), the
 * commands from src/shared/incident, and the projection the app's store
 * renders from. It only adds clocks.
 *
 * Every time is read from one clock, performance.timeOrigin +
 * performance.now(): milliseconds since the Unix epoch from the system's
 * monotonic clock, so pages in different browser processes on one machine
 * can compare their readings (the runner checks how well they agree).
 *
 * The baseline side (a bare RTCDataChannel between two of these pages) is in
 * bare-channel.ts.
 */
import * as Y from 'yjs';
import { IncidentSync } from '../../src/renderer/incidents/sync/connection';
import type { ShareEntry } from '../../src/renderer/incidents/db';
import { createIncidentDoc, declareIncident, logEvent, projectionOf, timelineOf, type CommandContext } from '../../src/shared/incident';
import { secretFromBytes, SECRET_BYTES } from '../../src/shared/sync/invite';
import { bareChannel, type BareChannel } from './bare-channel';
import { longIncidentWriter } from './long-incident';

export const now = (): number => performance.timeOrigin + performance.now();

/**
 * Every message this page hands to any data channel (the app's frames and
 * the baseline's alike), counted around the browser's own send(), so the
 * bench can report how many messages one timeline event costs the room
 * without touching the app's code.
 */
const sent = { messages: 0, bytes: 0 };
const send = RTCDataChannel.prototype.send;
RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: never) {
  sent.messages++;
  sent.bytes += (data as ArrayBufferView | ArrayBuffer).byteLength ?? 0;
  return send.call(this, data);
};

export interface Share {
  readonly incidentId: string;
  readonly secret: string;
  readonly signaling: string[];
}

export interface PeerState {
  readonly connectedPeers: number;
  readonly synced: boolean;
  readonly people: number;
  readonly events: number;
}

/** What a joining peer saw, on the shared clock. */
export interface FullSyncTimes {
  /** IncidentSync created (y-webrtc starts deriving the room key and signaling). */
  readonly joinedAt: number;
  /** The first peer's presence arrived: a data channel is open and carrying messages. */
  readonly presenceAt: number | null;
  /** The doc's timeline holds every event (a timeline observer registered before the projection's). */
  readonly docCompleteAt: number;
  /** The projection the app renders from published a snapshot with every event. */
  readonly projectedAt: number;
  readonly events: number;
}

export interface SyncBench {
  now(): number;
  /** A share of this incident with a fresh room secret, as the share dialog makes one. */
  newShare(incidentId: string, signaling: string[]): Share;
  /** Opens this peer's doc of the incident (empty until something arrives). */
  open(incidentId: string, peerName: string): void;
  /** Declares the incident through the real command (the first peer does this). */
  declare(): void;
  /** This peer's whole doc, base64: what every other peer of a propagation room starts from. */
  encoded(): string;
  /** Opens this peer's doc of the incident holding exactly what `encoded` holds, as after a full sync. */
  openCopy(incidentId: string, peerName: string, encoded: string): void;
  /** Writes the long incident (long-incident.ts) into a fresh doc; returns its id and size. */
  seedLong(events: number, peerName: string): Promise<{ incidentId: string; events: number; updateBytes: number; seedMs: number }>;
  /** Starts syncing this peer's doc through the given share. */
  join(share: Share): number;
  /** Resolves once exactly `peers` peers are connected (and synced, and present) and the projection holds `events` events. */
  waitPeers(peers: number, events: number, timeoutMs: number): Promise<PeerState>;
  state(): PeerState;
  /** Logs a note through the real command; returns its id, the time just before the command, and its update's size. */
  log(text: string): { id: string; at: number; bytes: number };
  /** When the projection first showed this event (waits for it). */
  arrival(id: string, timeoutMs: number): Promise<number>;
  /** Opens a fresh doc, joins and waits until its projection holds `events` events. */
  fullSync(share: Share, events: number, peerName: string, timeoutMs: number): Promise<FullSyncTimes>;
  /** The state update the holder would send a newcomer, for the baseline. */
  bare: BareChannel;
  /** Data channel messages sent from this page so far. */
  sent(): { messages: number; bytes: number };
  leave(): void;
}

interface Peer {
  readonly doc: Y.Doc;
  readonly ctx: CommandContext;
  sync: IncidentSync | null;
  /** Event id -> when the projection first showed it. */
  readonly seen: Map<string, number>;
  readonly waiting: Map<string, (at: number) => void>;
  readonly changed: Set<() => void>;
}

let peer: Peer | null = null;

function current(): Peer {
  if (!peer) throw new Error('No incident is open in this page.');
  return peer;
}

function openPeer(doc: Y.Doc, peerName: string): Peer {
  if (peer) throw new Error('This page already holds a peer; the bench opens one per page.');
  const opened: Peer = {
    doc,
    ctx: { actor: peerName, now: Date.now, newId: () => crypto.randomUUID() },
    sync: null,
    seen: new Map(),
    waiting: new Map(),
    changed: new Set(),
  };
  // The app's store takes its snapshots from this projection
  // (src/renderer/stores/incident.ts): an event is ready to render the moment
  // it is published here.
  let previous = projectionOf(doc).snapshot.timeline;
  projectionOf(doc).subscribe((snapshot) => {
    const at = now();
    // What this version added (wherever it sorts: one logged earlier elsewhere
    // can sort before ours); the whole timeline only when that is not known,
    // so that on a long incident the bench does not add a pass over it.
    const added = snapshot.timeline.changesSince(previous)?.added ?? snapshot.timeline;
    previous = snapshot.timeline;
    for (const { id } of added) {
      if (opened.seen.has(id)) continue;
      opened.seen.set(id, at);
      opened.waiting.get(id)?.(at);
      opened.waiting.delete(id);
    }
    for (const listener of opened.changed) listener();
  });
  peer = opened;
  return opened;
}

function state(p: Peer): PeerState {
  const s = p.sync?.state;
  return {
    connectedPeers: s?.connectedPeers ?? 0,
    synced: s?.synced ?? false,
    people: s?.people.length ?? 0,
    events: projectionOf(p.doc).snapshot.timeline.length,
  };
}

function startSync(p: Peer, share: Share): number {
  const entry: ShareEntry = { incidentId: share.incidentId, secret: share.secret, signaling: share.signaling, sharedAt: Date.now() };
  const joinedAt = now();
  p.sync = new IncidentSync(p.doc, entry, { me: p.ctx.actor });
  p.sync.subscribe(() => {
    for (const listener of p.changed) listener();
  });
  return joinedAt;
}

/** Resolves when test() holds, checked whenever sync state or the projection changes; rejects after timeoutMs. */
function until<T>(p: Peer, test: () => T | null, timeoutMs: number, what: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const result = test();
      if (result === null) return;
      p.changed.delete(check);
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      p.changed.delete(check);
      reject(new Error(`${what()} after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    p.changed.add(check);
    check();
  });
}

const bench: SyncBench = {
  now,
  newShare(incidentId, signaling) {
    return { incidentId, secret: secretFromBytes(crypto.getRandomValues(new Uint8Array(SECRET_BYTES))), signaling };
  },
  open(incidentId, peerName) {
    openPeer(createIncidentDoc(incidentId), peerName);
  },
  declare() {
    const p = current();
    declareIncident(p.doc, { name: 'Sync bench', severity: 'SEV-2', synopsis: 'Propagation between command posts, measured.' }, p.ctx);
  },
  encoded() {
    const bytes = Y.encodeStateAsUpdate(current().doc);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  },
  openCopy(incidentId, peerName, encoded) {
    const doc = createIncidentDoc(incidentId);
    Y.applyUpdate(doc, Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
    openPeer(doc, peerName);
  },
  async seedLong(events, peerName) {
    const started = now();
    const writer = longIncidentWriter();
    const doc = createIncidentDoc(writer.uuid());
    // Let the page breathe between batches, as the app would between keystrokes.
    await writer.write(doc, events, () => new Promise((resolve) => setTimeout(resolve, 0)));
    const p = openPeer(doc, peerName);
    return {
      incidentId: doc.guid,
      events: projectionOf(p.doc).snapshot.timeline.length,
      updateBytes: Y.encodeStateAsUpdate(doc).byteLength,
      seedMs: Math.round(now() - started),
    };
  },
  join(share) {
    return startSync(current(), share);
  },
  waitPeers(peers, events, timeoutMs) {
    const p = current();
    return until(
      p,
      () => {
        const s = state(p);
        // A peer that left may linger in presence until its awareness times out; connections tell.
        return s.connectedPeers === peers && (peers === 0 || (s.synced && s.people === peers)) && s.events >= events ? s : null;
      },
      timeoutMs,
      () => `Waiting for ${peers} synced peers and ${events} events: ${JSON.stringify(state(p))}`,
    );
  },
  state() {
    return state(current());
  },
  log(text) {
    const p = current();
    let bytes = 0;
    const measure = (update: Uint8Array) => (bytes = update.byteLength);
    p.doc.once('update', measure);
    const at = now();
    const event = logEvent(p.doc, { kind: 'note', text }, p.ctx);
    return { id: event.id, at, bytes };
  },
  arrival(id, timeoutMs) {
    const p = current();
    const seen = p.seen.get(id);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        p.waiting.delete(id);
        reject(new Error(`Event ${id} did not arrive within ${timeoutMs / 1000} s: ${JSON.stringify(state(p))}`));
      }, timeoutMs);
      p.waiting.set(id, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  },
  async fullSync(share, events, peerName, timeoutMs) {
    const doc = createIncidentDoc(share.incidentId);
    // Registered before the projection's observer, so it fires first.
    let docCompleteAt: number | null = null;
    timelineOf(doc).observe(() => {
      if (docCompleteAt === null && timelineOf(doc).length >= events) docCompleteAt = now();
    });
    const p = openPeer(doc, peerName);
    let presenceAt: number | null = null;
    p.changed.add(() => {
      if (presenceAt === null && (p.sync?.state.people.length ?? 0) > 0) presenceAt = now();
    });
    const joinedAt = startSync(p, share);
    const projectedAt = await until(
      p,
      () => {
        const snapshot = projectionOf(doc).snapshot;
        return snapshot.timeline.length >= events ? p.seen.get(snapshot.timeline.at(-1)!.id)! : null;
      },
      timeoutMs,
      () => `Full sync of ${events} events: ${JSON.stringify(state(p))}`,
    );
    return { joinedAt, presenceAt, docCompleteAt: docCompleteAt ?? projectedAt, projectedAt, events: projectionOf(doc).snapshot.timeline.length };
  },
  bare: bareChannel(() => peer?.doc ?? null),
  sent: () => ({ ...sent }),
  leave() {
    if (!peer) return;
    peer.sync?.destroy();
    peer.doc.destroy();
    peer = null;
  },
};

declare global {
  interface Window {
    syncBench?: SyncBench;
  }
}

window.syncBench = bench;
document.getElementById('status')!.textContent = 'Ready';
window.dispatchEvent(new Event('bench-ready'));
