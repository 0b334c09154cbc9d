/**
 * The incident the app starts on (a reload, a restart of the desktop app),
 * read as soon as the page runs: beside the incident machinery's code
 * rather than after it, so the disk and the download overlap. A small
 * incident is applied to its doc here too, at once, and opens without a
 * stored first view: applying it takes less than painting that view and
 * then the whole one. A large one is only read; its stored first view is
 * painted before the long apply (open-incident.ts).
 *
 * This module and what it imports (Yjs, the checksum, the records' code)
 * are a chunk of their own (vite.renderer.config.ts), so starting here does
 * not wait for the rest; the database comes from the start-up's own chunk.
 */
import type * as Y from 'yjs';
import { createIncidentDoc } from '../../shared/incident/doc';
import type { CommandPostDb, StoredRecord } from './db';
import { applyRecords, checkRecords, readRecords, type Damage } from './stored-records';

/**
 * Up to this many stored bytes (some 40,000 events), the doc is applied as
 * soon as it is read: a fifth of a second's work or less on a slow laptop.
 */
export const APPLY_AT_ONCE_BYTES = 8 * 1024 * 1024;

export interface EarlyRead {
  readonly rows: readonly StoredRecord[];
  readonly usable: readonly StoredRecord[];
  readonly damaged: readonly Damage[];
  /** The doc with every record applied, when they were intact and few enough to apply at once; else null. */
  readonly applied: { readonly doc: Y.Doc; readonly records: readonly StoredRecord[] } | null;
}

/** Reads (and, when small and intact, applies) an incident's stored records. */
export async function readEarly(db: Promise<CommandPostDb>, incidentId: string, applyAtOnceBytes = APPLY_AT_ONCE_BYTES): Promise<EarlyRead> {
  performance.mark('incident-open-start');
  const rows = await readRecords(await db, incidentId);
  performance.mark('incident-read');
  const { usable, damaged } = checkRecords(rows);
  const bytes = usable.reduce((sum, row) => sum + row.bytes.byteLength, 0);
  if (damaged.length || bytes > applyAtOnceBytes) return { rows, usable, damaged, applied: null };
  performance.mark('incident-apply-start');
  const doc = createIncidentDoc(incidentId);
  const result = applyRecords(doc, usable);
  performance.mark('incident-applied');
  // One Yjs cannot read: opening applies them again, the usual way, and says which.
  if (result.damaged.length) {
    doc.destroy();
    return { rows, usable, damaged, applied: null };
  }
  return { rows, usable, damaged, applied: { doc, records: result.applied } };
}
