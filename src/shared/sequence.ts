/**
 * A persistent sequence: an immutable list whose new versions share almost
 * everything with the old ones, so adding one event to a 200,000-event
 * timeline costs a few microseconds instead of a copy of the whole array.
 * Snapshots of an incident hold their timeline as one of these (the
 * projection adds to it), and the timeline view holds its rows as one.
 *
 * It is a B+ tree counted by size: leaves hold up to LEAF items, branches up
 * to FANOUT children with each child's size, so finding an index, adding an
 * item anywhere and copying the path to it are all logarithmic (four levels
 * at 200,000 items). We first used funkia's `list` (an RRB tree), whose
 * random inserts broke past ~100,000 items; this is the small part of it we
 * need, checked against a plain array by its tests. Each version also
 * remembers what it added to the one it came from, so a fold kept over an
 * earlier version can take only what is new (changesSince).
 */

const LEAF = 64;
const FANOUT = 32;

interface Leaf<T> {
  readonly items: readonly T[];
}

interface Branch<T> {
  readonly children: readonly Node<T>[];
  /** The number of items under each child. */
  readonly sizes: readonly number[];
}

type Node<T> = Leaf<T> | Branch<T>;

const isLeaf = <T>(node: Node<T>): node is Leaf<T> => 'items' in node;

function sizeOf<T>(node: Node<T>): number {
  return isLeaf(node) ? node.items.length : node.sizes.reduce((a, b) => a + b, 0);
}

/** The item at an index under a node (the index is in range). */
function itemAt<T>(node: Node<T>, index: number): T {
  while (!isLeaf(node)) {
    let child = 0;
    while (index >= node.sizes[child]!) index -= node.sizes[child++]!;
    node = node.children[child]!;
  }
  return node.items[index]!;
}

/** The node with an item put at an index (copying the path to it); two nodes when it had to split. */
function insertAt<T>(node: Node<T>, index: number, item: T): [Node<T>] | [Node<T>, Node<T>] {
  if (isLeaf(node)) {
    const items = node.items.slice();
    items.splice(index, 0, item);
    if (items.length <= LEAF) return [{ items }];
    // An item past the end fills leaves to the brim (appends are the common case); others split evenly.
    const cut = index === items.length - 1 ? LEAF : items.length >>> 1;
    return [{ items: items.slice(0, cut) }, { items: items.slice(cut) }];
  }
  let child = 0;
  while (child < node.children.length - 1 && index > node.sizes[child]!) index -= node.sizes[child++]!;
  const made = insertAt(node.children[child]!, index, item);
  const children = node.children.slice();
  const sizes = node.sizes.slice();
  children.splice(child, 1, ...made);
  sizes.splice(child, 1, ...made.map(sizeOf));
  if (children.length <= FANOUT) return [{ children, sizes }];
  const cut = child === children.length - 2 ? FANOUT : children.length >>> 1;
  return [
    { children: children.slice(0, cut), sizes: sizes.slice(0, cut) },
    { children: children.slice(cut), sizes: sizes.slice(cut) },
  ];
}

function indexAfter<T>(root: Node<T>, length: number, item: T, compare: (a: T, b: T) => number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(itemAt(root, middle), item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function* leavesOf<T>(node: Node<T>, backwards: boolean): Generator<readonly T[]> {
  if (isLeaf(node)) return yield node.items;
  const { children } = node;
  for (let i = 0; i < children.length; i++) yield* leavesOf(children[backwards ? children.length - 1 - i : i]!, backwards);
}

/** A tree of these items, in order: leaves filled to the brim, then branches over them. */
function build<T>(items: readonly T[]): Node<T> {
  let level: Node<T>[] = [];
  for (let i = 0; i < items.length; i += LEAF) level.push({ items: items.slice(i, i + LEAF) });
  if (!level.length) return { items: [] };
  while (level.length > 1) {
    const up: Node<T>[] = [];
    for (let i = 0; i < level.length; i += FANOUT) {
      const children = level.slice(i, i + FANOUT);
      up.push({ children, sizes: children.map(sizeOf) });
    }
    level = up;
  }
  return level[0]!;
}

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
    private readonly root: Node<T>,
    readonly length: number,
    // Cut (set to null) once this version is far enough behind the newest: see KEPT_STEPS.
    private step: Step<T> | null,
    private readonly depth: number,
  ) {}

  static from<T>(items: Iterable<T>): Sequence<T> {
    const array = Array.isArray(items) ? (items as readonly T[]) : [...items];
    return new Sequence(build(array), array.length, null, 0);
  }

  static empty<T>(): Sequence<T> {
    return Sequence.from<T>([]);
  }

  /** The item at an index; negative indexes count from the end, as Array.prototype.at does. */
  at(index: number): T | undefined {
    const i = index < 0 ? this.length + index : index;
    return i >= 0 && i < this.length ? itemAt(this.root, i) : undefined;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const items of leavesOf(this.root, false)) yield* items;
  }

  /** The items from the last one back. */
  *backwards(): Generator<T> {
    for (const items of leavesOf(this.root, true)) for (let i = items.length - 1; i >= 0; i--) yield items[i]!;
  }

  /** The whole sequence as a frozen array: a copy, made once per version, for readers that need one. */
  toArray(): readonly T[] {
    if (!this.array) {
      const all: T[] = [];
      for (const items of leavesOf(this.root, false)) for (const item of items) all.push(item);
      this.array = Object.freeze(all);
    }
    return this.array;
  }

  map<U>(f: (item: T, index: number) => U): U[] {
    const out: U[] = [];
    let i = 0;
    for (const item of this) out.push(f(item, i++));
    return out;
  }

  filter<S extends T>(keep: (item: T) => item is S): S[];
  filter(keep: (item: T) => boolean): T[];
  filter(keep: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (const item of this) if (keep(item)) out.push(item);
    return out;
  }

  find<S extends T>(test: (item: T) => item is S): S | undefined;
  find(test: (item: T) => boolean): T | undefined;
  find(test: (item: T) => boolean): T | undefined {
    for (const item of this) if (test(item)) return item;
    return undefined;
  }

  some(test: (item: T) => boolean): boolean {
    for (const item of this) if (test(item)) return true;
    return false;
  }

  findIndex(test: (item: T) => boolean): number {
    let i = 0;
    for (const item of this) {
      if (test(item)) return i;
      i++;
    }
    return -1;
  }

  /** Items from `from` up to (not including) `to`, as an array; negative bounds count from the end. */
  slice(from = 0, to = this.length): T[] {
    const start = Math.max(0, from < 0 ? this.length + from : Math.min(from, this.length));
    const end = Math.max(start, to < 0 ? this.length + to : Math.min(to, this.length));
    const out: T[] = [];
    for (let i = start; i < end; i++) out.push(itemAt(this.root, i));
    return out;
  }

  /**
   * The first index whose item sorts after `item` (so inserting there keeps
   * the order, after any equal ones): a binary search, for a sequence
   * sorted by `compare`.
   */
  indexAfter(item: T, compare: (a: T, b: T) => number): number {
    return indexAfter(this.root, this.length, item, compare);
  }

  /** This sequence with items added at its end. */
  appended(items: readonly T[]): Sequence<T> {
    if (!items.length) return this;
    let root = this.root;
    let length = this.length;
    for (const item of items) root = rooted(insertAt(root, length++, item));
    return this.next(root, length, { from: this, added: items, atEnd: true });
  }

  /**
   * This sequence, sorted by `compare`, with items put where they sort
   * (each after any equal ones): at the end when they sort last, which is
   * the common case.
   */
  inserted(items: readonly T[], compare: (a: T, b: T) => number): Sequence<T> {
    if (!items.length) return this;
    let root = this.root;
    let length = this.length;
    let atEnd = true;
    for (const item of items) {
      const last = length ? itemAt(root, length - 1) : undefined;
      const index = last === undefined || compare(last, item) <= 0 ? length : indexAfter(root, length, item, compare);
      atEnd &&= index === length;
      root = rooted(insertAt(root, index, item));
      length++;
    }
    return this.next(root, length, { from: this, added: items, atEnd });
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

  private next(root: Node<T>, length: number, step: Step<T>): Sequence<T> {
    const made = new Sequence(root, length, step, this.depth + 1);
    if (made.depth % KEPT_STEPS === 0) {
      let at: Sequence<T> | undefined = made;
      for (let i = 0; i < KEPT_STEPS && at; i++) at = at.step?.from;
      if (at) at.step = null;
    }
    return made;
  }
}

/** The root over what an insert gave: a new level when the old root split. */
function rooted<T>(made: [Node<T>] | [Node<T>, Node<T>]): Node<T> {
  return made.length === 1 ? made[0] : { children: made, sizes: made.map(sizeOf) };
}
