/**
 * What a machine holds of an incident, in a form peers can compare.
 *
 * Two replicas of a Yjs document show the same thing exactly when they hold
 * the same operations: the same state vector (how many operations of each
 * writer) and the same delete set (which of them were deleted). Yjs writes
 * both in a fixed order (writers sorted, adjacent deletions merged), so their
 * encoding is the same bytes on every machine that holds the same state, and
 * a hash of it is a digest that two machines can compare by exchanging a few
 * bytes. "In sync" is claimed only when the digests are equal.
 *
 * The state vector is also kept as a map, so that a machine whose digest
 * differs can say what is missing: how many operations each side has that
 * the other lacks. Deletions do not move a state vector, so a difference in
 * deletions alone shows as equal vectors with different digests.
 */
import * as Y from 'yjs';
import { digest as sha256 } from 'lib0/hash/sha256';

/** Operations counted per writer (Yjs client id). */
export type StateVector = ReadonlyMap<number, number>;

export interface DocumentState {
  /** Hex of the first 16 bytes of SHA-256 over the encoded state vector and delete set. */
  readonly digest: string;
  readonly stateVector: StateVector;
}

/** The most writers a peer's state vector is believed to list; a longer one is not from a real incident. */
export const MAX_WRITERS = 4_096;

export function documentState(doc: Y.Doc): DocumentState {
  const snapshot = Y.snapshot(doc);
  const bytes = Y.encodeSnapshot(snapshot);
  return { digest: toHex(sha256(bytes).subarray(0, 16)), stateVector: snapshot.sv };
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** How many operations `from` holds that `to` lacks. */
export function operationsMissing(from: StateVector, to: StateVector): number {
  let missing = 0;
  for (const [client, clock] of from) missing += Math.max(0, clock - (to.get(client) ?? 0));
  return missing;
}

/** Whether `holder` holds every operation `of` holds. */
export function holdsAll(holder: StateVector, of: StateVector): boolean {
  return operationsMissing(of, holder) === 0;
}

/** A state vector as it travels in presence (JSON): [writer, count] pairs. */
export function stateVectorToWire(sv: StateVector): [number, number][] {
  return [...sv];
}

/** A peer's state vector from presence, or undefined when it is not one (a hostile or broken peer). */
export function stateVectorFromWire(value: unknown): StateVector | undefined {
  if (!Array.isArray(value) || value.length > MAX_WRITERS) return undefined;
  const sv = new Map<number, number>();
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const [client, clock] = pair as unknown[];
    if (!isCount(client) || !isCount(clock)) return undefined;
    sv.set(client, clock);
  }
  return sv;
}

/** A digest from presence, or undefined when it is not one. */
export function digestFromWire(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value) ? value : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
