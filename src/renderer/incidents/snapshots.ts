/**
 * Where an incident's snapshot is encoded when its stored generation is
 * compacted (persistence.ts). Encoding the whole document is the one piece
 * of saving whose cost grows with the incident: a few hundred milliseconds
 * at 100,000 events, every ~1,300 of them, which on the main thread is a
 * frozen frame mid-capture. So the app keeps a copy of the document in a
 * Web Worker (snapshot-worker.ts), fed every change as it happens, and asks
 * the worker for the snapshot; the main thread only stores it.
 *
 * The copy is trusted only when it is provably the same document: the
 * worker's state vector must equal the one the document had when the
 * snapshot was asked for (both are sent in order, so nothing can fall
 * between). Otherwise, or with no worker at all (unit tests, a browser
 * that refuses one), the snapshot is encoded here, as before.
 */
import * as Y from 'yjs';
import { checksum } from './checksum';

export interface EncodedSnapshot {
  readonly bytes: Uint8Array;
  readonly stateVector: Uint8Array;
  readonly crc: number;
  /** Where it was encoded: in the worker, or on the thread that asked (the fallback). */
  readonly encodedIn: 'worker' | 'here';
}

export interface SnapshotEncoder {
  /** Takes a change of the document (every one, in any order: Yjs merges them the same). */
  take(update: Uint8Array): void;
  /** The whole document as it is now, encoded. */
  encode(doc: Y.Doc): Promise<EncodedSnapshot>;
  dispose(): void;
}

/** Encodes on the calling thread: the floor, and the fallback. */
export function encodeHere(doc: Y.Doc): EncodedSnapshot {
  const bytes = Y.encodeStateAsUpdate(doc);
  return { bytes, stateVector: Y.encodeStateVector(doc), crc: checksum(bytes), encodedIn: 'here' };
}

export const encoderHere: SnapshotEncoder = {
  take: () => undefined,
  encode: async (doc) => encodeHere(doc),
  dispose: () => undefined,
};

/** What the main thread sends the worker. */
export type SnapshotRequest = { readonly kind: 'take'; readonly updates: readonly Uint8Array[] } | { readonly kind: 'encode'; readonly id: number };

/** What the worker answers. */
export type SnapshotAnswer = ({ readonly kind: 'encoded'; readonly id: number } & EncodedSnapshot) | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** The worker's side: a copy of the document, kept up to date and encoded when asked. */
export function snapshotMirror(): (request: SnapshotRequest) => SnapshotAnswer | null {
  const mirror = new Y.Doc({ gc: true });
  let broken: string | null = null;
  return (request) => {
    if (request.kind === 'take') {
      try {
        for (const update of request.updates) Y.applyUpdate(mirror, update);
      } catch (error) {
        // The copy can no longer be trusted: every later snapshot is made on the main thread.
        broken = String(error);
      }
      return null;
    }
    if (broken) return { kind: 'failed', id: request.id, message: broken };
    return { kind: 'encoded', id: request.id, ...encodeHere(mirror), encodedIn: 'worker' };
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/**
 * An encoder backed by a worker. Changes are batched per task (a paste of
 * many entries is one message); a snapshot the worker cannot give, or gives
 * for another state, is encoded here instead.
 */
export function workerEncoder(start: () => Worker): SnapshotEncoder {
  let worker: Worker | null = null;
  try {
    worker = start();
  } catch {
    return encoderHere;
  }
  const waiting = new Map<number, (answer: SnapshotAnswer | null) => void>();
  let nextId = 0;
  let batch: Uint8Array[] = [];
  const flush = () => {
    if (!batch.length || !worker) return;
    worker.postMessage({ kind: 'take', updates: batch } satisfies SnapshotRequest);
    batch = [];
  };
  const fail = () => {
    worker?.terminate();
    worker = null;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  worker.onmessage = (event: MessageEvent<SnapshotAnswer>) => {
    const resolve = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    resolve?.(event.data);
  };
  worker.onerror = fail;
  return {
    take(update) {
      if (!worker) return;
      if (!batch.length) queueMicrotask(flush);
      batch.push(update);
    },
    async encode(doc) {
      const expected = Y.encodeStateVector(doc);
      if (!worker) return encodeHere(doc);
      flush();
      const id = nextId++;
      const answer = await new Promise<SnapshotAnswer | null>((resolve) => {
        waiting.set(id, resolve);
        worker!.postMessage({ kind: 'encode', id } satisfies SnapshotRequest);
      });
      if (answer?.kind === 'encoded' && sameBytes(answer.stateVector, expected)) return answer;
      // Not the document it was asked about: the copy is dropped, and this snapshot (and every later one) is made here.
      fail();
      return encodeHere(doc);
    },
    dispose: fail,
  };
}
