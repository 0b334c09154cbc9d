import { describe, expect, it } from 'vitest';
import { Sequence } from '../../../src/shared/sequence';
import { Rng } from '../harness/random';

const byValue = (a: number, b: number) => a - b;

describe('the persistent sequence a timeline is kept in', () => {
  it('holds what a sorted array would, version after version, and never changes an earlier version', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rng = new Rng(seed);
      let model: number[] = [];
      let sequence = Sequence.empty<number>();
      const versions: Array<{ sequence: Sequence<number>; model: number[] }> = [];
      for (let step = 0; step < 300; step++) {
        // Mostly values after the last, sometimes earlier ones (backdated), sometimes several at once.
        const items = Array.from({ length: rng.between(1, 3) }, () => (rng.chance(0.8) ? step * 10 + rng.int(10) : rng.int(step * 10 + 1)));
        sequence = sequence.inserted(items, byValue);
        model = [...model, ...items].sort(byValue);
        versions.push({ sequence, model });
      }
      for (const v of versions) expect(v.sequence.toArray(), `seed ${seed}`).toEqual(v.model);
      const last = versions.at(-1)!;
      for (let i = 0; i < 20; i++) {
        const index = rng.int(last.model.length);
        expect(last.sequence.at(index)).toBe(last.model[index]);
      }
      expect(last.sequence.at(-1)).toBe(last.model.at(-1));
      expect([...last.sequence.backwards()]).toEqual([...last.model].reverse());
      expect(last.sequence.slice(5, 9)).toEqual(last.model.slice(5, 9));
    }
  });

  it('finds where an item sorts and where an item is', () => {
    const sequence = Sequence.from([1, 3, 3, 5, 8]);
    expect(sequence.indexAfter(3, byValue)).toBe(3);
    expect(sequence.indexAfter(0, byValue)).toBe(0);
    expect(sequence.indexAfter(9, byValue)).toBe(5);
    const rows = [{ at: 1 }, { at: 2 }, { at: 2 }, { at: 4 }];
    const sorted = Sequence.from(rows);
    const byAt = (a: { at: number }, b: { at: number }) => a.at - b.at;
    expect(sorted.indexOf(rows[1]!, byAt)).toBe(1);
    expect(sorted.indexOf(rows[2]!, byAt)).toBe(2);
    expect(sorted.indexOf({ at: 2 }, byAt)).toBe(-1);
    expect(sorted.removed(1).toArray()).toEqual([rows[0], rows[2], rows[3]]);
  });

  it('tells what was added since an earlier version, and whether it all went at the end', () => {
    const start = Sequence.from([1, 2, 3]);
    const appended = start.appended([4]).inserted([5, 6], byValue);
    expect(appended.changesSince(start)).toEqual({ added: [4, 5, 6], atEnd: true });
    const backdated = appended.inserted([0], byValue);
    expect(backdated.changesSince(start)).toEqual({ added: [4, 5, 6, 0], atEnd: false });
    expect(backdated.changesSince(appended)).toEqual({ added: [0], atEnd: false });
    expect(start.changesSince(start)).toEqual({ added: [], atEnd: true });
    // Not made from it: another sequence, an earlier version, or one with an item taken away.
    expect(Sequence.from([1, 2, 3]).changesSince(start)).toBeNull();
    expect(start.changesSince(appended)).toBeNull();
    expect(appended.removed(0).changesSince(appended)).toBeNull();
  });

  it('remembers a few hundred versions back, not every version ever made', () => {
    const start = Sequence.from([0]);
    let sequence = start;
    const kept: Array<Sequence<number>> = [];
    for (let i = 1; i <= 1000; i++) {
      sequence = sequence.appended([i]);
      kept.push(sequence);
    }
    // A reader 200 versions behind takes only what is new…
    expect(sequence.changesSince(kept[799]!)?.added).toEqual(Array.from({ length: 200 }, (_, i) => 801 + i));
    // …one a thousand behind starts over (its version is left to the collector).
    expect(sequence.changesSince(start)).toBeNull();
  });
});
