import { checksum } from './checksum';
import type { CommandPostDb } from './db';

/**
 * Checks every stored record's CRC without opening any incident, so damage
 * is reported at start-up, not only when the damaged incident is opened.
 * Returns the ids of incidents with damaged records.
 */
export async function findDamagedIncidents(db: CommandPostDb): Promise<Set<string>> {
  const damaged = new Set<string>();
  await db.records.each((record) => {
    if (!(record.bytes instanceof Uint8Array) || checksum(record.bytes) !== record.crc) damaged.add(record.incidentId);
  });
  return damaged;
}
