/**
 * Keeps, beside each signed incident, what this machine verified of it
 * (shared/trust/checkpoint.ts), so the next open checks only what arrived
 * since. Written a moment after the checks settle and when the incident
 * closes. A checkpoint that cannot be read or written costs only time: the
 * next open checks the whole record, as on a machine that never held it.
 */
import { isCheckpoint, type TrustCheckpoint } from '../../shared/trust/checkpoint';
import type { TrustGate } from '../../shared/trust/gate';
import type { CommandPostDb } from './db';

/** How long after a check the checkpoint is written: appends in a burst write it once. */
const WRITE_DELAY_MS = 2_000;

export async function readCheckpoint(db: CommandPostDb, incidentId: string): Promise<TrustCheckpoint | null> {
  try {
    const row: unknown = await db.verified.get(incidentId);
    return isCheckpoint(row) && row.incidentId === incidentId ? row : null;
  } catch {
    return null;
  }
}

export interface CheckpointKeeper {
  /** Writes the checkpoint now and stops keeping it (the incident is closing). */
  close(): Promise<void>;
}

export function keepCheckpoint(db: CommandPostDb, gate: TrustGate): CheckpointKeeper {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = async () => {
    timer = null;
    const checkpoint = gate.checkpointNow();
    if (!checkpoint) return;
    try {
      await db.verified.put(checkpoint);
    } catch {
      // Only time is lost: see above.
    }
  };
  const stop = gate.onReport(() => {
    timer ??= setTimeout(() => void write(), WRITE_DELAY_MS);
  });
  return {
    close: async () => {
      stop();
      if (timer) clearTimeout(timer);
      await write();
    },
  };
}
