/**
 * The incident the app starts on (a reload, a restart of the desktop app),
 * read as soon as the page runs: beside the incident machinery's code
 * rather than after it, so the disk and the download overlap.
 *
 * Its stored first view is read first (it is small). A small incident is
 * then applied to its doc here, at once, and opens without that view:
 * applying it takes less than painting the view and then the whole
 * incident. A large one is handed over with its view and its records still
 * being read: the view is painted while the disk works, and the long apply
 * waits until it is on screen (open-incident.ts, persistence.ts).
 *
 * This module and what it imports (Yjs, the checksum, the records' code)
 * are a chunk of their own (vite.renderer.config.ts), so starting here does
 * not wait for the rest.
 */
import type * as Y from 'yjs';
import { createIncidentDoc } from '../../shared/incident/doc';
import type { CommandPostDb, IncidentView, StoredRecord } from './db';
import { applyRecords, checkRecords, readRecords } from './stored-records';

/**
 * Up to this many events (some 8 MB stored), the doc is applied as soon as
 * it is read: a fifth of a second's work or less on a slow laptop.
 */
export const APPLY_AT_ONCE_EVENTS = 40_000;

export interface EarlyRead {
  /** The stored first view, when there is one and the doc was not applied here. */
  readonly view: IncidentView | undefined;
  /** The records, oldest first, once read. */
  readonly rows: Promise<readonly StoredRecord[]>;
  /** The doc with every record applied, when they were intact and few enough to apply at once; else null. */
  readonly applied: { readonly doc: Y.Doc; readonly records: readonly StoredRecord[] } | null;
}

/** Reads an incident's first view and records, and applies the records when the incident is small and they are intact. */
export async function readEarly(db: CommandPostDb, incidentId: string, applyAtOnceEvents = APPLY_AT_ONCE_EVENTS): Promise<EarlyRead> {
  performance.mark('incident-open-start');
  const viewRead = db.views.get(incidentId).catch(() => undefined);
  const rowsRead = readRecords(db, incidentId);
  // Settled here, and again by whoever awaits it: a failed read is reported by opening.
  rowsRead.catch(() => {});
  const view = await viewRead;
  if (view && view.total > applyAtOnceEvents) return { view, rows: rowsRead, applied: null };
  const rows = await rowsRead;
  performance.mark('incident-read');
  const handOver = { view, rows: rowsRead, applied: null };
  const { usable, damaged } = checkRecords(rows);
  // Damage is set aside and reported by opening, the usual way.
  if (damaged.length) return handOver;
  performance.mark('incident-apply-start');
  const doc = createIncidentDoc(incidentId);
  const result = applyRecords(doc, usable);
  performance.mark('incident-applied');
  if (result.damaged.length) {
    doc.destroy();
    return handOver;
  }
  return { view: undefined, rows: rowsRead, applied: { doc, records: result.applied } };
}
