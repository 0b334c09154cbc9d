/**
 * Reading an incident's stored records and applying them to its doc: the
 * part of opening an incident (persistence.ts) that can start before the
 * rest of the incident machinery has loaded (./early-read.ts). It needs
 * Dexie's table, Yjs and the checksum, nothing else.
 */
import * as Y from 'yjs';
import { checksum } from './checksum';
import type { CommandPostDb, StoredRecord } from './db';

/** Transaction origin of updates applied from storage (they need no write back). */
export const STORAGE_ORIGIN = 'command-post:storage';

/** A record that cannot be applied, and why. */
export interface Damage {
  readonly row: StoredRecord;
  readonly reason: string;
}

/** An incident's records, oldest first. */
export function readRecords(db: CommandPostDb, incidentId: string): Promise<StoredRecord[]> {
  return db.records.where('incidentId').equals(incidentId).sortBy('seq');
}

/** Splits records into those that are intact and those that are not binary or fail their CRC-32. */
export function checkRecords(rows: readonly StoredRecord[]): { usable: StoredRecord[]; damaged: Damage[] } {
  const usable: StoredRecord[] = [];
  const damaged: Damage[] = [];
  for (const row of rows) {
    const reason = !(row.bytes instanceof Uint8Array) ? 'not binary data' : checksum(row.bytes) !== row.crc ? 'checksum mismatch' : null;
    if (reason) damaged.push({ row, reason });
    else usable.push(row);
  }
  return { usable, damaged };
}

/**
 * Applies intact records to the doc in one transaction, in seq order; one
 * that Yjs cannot read is returned as damaged and the rest still applied.
 */
export function applyRecords(doc: Y.Doc, rows: readonly StoredRecord[]): { applied: StoredRecord[]; damaged: Damage[] } {
  const applied: StoredRecord[] = [];
  const damaged: Damage[] = [];
  doc.transact(() => {
    for (const row of [...rows].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
      try {
        Y.applyUpdate(doc, row.bytes, STORAGE_ORIGIN);
        applied.push(row);
      } catch (error) {
        damaged.push({ row, reason: `unreadable update: ${String(error)}` });
      }
    }
  }, STORAGE_ORIGIN);
  return { applied, damaged };
}
