/**
 * Watches every browser's sync indicator about four times a second for the
 * whole run, and counts a false "in sync": the header says in sync while the
 * document under it differs from a peer's.
 *
 * The definition, exactly (so that messages in flight do not count):
 * at a sample, browser X shows data-proof="in-sync"; Y is a browser that X
 * lists as connected (the header's "Connected: ..." names) and that is up;
 * X's digest and Y's digest have each been unchanged in every sample for at
 * least STABLE_MS (1 s); and they differ. Each (trial, X) counts once however
 * long it lasts; every such sample is also kept, with the seed of its trial.
 *
 * The digest is the app's (`data-digest` on the `.sync` button: a hash of
 * the Yjs state vector and delete set) where the app has one. Where it has
 * none (before issue 13's digest landed), the sampler cannot tell from the
 * header alone, so the convergence check feeds it what the person sees
 * instead (IC, number of entries, status text: `visibleDigest`) with "in
 * sync" read from the header's text, and the same rule applies to those
 * samples; that can only miss a false "in sync" (two documents that differ
 * where none of those three shows), never invent one.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { withTimeout } from '../common.mjs';

export const SAMPLE_MS = 250;
export const STABLE_MS = 1_000;
const READ_TIMEOUT_MS = 2_000;

/** 'in-sync' (or another proof) from the app's data-proof, or from the header's words where the app has no proof yet. */
export function proofOf(sync) {
  if (!sync) return null;
  if (sync.digest !== null && sync.digest !== undefined) return sync.proof ?? null;
  if (sync.status !== 'online') return null;
  return /· in sync/.test(sync.label) ? 'in-sync' : 'syncing';
}

export class Sampler {
  constructor(peers, log) {
    this.peers = peers;
    this.log = log;
    /** Per peer: { digest, since, proof, connected, at } */
    this.seen = peers.map(() => null);
    this.trial = null;
    this.samples = 0;
    this.appDigest = false;
    /** Every sample that met the definition: { trial, seed, observer, peer, at, digests }. */
    this.falseSamples = [];
    /** (trial, observer) pairs that did: the count reported. */
    this.episodes = new Set();
    this.running = false;
    this.loop = null;
  }

  setTrial(trial) {
    this.trial = trial;
  }

  /** A browser was killed or reloaded: what it showed before says nothing about its new page. */
  forget(index) {
    this.seen[index] = null;
  }

  start() {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const started = Date.now();
        const read = new Set();
        await Promise.all(
          this.peers.map(async (peer) => {
            if (!peer.alive || !peer.page) return;
            const sync = await withTimeout(peer.readSync(), READ_TIMEOUT_MS, 'a sample').catch(() => null);
            // Only the app's own digest here; see the header comment for the fallback.
            if (sync && sync.digest) {
              this.appDigest = true;
              this.observe(peer.index, sync, sync.digest, Date.now());
              read.add(peer.index);
            }
          }),
        );
        this.judge(Date.now(), read);
        await sleep(Math.max(10, SAMPLE_MS - (Date.now() - started)));
      }
    })();
  }

  async stop() {
    this.running = false;
    await withTimeout(this.loop ?? Promise.resolve(), 10_000, 'The sampler stopping').catch(() => {});
  }

  /** One reading of a browser: its header and the digest to compare (the app's, or what it shows). */
  observe(index, sync, digest, at) {
    this.samples++;
    const before = this.seen[index];
    const since = before && before.digest === digest ? before.since : at;
    this.seen[index] = { digest, since, proof: proofOf(sync), connected: sync.connected ?? [], at };
  }

  /** Applies the definition to the readings of one sample: `read` holds the browsers read in it. */
  judge(at, read) {
    this.peers.forEach((x, i) => {
      const sx = this.seen[i];
      if (!x.alive || !sx || !read.has(i) || sx.proof !== 'in-sync' || at - sx.since < STABLE_MS) return;
      this.peers.forEach((y, j) => {
        const sy = this.seen[j];
        if (j === i || !y.alive || !sy || !read.has(j) || !sx.connected.includes(y.name)) return;
        // Both read in this sample, both stable for a second, and different.
        if (at - sy.since < STABLE_MS || sy.digest === sx.digest) return;
        const trial = this.trial;
        this.falseSamples.push({ trial: trial?.index ?? null, seed: trial?.seed ?? null, observer: x.label, peer: y.label, at, digests: [sx.digest, sy.digest] });
        const key = `${trial?.index}:${i}`;
        if (!this.episodes.has(key)) {
          this.episodes.add(key);
          this.log(`  FALSE IN SYNC: ${x.label} says in sync with ${y.label}, but their documents differ (${sx.digest} / ${sy.digest}, both unchanged for ${((at - Math.max(sx.since, sy.since)) / 1000).toFixed(1)} s)`);
        }
      });
    });
  }

  /** Episodes by trial index, for the trial's record. */
  episodesIn(trialIndex) {
    return [...this.episodes].filter((key) => key.startsWith(`${trialIndex}:`)).length;
  }
}
