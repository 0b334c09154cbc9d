import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checksum } from '../../../src/renderer/incidents/checksum';
import { openDatabase } from '../../../src/renderer/incidents/db';
import { IncidentPersistence } from '../../../src/renderer/incidents/persistence';
import { snapshotMirror, workerEncoder, type SnapshotAnswer, type SnapshotRequest } from '../../../src/renderer/incidents/snapshots';
import { createIncidentDoc, declareIncident, logEvent, projectIncident } from '../../../src/shared/incident';
import { MINUTE, T0, testContext } from '../harness/context';
import { exportedBlobFile, exportedFile, toWire, type ExportFormat } from '../../../src/renderer/features/postmortem/export-content';

/** A worker run in this process: the real mirror behind postMessage's asynchrony (and its order). */
class FakeWorker {
  onmessage: ((event: MessageEvent<SnapshotAnswer>) => void) | null = null;
  onerror: (() => void) | null = null;
  terminated = false;
  readonly requests: SnapshotRequest[] = [];
  constructor(private readonly answer = snapshotMirror()) {}
  private queue: Promise<void> = Promise.resolve();
  postMessage(sent: SnapshotRequest): void {
    // Copied as postMessage copies: data kept, classes dropped.
    const request = structuredClone(sent);
    this.requests.push(request);
    // In order, one at a time, as snapshot-worker.ts runs them.
    this.queue = this.queue.then(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.terminated) return;
      const reply = await this.answer(request);
      if (reply && !this.terminated) this.onmessage?.({ data: reply } as MessageEvent<SnapshotAnswer>);
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}

let dbs = 0;

async function compactingIncident(worker: FakeWorker) {
  const db = openDatabase(`command-post-test-snapshots-${++dbs}`);
  const doc = createIncidentDoc('inc-snap');
  const persistence = new IncidentPersistence(db, doc, { compactBytes: 800, encoder: workerEncoder(() => worker as unknown as Worker) });
  await persistence.load();
  const ctx = testContext('Dana', T0, 'snap');
  declareIncident(doc, { name: '26-Snap', severity: 'SEV-2', synopsis: 'x' }, ctx);
  for (let i = 0; i < 40; i++) {
    ctx.advance(MINUTE);
    logEvent(doc, { kind: 'note', text: `note ${i}: ${'the pooler restarted '.repeat(3)}` }, ctx);
    await persistence.flushed();
  }
  return { db, doc, persistence };
}

describe('snapshots encoded from a copy of the document', () => {
  it('come from the worker’s copy, hold everything, and reopen to the same incident', async () => {
    const worker = new FakeWorker();
    const { db, doc } = await compactingIncident(worker);
    expect(worker.requests.filter((r) => r.kind === 'store').length, 'compactions asked of the worker').toBeGreaterThan(3);
    expect(worker.terminated).toBe(false);
    const compactions = performance.getEntriesByName('incident-compacted') as PerformanceMark[];
    expect(compactions.at(-1)?.detail).toMatchObject({ encodedIn: 'worker' });
    const snapshot = (await db.records.where('incidentId').equals('inc-snap').toArray()).find((r) => r.kind === 'snapshot')!;
    expect(snapshot.crc).toBe(checksum(snapshot.bytes));
    const reopened = createIncidentDoc('inc-snap');
    const again = new IncidentPersistence(db, reopened);
    expect(await again.load()).toEqual([]);
    expect(projectIncident(reopened)).toEqual(projectIncident(doc));
  });

  it('are made on the main thread when the copy is not the document (a change it missed), and the copy is dropped', async () => {
    const mirror = snapshotMirror();
    let dropped = 0;
    // A copy that loses one change: its snapshot would lose an entry.
    const lossy = new FakeWorker(async (request) => {
      if (request.kind === 'take' && request.updates.length && dropped++ === 5) return null;
      return mirror(request);
    });
    const { db, doc } = await compactingIncident(lossy);
    expect(lossy.terminated).toBe(true);
    const reopened = createIncidentDoc('inc-snap');
    expect(await new IncidentPersistence(db, reopened).load()).toEqual([]);
    expect(projectIncident(reopened).timeline.length).toBe(41);
    expect(projectIncident(reopened)).toEqual(projectIncident(doc));
  });

  it('fall back to the main thread when no worker can start', async () => {
    const encoder = workerEncoder(() => {
      throw new Error('Worker is not defined');
    });
    const db = openDatabase(`command-post-test-snapshots-${++dbs}`);
    const doc = createIncidentDoc('inc-none');
    declareIncident(doc, { name: '26-None', severity: 'SEV-2', synopsis: 'x' }, testContext('Dana', T0, 'none'));
    const stored = await encoder.store(doc, db, T0);
    expect(stored.encodedIn).toBe('here');
    const record = (await db.records.get(stored.seq))!;
    const backup = (await db.backups.get(stored.seq))!;
    expect(backup.bytes).toEqual(record.bytes);
    const copy = createIncidentDoc('inc-none');
    Y.applyUpdate(copy, record.bytes);
    expect(projectIncident(copy)).toEqual(projectIncident(doc));
  });

  it('export files come from the copy, the same as made from the document itself, and none from a copy that is behind', async () => {
    const worker = new FakeWorker(snapshotMirror(exportedBlobFile));
    const { doc, persistence } = await compactingIncident(worker);
    const snapshot = projectIncident(doc);
    const options = { exportedAt: T0 + 60 * MINUTE, exportedBy: 'Dana', record: null };
    for (const format of ['markdown', 'html', 'json', 'csv'] as ExportFormat[]) {
      const file = (await persistence.exportFile(toWire({ format, snapshot, options })))!;
      const here = exportedFile({ format, snapshot, options }, doc);
      // Compared as the bytes saved: a CSV starts with a byte order mark, which Blob.text() would drop.
      expect({ ...file, content: new Uint8Array(await (file.content as Blob).arrayBuffer()) }, format).toEqual({ ...here, content: new TextEncoder().encode(here.content) });
      expect(here.content, format).toContain('note 39');
    }
    expect(worker.requests.filter((r) => r.kind === 'export')).toHaveLength(4);

    // A change the copy never got: its file would miss it, so the caller is told to make it itself.
    let losing = false;
    const mirror = snapshotMirror(exportedBlobFile);
    const behind = new FakeWorker(async (request) => (losing && request.kind === 'take' ? null : mirror(request)));
    const late = await compactingIncident(behind);
    losing = true;
    logEvent(late.doc, { kind: 'note', text: 'the last word' }, testContext('Dana', T0 + 99 * MINUTE, 'late'));
    const answer = await late.persistence.exportFile(toWire({ format: 'markdown', snapshot: projectIncident(late.doc), options }));
    expect(answer).toBeNull();
  });
});
