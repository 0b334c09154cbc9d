/**
 * A trial's plan, drawn from its seed alone: which faults happen to whom,
 * when and for how long, and which edits each person makes when. The same
 * seed gives the same plan on any run (`--seed N --trials 1` replays it),
 * though the document it runs against and the machine's timing differ.
 */

/** mulberry32: a small, fast, seedable PRNG with a 32-bit state. */
export function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Two different indexes below n. */
    pair(n) {
      const a = Math.floor(next() * n);
      const b = (a + 1 + Math.floor(next() * (n - 1))) % n;
      return [a, b];
    },
    /** `k` different items of `list`, drawn by `weight`. */
    weighted(list, k) {
      const pool = [...list];
      const chosen = [];
      while (chosen.length < k && pool.length) {
        const total = pool.reduce((sum, item) => sum + item.weight, 0);
        let r = next() * total;
        const i = pool.findIndex((item) => (r -= item.weight) < 0);
        chosen.push(pool.splice(i < 0 ? pool.length - 1 : i, 1)[0]);
      }
      return chosen;
    },
  };
}

/**
 * The faults, with how often each is drawn. `reopen-pause` is the split of
 * issue 13 (pause then resume after the incident was closed and opened
 * again in the same page), so it is drawn more often than the rest.
 */
export const FAULTS = [
  { kind: 'pause', weight: 2 },
  { kind: 'reopen', weight: 1 },
  { kind: 'reopen-pause', weight: 3 },
  { kind: 'kill', weight: 2 },
  { kind: 'signal-restart', weight: 1 },
  { kind: 'signal-replace', weight: 1 },
  { kind: 'cut', weight: 2 },
  { kind: 'glare', weight: 2 },
];

export const EDITS = ['note', 'status', 'reassign', 'handover'];

/** Faults per trial, edits per person per trial, and the window they fall in (ms from the trial's start). */
export const PLAN = { faults: 3, editsPerPeer: 2, faultStartMs: [0, 3_000], faultMs: [1_500, 5_000], cutMs: [3_000, 12_000], editMs: [0, 5_000] };

/**
 * The plan of one trial among `peers` command posts, responders `people`
 * (those a handover or a task can go to).
 */
export function planTrial(seed, peers, people) {
  const rng = prng(seed);
  const faults = rng.weighted(FAULTS, PLAN.faults).map(({ kind }) => {
    const at = rng.int(...PLAN.faultStartMs);
    // A cut lasts longer: past Chrome's ICE consent checks (about 5 s) a connection is seen to break, not only to lose packets.
    const ms = rng.int(...(kind === 'cut' ? PLAN.cutMs : PLAN.faultMs));
    switch (kind) {
      case 'cut':
      case 'glare': {
        const [a, b] = rng.pair(peers);
        return { kind, at, ms, peers: [a, b] };
      }
      case 'signal-restart':
      case 'signal-replace':
        return { kind, at, ms };
      default:
        return { kind, at, ms, peers: [rng.int(0, peers - 1)] };
    }
  });
  const edits = [];
  for (let p = 0; p < peers; p++) {
    for (let e = 0; e < PLAN.editsPerPeer; e++) {
      edits.push({ peer: p, at: rng.int(...PLAN.editMs), kind: rng.pick(EDITS), to: rng.pick(people) });
    }
  }
  edits.sort((x, y) => x.at - y.at);
  return { seed, faults, edits };
}

/** One line per fault, for the log and for a failing trial's report. */
export function describePlan(plan, label) {
  return plan.faults
    .map((f) => `${f.kind}${f.peers ? ` ${f.peers.map(label).join('-')}` : ''} at ${(f.at / 1000).toFixed(1)} s for ${(f.ms / 1000).toFixed(1)} s`)
    .join('; ');
}
