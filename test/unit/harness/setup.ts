/**
 * Set up before every unit test file. Two timelines are equal when they hold
 * equal events in the same order: a Sequence's own fields (the version it
 * came from, its place in that history, a cached array) say how it was
 * made, not what it holds.
 */
import { expect } from 'vitest';
import { Sequence } from '../../../src/shared/sequence';

expect.addEqualityTesters([
  function sequencesEqual(a: unknown, b: unknown, customTesters) {
    if (!(a instanceof Sequence) && !(b instanceof Sequence)) return undefined;
    const items = (x: unknown) => (x instanceof Sequence ? x.toArray() : x);
    return this.equals(items(a), items(b), customTesters);
  },
]);
