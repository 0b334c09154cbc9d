/**
 * What decides which timeline entries may change the incident: the trust
 * layer (../trust/gate.ts) installs one on a doc that carries signatures;
 * a doc without one (declared before signing existed, or built by a test)
 * takes every well-formed entry, as before.
 *
 * The projection folds only admitted entries into the header, chart, plan
 * and status, and lists the rest apart (`withheld`), so a forged "stand
 * down all responders" never reaches the chart, and every replica that
 * holds the same records withholds the same entries.
 */
import type * as Y from 'yjs';
import type { TimelineEvent } from './schema';

export interface EntryGate {
  /** Whether this entry (the object as stored) may change the incident. */
  admits(entry: TimelineEvent): boolean;
  /** Called whenever admits() may answer differently for some entry. */
  subscribe(listener: (change: GateChange) => void): () => void;
}

export interface GateChange {
  /**
   * Whether an entry admitted before may no longer be. When false, only
   * entries withheld so far can have been admitted: the projection need not
   * look at the whole timeline (an append costs the same at any size).
   */
  readonly revoked: boolean;
}

const gates = new WeakMap<Y.Doc, EntryGate>();
const installed = new WeakMap<Y.Doc, Set<(gate: EntryGate | null) => void>>();

export function entryGateOf(doc: Y.Doc): EntryGate | null {
  return gates.get(doc) ?? null;
}

/** Installs (or removes) the doc's gate; a projection already made follows it. */
export function setEntryGate(doc: Y.Doc, gate: EntryGate | null): void {
  if (gate) gates.set(doc, gate);
  else gates.delete(doc);
  for (const listener of installed.get(doc) ?? []) listener(gate);
}

/** For projections: called when the doc's gate is installed or removed. */
export function onEntryGate(doc: Y.Doc, listener: (gate: EntryGate | null) => void): () => void {
  let set = installed.get(doc);
  if (!set) installed.set(doc, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}
