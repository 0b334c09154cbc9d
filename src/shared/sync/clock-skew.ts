/**
 * Agreeing on the time without a time server.
 *
 * Deadlines are stored as absolute times written by whoever set them, so a
 * responder whose clock runs five minutes fast sees every timebox run out
 * five minutes early, and stamps their own entries five minutes into the
 * future. Peers therefore tell each other their raw clock (in the awareness
 * protocol, with every presence beat), and each machine estimates every peer's
 * offset from its own clock. Every machine then uses the median of all the
 * clocks it knows (its own included) as the incident's clock: the same
 * instant for every peer that sees the same people, and robust to one bad
 * clock among three or more.
 *
 * One-way samples: a sample is the peer's clock when it sent minus ours when
 * it arrived, so it under-estimates the offset by the delivery delay (plus
 * how stale the value was, when a state is forwarded or re-sent on
 * connect). The largest of the recent samples is therefore the best
 * estimate. On a LAN the delay is milliseconds, far below what matters here
 * (minutes), so no round trips are needed.
 */

/** A clock this far from the incident's clock is "far off": the user is told. */
export const SKEW_WARNING_MS = 60_000;

/** Below this, clocks agree for every purpose on screen (times show to the second or minute). */
export const SKEW_NOTICEABLE_MS = 5_000;

/**
 * Samples kept per peer: about a minute of presence beats (one every two
 * seconds, src/renderer/incidents/sync/webrtc-link.ts), so a fixed clock is
 * believed within a minute.
 */
const SAMPLES_PER_PEER = 30;

/** Offsets beyond this are not a clock that drifted but a hostile or broken peer; ignored. */
export const MAX_BELIEVED_OFFSET_MS = 7 * 24 * 3_600_000;

export class PeerClocks {
  private readonly samples = new Map<number, number[]>();

  /**
   * A peer's clock reading, and ours when it arrived. Readings that are not
   * finite numbers, or that are absurdly far off, are ignored.
   */
  record(peer: number, theirClock: unknown, ourClock: number): void {
    if (typeof theirClock !== 'number' || !Number.isFinite(theirClock)) return;
    const offset = theirClock - ourClock;
    if (Math.abs(offset) > MAX_BELIEVED_OFFSET_MS) return;
    const kept = this.samples.get(peer) ?? [];
    kept.push(offset);
    if (kept.length > SAMPLES_PER_PEER) kept.shift();
    this.samples.set(peer, kept);
  }

  /** How far ahead (positive) or behind this peer's clock is, or undefined if never heard. */
  offsetOf(peer: number): number | undefined {
    const kept = this.samples.get(peer);
    return kept?.length ? Math.max(...kept) : undefined;
  }

  /**
   * What to add to this machine's clock to read the incident's clock: the
   * median of these peers' clocks and ours (offset 0). The caller names the
   * peers that count: those here, and those who left (so the incident's
   * clock does not jump when someone drops off), but each person once, not
   * once per reload.
   */
  correction(peers: Iterable<number> = this.samples.keys()): number {
    const offsets = [0];
    for (const peer of peers) {
      const offset = this.offsetOf(peer);
      if (offset !== undefined) offsets.push(offset);
    }
    return median(offsets);
  }

  get peers(): number {
    return this.samples.size;
  }
}

export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * The words for a clock difference: "4 min 12 s", "45 s", "2 h 5 min".
 * Seconds are dropped from hours: nobody needs them to fix a clock that far off.
 */
export function describeOffset(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  if (m) return s ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/**
 * This machine's clock against the incident's: null when they agree closely
 * enough not to mention it, else how far ahead or behind it runs, and
 * whether that is far enough to warn.
 */
export function clockSkewOf(correction: number): { readonly direction: 'ahead' | 'behind'; readonly by: string; readonly far: boolean } | null {
  // A correction of -5 min means this clock reads 5 min more than the incident's: it is ahead.
  if (Math.abs(correction) < SKEW_NOTICEABLE_MS) return null;
  return { direction: correction < 0 ? 'ahead' : 'behind', by: describeOffset(correction), far: Math.abs(correction) >= SKEW_WARNING_MS };
}
