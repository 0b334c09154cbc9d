/**
 * Whether this machine is in sync with its peers, as a proof rather than a
 * hope: every peer tells the others the digest of what it holds (digest.ts),
 * and "in sync" holds only while every peer's digest equals this machine's.
 *
 * Between edits, digests differ for the moment it takes a change to travel;
 * that is "syncing". A difference becomes "not in sync" only when it is stuck:
 * what one side held GAP_STUCK_MS ago has still not reached the other. A
 * responder typing steadily keeps the digests apart but the gap moving, which
 * is sync working; a peer that stopped receiving (the split of issue 13)
 * leaves the gap where it was, and that is what the header must not hide.
 *
 * A gap older than HEAL_GRACE_MS is healed: a full exchange (each side sends
 * its state vector, the other answers with what it lacks), and every third
 * round a fresh connection. Each round waits longer than the last.
 *
 * Pure: the caller reads the peers' digests from presence and says what time
 * it is; everything here is the same on every machine and testable alone.
 */
import { holdsAll, operationsMissing, type DocumentState, type StateVector } from './digest';

export type SyncProof =
  /** No peer to compare with. */
  | 'alone'
  /** Every peer's digest equals this machine's. */
  | 'in-sync'
  /** Some digest differs, and changes are moving. */
  | 'syncing'
  /** Some difference has not moved for GAP_STUCK_MS. */
  | 'not-in-sync';

/** After this long without the gap closing, "syncing" becomes "not in sync since …". */
export const GAP_STUCK_MS = 10_000;
/** A gap this old is healed (a full exchange); younger ones are changes in flight. */
export const HEAL_GRACE_MS = 2_000;
/** A difference with a peer that left is remembered this long, in case it comes back (a reconnect). */
const GAP_FORGET_MS = 30_000;
/** The wait before each heal round after the first, doubling up to the last. */
const HEAL_BACKOFF_MS = [2_000, 4_000, 8_000, 16_000] as const;

export interface PeerReport {
  readonly clientId: number;
  /** Undefined until the peer has told its digest (just connected, or a version without digests). */
  readonly state: DocumentState | undefined;
}

export interface PeerAgreement {
  readonly agrees: boolean;
  /** Operations the peer holds that this machine lacks. */
  readonly toReceive: number;
  /** Operations this machine holds that the peer lacks. */
  readonly toSend: number;
  /** The peer has not told its digest yet. */
  readonly unknown: boolean;
  /** When the difference still open began; null when agreeing. */
  readonly since: number | null;
  readonly stuck: boolean;
}

export interface Agreement {
  readonly proof: SyncProof;
  /** For 'not-in-sync': when the oldest stuck difference began. */
  readonly since: number | null;
  readonly peers: ReadonlyMap<number, PeerAgreement>;
}

export type HealStep = 'none' | 'exchange' | 'reconnect';

interface Gap {
  since: number;
  /** When the peer was last here. */
  seen: number;
  mine: DocumentState;
  theirs: DocumentState | undefined;
}

export class AgreementTracker {
  private readonly gaps = new Map<number, Gap>();
  /** The gaps with peers here at the last evaluate(). */
  private open: Gap[] = [];
  private rounds = 0;
  private nextHealAt = 0;

  evaluate(mine: DocumentState, peers: readonly PeerReport[], now: number): Agreement {
    const result = new Map<number, PeerAgreement>();
    const present = new Set<number>();
    for (const { clientId, state } of peers) {
      present.add(clientId);
      result.set(clientId, this.compare(clientId, mine, state, now));
    }
    // A peer that left takes its difference with it, once gone for good: a
    // reconnect drops everyone's presence for a moment, which must not make
    // an old difference look new.
    for (const [clientId, gap] of this.gaps) {
      if (!present.has(clientId) && now - gap.seen > GAP_FORGET_MS) this.gaps.delete(clientId);
    }
    this.open = [...this.gaps.entries()].filter(([clientId]) => present.has(clientId)).map(([, gap]) => gap);
    if (this.open.length === 0) this.rounds = 0;

    const stuck = [...result.values()].filter((p) => p.stuck);
    const proof: SyncProof =
      result.size === 0 ? 'alone' : stuck.length ? 'not-in-sync' : [...result.values()].every((p) => p.agrees) ? 'in-sync' : 'syncing';
    return { proof, since: stuck.length ? Math.min(...stuck.map((p) => p.since!)) : null, peers: result };
  }

  /** What to do now to close the differences found by the last evaluate(). */
  healStep(now: number): HealStep {
    const due = this.open.some((gap) => now - gap.since >= HEAL_GRACE_MS);
    if (!due || now < this.nextHealAt) return 'none';
    const round = this.rounds++;
    this.nextHealAt = now + HEAL_BACKOFF_MS[Math.min(round, HEAL_BACKOFF_MS.length - 1)]!;
    return round % 3 === 2 ? 'reconnect' : 'exchange';
  }

  private compare(clientId: number, mine: DocumentState, theirs: DocumentState | undefined, now: number): PeerAgreement {
    if (theirs && theirs.digest === mine.digest) {
      this.gaps.delete(clientId);
      return { agrees: true, toReceive: 0, toSend: 0, unknown: false, since: null, stuck: false };
    }
    let gap = this.gaps.get(clientId);
    if (!gap || (gap.theirs && theirs && moved(gap.mine, gap.theirs, mine, theirs))) {
      gap = { since: now, seen: now, mine, theirs };
      this.gaps.set(clientId, gap);
    } else if (!gap.theirs) {
      // Heard at last: the silence until now counts towards being stuck.
      gap.mine = mine;
      gap.theirs = theirs;
    }
    gap.seen = now;
    return {
      agrees: false,
      toReceive: theirs ? operationsMissing(theirs.stateVector, mine.stateVector) : 0,
      toSend: theirs ? operationsMissing(mine.stateVector, theirs.stateVector) : 0,
      unknown: !theirs,
      since: gap.since,
      stuck: now - gap.since >= GAP_STUCK_MS,
    };
  }
}

/**
 * Whether the difference seen when the gap opened has been closed since
 * (what each side held then has reached the other), so the difference now
 * is a new one. Deletions do not show in state vectors: when the vectors
 * were equal, any new digest on either side counts as movement.
 */
function moved(mineThen: DocumentState, theirsThen: DocumentState, mine: DocumentState, theirs: DocumentState): boolean {
  if (sameVector(mineThen.stateVector, theirsThen.stateVector)) {
    return mineThen.digest !== mine.digest || theirsThen.digest !== theirs.digest;
  }
  return holdsAll(mine.stateVector, theirsThen.stateVector) && holdsAll(theirs.stateVector, mineThen.stateVector);
}

function sameVector(a: StateVector, b: StateVector): boolean {
  return holdsAll(a, b) && holdsAll(b, a);
}
