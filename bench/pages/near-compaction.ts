/**
 * Where the seed leaves the incident's last compaction, for the scale
 * benchmark (bench/scale.mjs), whose captures must sample one: the
 * persistence folding its deltas into a new snapshot of the whole doc once
 * they outgrow their threshold, which a session meets about once every
 * thousand-odd appends. Seeded in even batches, the stored deltas end
 * anywhere below the threshold, so a few hundred captures may meet no
 * compaction at all. This plan sizes the last batches instead: the batch
 * that ends where the tail begins is big enough to cross the threshold (the
 * persistence snapshots there), and the tail, the first delta on that
 * snapshot (so it repeats no other), is as many events as fill the
 * threshold but for `headroom` bytes, which the captures then cross.
 *
 * It only chooses batch sizes. Every event is still written by the real
 * commands and stored by the real persistence, which alone decides when to
 * compact; snapshots are seen in storage (a new backup copy), not predicted.
 * An incident too small to hold two generations keeps the writer's batches.
 */
import * as Y from 'yjs';
import { BATCH } from './long-incident';

/** Past the threshold by this much, so the estimate of an event's bytes may be off a little. */
const CROSSING_MARGIN = 1.1;

export interface NearCompaction {
  /** After a batch has committed: the next batch's size, or undefined for the writer's own. */
  next(logged: number, doc: Y.Doc, newestSnapshot: number | null): number | undefined;
}

export function nearCompaction(events: number, compactBytes: number, headroom: number): NearCompaction {
  let snapshot: number | null = null;
  /** The doc's state when the newest snapshot was written, and how many events it held. */
  let base: { logged: number; stateVector: Uint8Array } | null = null;
  let tailStart: number | null = null;

  /** Plans the tail once the bytes an event adds to a delta are known: from the delta the persistence just folded. */
  const plan = (logged: number, doc: Y.Doc, previous: { logged: number; stateVector: Uint8Array }): number | undefined => {
    const perEvent = Y.encodeStateAsUpdate(doc, previous.stateVector).byteLength / (logged - previous.logged);
    const tail = Math.floor((compactBytes - headroom) / perEvent);
    const toTail = events - tail - logged;
    const crossing = Math.ceil((CROSSING_MARGIN * compactBytes) / perEvent);
    // Snapshots come at most a threshold and a batch apart, so one of them lands in this window.
    if (toTail < crossing || toTail >= crossing + 5 * BATCH) return undefined;
    tailStart = events - tail;
    return toTail;
  };

  return {
    next(logged, doc, newestSnapshot) {
      if (newestSnapshot !== snapshot) {
        const previous = base;
        snapshot = newestSnapshot;
        base = { logged, stateVector: Y.encodeStateVector(doc) };
        if (tailStart === null && previous) return plan(logged, doc, previous);
      }
      return tailStart !== null && logged === tailStart ? events - tailStart : undefined;
    },
  };
}
