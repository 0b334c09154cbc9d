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

  it('finds where an item sorts', () => {
    const sequence = Sequence.from([1, 3, 3, 5, 8]);
    expect(sequence.indexAfter(3, byValue)).toBe(3);
    expect(sequence.indexAfter(0, byValue)).toBe(0);
    expect(sequence.indexAfter(9, byValue)).toBe(5);
    expect(sequence.at(5)).toBeUndefined();
    expect(sequence.at(-6)).toBeUndefined();
    expect(sequence.slice(-2)).toEqual([5, 8]);
  });

  it('stays right at the size of a long incident, with items put anywhere (a list library we tried broke here)', () => {
    const rng = new Rng(7);
    const model = Array.from({ length: 3_000 }, (_, i) => i * 10);
    let sequence = Sequence.from(model);
    let next = model.length * 10;
    for (let step = 0; step < 250_000; step++) {
      // A long incident's additions: mostly at the end, a few anywhere, sometimes a batch.
      const roll = rng.next();
      const value = roll < 0.9 ? next++ * 10 : rng.int(next * 10);
      sequence = sequence.inserted([value], byValue);
      if (roll < 0.9) model.push(value);
      else {
        let at = model.length;
        while (at > 0 && model[at - 1]! > value) at--;
        model.splice(at, 0, value);
      }
    }
    expect(sequence.length).toBe(model.length);
    expect(sequence.toArray()).toEqual(model);
    for (let i = 0; i < 2_000; i++) {
      const index = rng.int(model.length);
      expect(sequence.at(index)).toBe(model[index]);
    }
    expect([...sequence.backwards()].slice(0, 5)).toEqual(model.slice(-5).reverse());
  });

  it('tells what was added since an earlier version, and whether it all went at the end', () => {
    const start = Sequence.from([1, 2, 3]);
    const appended = start.appended([4]).inserted([5, 6], byValue);
    expect(appended.changesSince(start)).toEqual({ added: [4, 5, 6], atEnd: true });
    const backdated = appended.inserted([0], byValue);
    expect(backdated.changesSince(start)).toEqual({ added: [4, 5, 6, 0], atEnd: false });
    expect(backdated.changesSince(appended)).toEqual({ added: [0], atEnd: false });
    expect(start.changesSince(start)).toEqual({ added: [], atEnd: true });
    // Not made from it: another sequence, or an earlier version.
    expect(Sequence.from([1, 2, 3]).changesSince(start)).toBeNull();
    expect(start.changesSince(appended)).toBeNull();
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
