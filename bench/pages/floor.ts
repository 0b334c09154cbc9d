/**
 * The floor of opening an incident: what no implementation can avoid, in
 * this same browser, on the same stored bytes. It opens the database, runs
 * the query IncidentPersistence.load runs, and applies every record to a
 * fresh Y.Doc in one transaction, as load does. Nothing else: no checksum,
 * no projection, no React.
 */
import * as Y from 'yjs';
import { openDatabase } from '../../src/renderer/incidents/db';
import { createIncidentDoc, timelineOf } from '../../src/shared/incident';
import { fail, finish, incidentIdParam } from './protocol';

async function floor(): Promise<void> {
  const incidentId = incidentIdParam();
  const t0 = performance.now();
  const db = openDatabase();
  const rows = await db.records.where('incidentId').equals(incidentId).sortBy('seq');
  const t1 = performance.now();
  const doc = createIncidentDoc(incidentId);
  doc.transact(() => {
    for (const row of rows) Y.applyUpdate(doc, row.bytes, 'bench:floor');
  }, 'bench:floor');
  const t2 = performance.now();
  const timelineEntries = timelineOf(doc).length;
  db.close();
  doc.destroy();
  finish({
    totalMs: t2 - t0,
    readMs: t1 - t0,
    applyMs: t2 - t1,
    records: rows.length,
    storedBytes: rows.reduce((sum, row) => sum + row.bytes.byteLength, 0),
    timelineEntries,
    // performance.now() counts from this page's navigation start.
    sinceNavigationMs: t2,
  });
}

floor().catch(fail);
