/**
 * Seeds one incident of N timeline events (?events=, default 20,000) into
 * the app's IndexedDB through the real commands and the real persistence,
 * so the stored records are exactly what the app itself writes: generations
 * of snapshots and overlapping deltas, compacted as they grow. The incident
 * itself comes from long-incident.ts; each batch is awaited until it has
 * committed. With ?headroom=BYTES the last batches are sized so the stored
 * deltas end that many bytes short of compaction (near-compaction.ts).
 */
import Dexie from 'dexie';
import { openDatabase, DB_NAME } from '../../src/renderer/incidents/db';
import { DEFAULT_COMPACT_BYTES, IncidentPersistence } from '../../src/renderer/incidents/persistence';
import { createIncidentDoc, projectionOf } from '../../src/shared/incident';
import { INCIDENT_NAME, longIncidentWriter } from './long-incident';
import { nearCompaction } from './near-compaction';
import { fail, finish } from './protocol';

async function seed(events: number, headroom: number | null): Promise<void> {
  const started = performance.now();
  await Dexie.delete(DB_NAME);
  const db = openDatabase();
  const writer = longIncidentWriter();
  const incidentId = writer.uuid();
  const doc = createIncidentDoc(incidentId);
  const persistence = new IncidentPersistence(db, doc, { now: writer.now });
  await persistence.load();
  const plan = headroom === null ? null : nearCompaction(events, DEFAULT_COMPACT_BYTES, headroom);
  await writer.write(doc, events, async (logged) => {
    await persistence.flushed();
    const state = persistence.saveState;
    if (state.status === 'failed') throw new Error(state.message);
    if (!plan) return undefined;
    // Every snapshot has its backup copy, keyed by the snapshot's seq: reading the keys reads no bytes.
    const snapshots = (await db.backups.where('incidentId').equals(incidentId).primaryKeys()) as number[];
    return plan.next(logged, doc, snapshots.length ? Math.max(...snapshots) : null);
  });

  const rows = await db.records.where('incidentId').equals(incidentId).sortBy('seq');
  // The deltas on the newest snapshot, which compaction weighs against its threshold.
  const sinceSnapshot = rows.slice(rows.map((row) => row.kind).lastIndexOf('snapshot') + 1);
  const recordKinds: Record<string, number> = {};
  for (const row of rows) recordKinds[row.kind] = (recordKinds[row.kind] ?? 0) + 1;
  const timeline = projectionOf(doc).snapshot.timeline.length;
  persistence.destroy();
  doc.destroy();
  db.close();
  // The app page is opened signed in, as a responder would have it.
  localStorage.setItem('command-post:identity', 'Bench Reader');
  finish({
    incidentId,
    name: INCIDENT_NAME,
    events: timeline,
    records: rows.length,
    recordKinds,
    recordSizes: rows.map((row) => ({ seq: row.seq ?? -1, kind: row.kind, bytes: row.bytes.byteLength })),
    storedBytes: rows.reduce((sum, row) => sum + row.bytes.byteLength, 0),
    compactionHeadroomBytes: sinceSnapshot.length ? DEFAULT_COMPACT_BYTES - sinceSnapshot.reduce((sum, row) => sum + row.bytes.byteLength, 0) : null,
    seedMs: Math.round(performance.now() - started),
  });
}

const params = new URLSearchParams(location.search);
const events = Number(params.get('events') ?? 20_000);
const headroom = params.has('headroom') ? Number(params.get('headroom')) : null;
seed(events, headroom).catch(fail);
