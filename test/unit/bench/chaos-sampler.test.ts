/**
 * The chaos run's false "in sync" count is the number issue 13 is judged by;
 * these pin its definition: a browser saying "in sync" while a peer it lists
 * as connected holds a different document, both read in the same sample.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the bench is plain JavaScript, without declarations.
import { Sampler } from '../../../bench/chaos/sampler.mjs';

const names = ['Ann', 'Bo'];
function sampler() {
  const peers = names.map((name, index) => ({ index, name, label: `${'AB'[index]} (${name})`, alive: true, page: {} }));
  const lines: string[] = [];
  const s = new Sampler(peers, (line: string) => lines.push(line));
  s.setTrial({ index: 1, seed: 7 });
  return { s, lines };
}
const header = (digest: string, proof: string, connected: string[]) => ({ digest, proof, status: 'online', label: '', connected });

describe('the chaos sampler', () => {
  it('counts a browser saying in sync beside a connected peer holding something else, both steady for a second', () => {
    const { s, lines } = sampler();
    for (const at of [0, 500, 1_000, 1_500]) {
      s.observe(0, header('aaa', 'in-sync', ['Bo']), 'aaa', at);
      s.observe(1, header('bbb', 'syncing', ['Ann']), 'bbb', at);
      s.judge(at, new Set([0, 1]));
    }
    expect(s.episodes.size).toBe(1);
    expect(s.falseSamples).toHaveLength(2);
    expect(lines[0]).toMatch(/FALSE IN SYNC: A \(Ann\) says in sync with B \(Bo\)/);
  });

  it('does not count a peer whose reading is from an earlier sample (too busy to answer now)', () => {
    const { s } = sampler();
    s.observe(1, header('old', 'syncing', ['Ann']), 'old', 0);
    s.observe(0, header('new', 'in-sync', ['Bo']), 'new', 0);
    for (const at of [500, 1_000, 1_500, 2_000]) {
      s.observe(0, header('new', 'in-sync', ['Bo']), 'new', at);
      s.judge(at, new Set([0]));
    }
    expect(s.episodes.size).toBe(0);
  });

  it('does not count a difference younger than a second (a change in flight), nor a peer not listed as connected', () => {
    const { s } = sampler();
    s.observe(0, header('aaa', 'in-sync', ['Bo']), 'aaa', 0);
    s.observe(1, header('bbb', 'syncing', ['Ann']), 'bbb', 600);
    s.observe(0, header('aaa', 'in-sync', ['Bo']), 'aaa', 1_200);
    s.judge(1_200, new Set([0, 1]));
    s.observe(0, header('ccc', 'in-sync', []), 'ccc', 1_300);
    s.observe(1, header('bbb', 'syncing', []), 'bbb', 3_000);
    s.observe(0, header('ccc', 'in-sync', []), 'ccc', 3_000);
    s.judge(3_000, new Set([0, 1]));
    expect(s.episodes.size).toBe(0);
  });
});
