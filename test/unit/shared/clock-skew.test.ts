import { describe, expect, it } from 'vitest';
import { clockSkewOf, describeOffset, median, PeerClocks, SKEW_WARNING_MS } from '../../../src/shared/sync/clock-skew';
import { Rng } from '../harness/random';

const MIN = 60_000;

describe('estimating a peer clock', () => {
  it('takes the least delayed of recent readings, since delay only ever makes a clock look behind', () => {
    const clocks = new PeerClocks();
    // Their clock is 5 min ahead; readings arrive 3, 40 and 900 ms after they were taken.
    for (const delay of [40, 3, 900]) clocks.record(7, 1_000_000 + 5 * MIN, 1_000_000 + delay);
    expect(clocks.offsetOf(7)).toBe(5 * MIN - 3);
  });

  it('believes a clock that was set right within a minute of readings', () => {
    const clocks = new PeerClocks();
    for (let i = 0; i < 30; i++) clocks.record(1, i * 2_000 + 5 * MIN, i * 2_000);
    expect(clocks.offsetOf(1)).toBe(5 * MIN);
    for (let i = 30; i < 60; i++) clocks.record(1, i * 2_000, i * 2_000);
    expect(clocks.offsetOf(1)).toBe(0);
  });

  it('ignores readings that are not times, or absurdly far off', () => {
    const clocks = new PeerClocks();
    clocks.record(1, 'noon', 0);
    clocks.record(1, Number.NaN, 0);
    clocks.record(1, 400 * 24 * 3_600_000, 0);
    expect(clocks.offsetOf(1)).toBeUndefined();
    expect(clocks.correction()).toBe(0);
  });
});

describe("the incident's clock", () => {
  it('is the median clock: one fast machine among three is corrected, the others are not', () => {
    // Machines A and B are right; C runs 5 min fast. Each sees the others' offsets from its own clock.
    const a = new PeerClocks();
    a.record(2, 0, 0);
    a.record(3, 5 * MIN, 0);
    const c = new PeerClocks();
    c.record(1, 0, 5 * MIN);
    c.record(2, 0, 5 * MIN);
    expect(a.correction()).toBe(0);
    expect(c.correction()).toBe(-5 * MIN);
  });

  it('is the same instant on every machine, whatever their clocks and delivery delays', () => {
    const rng = new Rng(42);
    const skews = [0, 3 * MIN, -7 * MIN, 45_000, 2 * 3_600_000];
    const machines = skews.map(() => new PeerClocks());
    const trueTime = 1_800_000_000_000;
    for (let beat = 0; beat < 6; beat++) {
      for (let from = 0; from < skews.length; from++) {
        for (let to = 0; to < skews.length; to++) {
          if (from === to) continue;
          const delay = rng.int(50);
          machines[to]!.record(from, trueTime + beat * 10_000 + skews[from]!, trueTime + beat * 10_000 + delay + skews[to]!);
        }
      }
    }
    const incidentClocks = machines.map((m, i) => trueTime + skews[i]! + m.correction());
    for (const reading of incidentClocks) expect(Math.abs(reading - incidentClocks[0]!)).toBeLessThan(50);
    // The median of these five clocks is the one 45 s fast.
    expect(Math.abs(incidentClocks[0]! - (trueTime + 45_000))).toBeLessThan(50);
  });

  it('counts only the peers the caller names, so someone who reloaded counts once', () => {
    const clocks = new PeerClocks();
    // One person 10 min fast, seen before and after a reload (two client ids), and one whose clock is right.
    clocks.record(1, 10 * MIN, 0);
    clocks.record(2, 10 * MIN, 0);
    clocks.record(3, 0, 0);
    // Counted twice, the fast clock would drag the incident's clock 5 min forward.
    expect(clocks.correction([1, 2, 3])).toBe(5 * MIN);
    expect(clocks.correction([2, 3])).toBe(0);
  });

  it('takes the middle of two clocks, so two machines agree even when nobody can tell which is right', () => {
    expect(median([0, 4 * MIN])).toBe(2 * MIN);
    expect(median([0])).toBe(0);
  });
});

describe('telling the user', () => {
  it('says nothing of a few seconds, notes a difference, and warns from a minute on', () => {
    expect(clockSkewOf(2_000)).toBeNull();
    expect(clockSkewOf(-20_000)).toEqual({ direction: 'ahead', by: '20 s', far: false });
    expect(clockSkewOf(-(5 * MIN + 2_000))).toEqual({ direction: 'ahead', by: '5 min 2 s', far: true });
    expect(clockSkewOf(SKEW_WARNING_MS)).toEqual({ direction: 'behind', by: '1 min', far: true });
  });

  it('words hours without seconds', () => {
    expect(describeOffset(2 * 3_600_000 + 5 * MIN + 7_000)).toBe('2 h 5 min');
    expect(describeOffset(-3 * 3_600_000)).toBe('3 h');
  });
});
