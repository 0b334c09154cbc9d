/**
 * Where an incident's snapshot is encoded and stored when its stored
 * generation is compacted (persistence.ts). This is the one piece of saving
 * whose cost grows with the incident: at 200,000 events the snapshot is
 * some 38 MB, and encoding it, then handing it to IndexedDB twice (the
 * record and its backup), froze the main thread for over a second, mid-
 * capture. So the app keeps a copy of the open document in a Web Worker
 * (snapshot-worker.ts), fed every change as it happens, and the worker
 * encodes the snapshot and stores it; the main thread only tidies up the
 * generation it replaces (in a second transaction: a crash between the two
 * leaves both, which the next load applies and the next compaction tidies).
 *
 * The copy is trusted only when it is provably the same document: the
 * worker stores nothing unless its state vector equals the one the document
 * had when the snapshot was asked for (changes and the request travel in
 * order, so nothing can fall between). Otherwise, or with no worker at all
 * (unit tests, a browser that refuses one), the snapshot is encoded and
 * stored here, as before.
 *
 * The same copy makes the postmortem's export files (a format takes 50 to
 * 150 ms to write at 20,000 events), under the same rule: only when it is
 * provably the document, or the file is made on the main thread.
 */
import * as Y from 'yjs';
import { checksum } from './checksum';
import type { CommandPostDb, SnapshotBackup, StoredRecord } from './db';
import type { TextFile } from '../host/types';
import type { WireExportRequest } from '../features/postmortem/export-content';

/** A snapshot stored: its record's seq, what it covers, and where it was encoded. */
export interface StoredSnapshot {
  readonly seq: number;
  readonly stateVector: Uint8Array;
  readonly bytes: number;
  readonly encodedIn: 'worker' | 'here';
}

export interface SnapshotEncoder {
  /** Takes a change of the document (every one, in any order: Yjs merges them the same). */
  take(update: Uint8Array): void;
  /** Encodes the whole document as it is now and stores it, with its backup, in one transaction. */
  store(doc: Y.Doc, db: CommandPostDb, savedAt: number): Promise<StoredSnapshot>;
  /** Makes an export file from the copy; null when there is no copy to trust (the caller makes it). */
  exportFile?(doc: Y.Doc, request: WireExportRequest): Promise<TextFile | null>;
  dispose(): void;
}

/** The two rows a snapshot is stored as (the backup's seq is set once the record has one). */
function snapshotRows(incidentId: string, bytes: Uint8Array, stateVector: Uint8Array, savedAt: number): { record: StoredRecord; backup: Omit<SnapshotBackup, 'snapshot'> } {
  const crc = checksum(bytes);
  return { record: { incidentId, kind: 'snapshot', bytes, crc, savedAt, stateVector }, backup: { incidentId, bytes, crc, stateVector } };
}

/** Encodes and stores on the calling thread: the fallback. */
async function storeHere(doc: Y.Doc, db: CommandPostDb, savedAt: number): Promise<StoredSnapshot> {
  const bytes = Y.encodeStateAsUpdate(doc);
  const stateVector = Y.encodeStateVector(doc);
  const { record, backup } = snapshotRows(doc.guid, bytes, stateVector, savedAt);
  let seq = -1;
  await db.transaction('rw', db.records, db.backups, async () => {
    seq = (await db.records.add(record)) as number;
    await db.backups.add({ ...backup, snapshot: seq });
  });
  return { seq, stateVector, bytes: bytes.byteLength, encodedIn: 'here' };
}

export const encoderHere: SnapshotEncoder = {
  take: () => undefined,
  store: storeHere,
  dispose: () => undefined,
};

/** What the main thread sends the worker. */
export type SnapshotRequest =
  | { readonly kind: 'take'; readonly updates: readonly Uint8Array[] }
  | { readonly kind: 'store'; readonly id: number; readonly dbName: string; readonly incidentId: string; readonly savedAt: number; readonly stateVector: Uint8Array }
  | { readonly kind: 'export'; readonly id: number; readonly request: WireExportRequest; readonly stateVector: Uint8Array };

/** What the worker answers. */
export type SnapshotAnswer =
  | { readonly kind: 'stored'; readonly id: number; readonly seq: number; readonly bytes: number }
  | { readonly kind: 'exported'; readonly id: number; readonly file: TextFile }
  | { readonly kind: 'refused'; readonly id: number; readonly message: string };

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** Adds the snapshot and its backup in one strict transaction, through IndexedDB itself (a worker has no Dexie of its own). */
async function addSnapshot(dbName: string, rows: ReturnType<typeof snapshotRows>): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('The database did not open.'));
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      const tx = db.transaction(['records', 'backups'], 'readwrite', { durability: 'strict' });
      const add = tx.objectStore('records').add(rows.record);
      add.onsuccess = () => tx.objectStore('backups').add({ ...rows.backup, snapshot: add.result as number });
      tx.oncomplete = () => resolve(add.result as number);
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('The snapshot was not stored.'));
    });
  } finally {
    // Not kept open: a later version of the app upgrading the database must not wait on it.
    db.close();
  }
}

/**
 * The worker's side: a copy of the document, kept up to date, and stored as
 * a snapshot when asked. `makeFile` writes an export file from it (given by
 * the worker, so that storage does not depend on the report writers).
 */
export function snapshotMirror(makeFile?: (request: WireExportRequest, doc: Y.Doc) => TextFile): (request: SnapshotRequest) => Promise<SnapshotAnswer | null> {
  const mirror = new Y.Doc({ gc: true });
  let broken: string | null = null;
  return async (request) => {
    if (request.kind === 'take') {
      try {
        for (const update of request.updates) Y.applyUpdate(mirror, update);
      } catch (error) {
        // The copy can no longer be trusted: every later snapshot is made on the main thread.
        broken = String(error);
      }
      return null;
    }
    if (broken) return { kind: 'refused', id: request.id, message: broken };
    const stateVector = Y.encodeStateVector(mirror);
    if (!sameBytes(stateVector, request.stateVector)) return { kind: 'refused', id: request.id, message: 'The copy is not the document.' };
    if (request.kind === 'export') {
      if (!makeFile) return { kind: 'refused', id: request.id, message: 'This copy makes no files.' };
      try {
        return { kind: 'exported', id: request.id, file: makeFile(request.request, mirror) };
      } catch (error) {
        return { kind: 'refused', id: request.id, message: String(error) };
      }
    }
    const bytes = Y.encodeStateAsUpdate(mirror);
    try {
      const seq = await addSnapshot(request.dbName, snapshotRows(request.incidentId, bytes, stateVector, request.savedAt));
      return { kind: 'stored', id: request.id, seq, bytes: bytes.byteLength };
    } catch (error) {
      return { kind: 'refused', id: request.id, message: String(error) };
    }
  };
}

/**
 * An encoder backed by a worker. Changes are batched per task (a paste of
 * many entries is one message); a snapshot the worker does not store is
 * stored here instead, and the worker is not asked again.
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
  const drop = () => {
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
  worker.onerror = drop;
  return {
    take(update) {
      if (!worker) return;
      if (!batch.length) queueMicrotask(flush);
      batch.push(update);
    },
    async store(doc, db, savedAt) {
      if (!worker) return storeHere(doc, db, savedAt);
      const stateVector = Y.encodeStateVector(doc);
      flush();
      const id = nextId++;
      const answer = await new Promise<SnapshotAnswer | null>((resolve) => {
        waiting.set(id, resolve);
        worker!.postMessage({ kind: 'store', id, dbName: db.name, incidentId: doc.guid, savedAt, stateVector } satisfies SnapshotRequest);
      });
      if (answer?.kind === 'stored') return { seq: answer.seq, stateVector, bytes: answer.bytes, encodedIn: 'worker' };
      drop();
      return storeHere(doc, db, savedAt);
    },
    async exportFile(doc, request) {
      if (!worker) return null;
      const stateVector = Y.encodeStateVector(doc);
      flush();
      const id = nextId++;
      const answer = await new Promise<SnapshotAnswer | null>((resolve) => {
        waiting.set(id, resolve);
        try {
          worker!.postMessage({ kind: 'export', id, request, stateVector } satisfies SnapshotRequest);
        } catch {
          // Something in the request that cannot be copied to a worker: the file is made by the caller.
          waiting.delete(id);
          resolve(null);
        }
      });
      // A copy that is behind, or a file it could not make: only this file is made by the caller; snapshots go on as they were.
      return answer?.kind === 'exported' ? answer.file : null;
    },
    dispose: drop,
  };
}
