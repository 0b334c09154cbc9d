/**
 * A persistent sequence: an immutable list whose new versions share almost
 * everything with the old ones, so adding one event to a 200,000-event
 * timeline costs a few microseconds instead of a copy of the whole array.
 * Snapshots of an incident hold their timeline as one of these (the
 * projection adds to it), and the timeline view holds its rows as one.
 *
 * The list itself is funkia's `list` (a relaxed radix balanced tree: append
 * in amortized constant time, index and insert in logarithmic time); this
 * wraps it in the few array-like reads the app uses, and remembers what
 * each version added to the one it came from, so a fold kept over an
 * earlier version can take only what is new (changesSince).
 */
import * as L from 'list';

/** What a version added to the one it was made from. */
interface Step<T> {
  readonly from: Sequence<T>;
  readonly added: readonly T[];
  /** Whether everything added went after everything already there, in order. */
  readonly atEnd: boolean;
}

/** What was added since an earlier version: every item, and whether all went at the end. */
export interface Additions<T> {
  readonly added: readonly T[];
  readonly atEnd: boolean;
}

/**
 * How many versions back changesSince is sure to look. Each version holds
 * the one it came from, so every this many versions the chain is cut this
 * many versions back, keeping old versions collectable; a reader further
 * behind than that starts over.
 */
const KEPT_STEPS = 256;

const NO_ITEMS: readonly never[] = Object.freeze([]);

export class Sequence<T> implements Iterable<T> {
  private array: readonly T[] | null = null;

  private constructor(
    private readonly list: L.List<T>,
    // Cut (set to null) once this version is far enough behind the newest: see KEPT_STEPS.
    private step: Step<T> | null,
    private readonly depth: number,
  ) {}

  static from<T>(items: Iterable<T>): Sequence<T> {
    return new Sequence(L.from(items), null, 0);
  }

  static empty<T>(): Sequence<T> {
    return new Sequence(L.empty<T>(), null, 0);
  }

  get length(): number {
    return this.list.length;
  }

  /** The item at an index; negative indexes count from the end, as Array.prototype.at does. */
  at(index: number): T | undefined {
    return L.nth(index < 0 ? this.list.length + index : index, this.list);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.list[Symbol.iterator]();
  }

  /** The items from the last one back. */
  backwards(): Iterable<T> {
    return L.backwards(this.list);
  }

  /** The whole sequence as a frozen array: a copy, made once per version, for readers that need one. */
  toArray(): readonly T[] {
    return (this.array ??= Object.freeze(L.toArray(this.list)));
  }

  map<U>(f: (item: T, index: number) => U): U[] {
    const out: U[] = [];
    let i = 0;
    for (const item of this.list) out.push(f(item, i++));
    return out;
  }

  filter<S extends T>(keep: (item: T) => item is S): S[];
  filter(keep: (item: T) => boolean): T[];
  filter(keep: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (const item of this.list) if (keep(item)) out.push(item);
    return out;
  }

  find<S extends T>(test: (item: T) => item is S): S | undefined;
  find(test: (item: T) => boolean): T | undefined;
  find(test: (item: T) => boolean): T | undefined {
    for (const item of this.list) if (test(item)) return item;
    return undefined;
  }

  some(test: (item: T) => boolean): boolean {
    return this.find(test) !== undefined;
  }

  findIndex(test: (item: T) => boolean): number {
    let i = 0;
    for (const item of this.list) {
      if (test(item)) return i;
      i++;
    }
    return -1;
  }

  /** Items from `from` up to (not including) `to`, as an array; negative bounds count from the end. */
  slice(from = 0, to = this.list.length): T[] {
    return L.toArray(L.slice(from, to, this.list));
  }

  /**
   * The first index whose item sorts after `item` (so inserting there keeps
   * the order, after any equal ones): a binary search, for a sequence
   * sorted by `compare`.
   */
  indexAfter(item: T, compare: (a: T, b: T) => number): number {
    let low = 0;
    let high = this.list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(L.nth(middle, this.list)!, item) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The index of an item of a sequence sorted by `compare` (found by that order, then by identity), or -1. */
  indexOf(item: T, compare: (a: T, b: T) => number): number {
    for (let i = this.indexAfter(item, compare) - 1; i >= 0; i--) {
      const here = L.nth(i, this.list)!;
      if (here === item) return i;
      if (compare(here, item) !== 0) return -1;
    }
    return -1;
  }

  /** This sequence with items added at its end. */
  appended(items: readonly T[]): Sequence<T> {
    if (!items.length) return this;
    let list = this.list;
    for (const item of items) list = L.append(item, list);
    return this.next(list, { from: this, added: items, atEnd: true });
  }

  /**
   * This sequence, sorted by `compare`, with items put where they sort
   * (each after any equal ones): at the end when they sort last, which is
   * the common case and the cheapest.
   */
  inserted(items: readonly T[], compare: (a: T, b: T) => number): Sequence<T> {
    if (!items.length) return this;
    let list = this.list;
    let atEnd = true;
    for (const item of items) {
      const last = L.last(list);
      if (last === undefined || compare(last, item) <= 0) {
        list = L.append(item, list);
        continue;
      }
      atEnd = false;
      const index = new Sequence(list, null, 0).indexAfter(item, compare);
      list = L.insert(index, item, list);
    }
    return this.next(list, { from: this, added: items, atEnd });
  }

  /** This sequence without the item at an index (a new version with no history: readers start over). */
  removed(index: number): Sequence<T> {
    return new Sequence(L.remove(index, 1, this.list), null, 0);
  }

  /**
   * What was added since `earlier`, when this version was made from it by
   * additions only (and not too many versions ago); null otherwise.
   */
  changesSince(earlier: Sequence<T>): Additions<T> | null {
    if (earlier === this) return { added: NO_ITEMS, atEnd: true };
    const steps: Step<T>[] = [];
    for (let step = this.step; step; step = step.from.step) {
      steps.push(step);
      if (step.from === earlier) break;
    }
    if (steps.at(-1)?.from !== earlier) return null;
    const added: T[] = [];
    let atEnd = true;
    for (let i = steps.length - 1; i >= 0; i--) {
      added.push(...steps[i]!.added);
      atEnd &&= steps[i]!.atEnd;
    }
    return { added, atEnd };
  }

  private next(list: L.List<T>, step: Step<T>): Sequence<T> {
    const made = new Sequence(list, step, this.depth + 1);
    if (made.depth % KEPT_STEPS === 0) {
      let at: Sequence<T> | undefined = made;
      for (let i = 0; i < KEPT_STEPS && at; i++) at = at.step?.from;
      if (at) at.step = null;
    }
    return made;
  }
}
