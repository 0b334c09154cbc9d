import { describe, expect, it } from 'vitest';
import { compareEvents, type TimelineEvent } from '../../../src/shared/incident';
import { sortEvents } from '../../../src/shared/incident/sort-events';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function note(id: string, at: number, loggedAt = at, text = id): TimelineEvent {
  return { id, kind: 'note', at, loggedAt, author: 'Dana', text } as TimelineEvent;
}

/** As the doc holds them: in the order they were logged, some backdated, some logged in the same millisecond, some copies of one entry. */
function loggedOrder(next: () => number, count: number): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (let i = 0; i < count; i++) {
    const loggedAt = 1_000 * Math.floor(i / 3);
    const roll = next();
    if (roll < 0.1) events.push(note(`b${Math.floor(next() * 1e6)}`, loggedAt - Math.floor(next() * 50_000), loggedAt));
    else if (roll < 0.15 && events.length) {
      // A copy of an earlier entry, with the same key and other text: which one comes first must not change.
      const copied = events[Math.floor(next() * events.length)]!;
      events.push({ ...copied, text: `copy ${i}` } as TimelineEvent);
    } else events.push(note(`e${Math.floor(next() * 1e6)}`, loggedAt, loggedAt));
  }
  return events;
}

describe('putting events read from the doc in timeline order', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('gives exactly what a stable sort gives, copies included (seed %i)', (seed) => {
    const events = loggedOrder(random(seed), 2_000);
    const expected = [...events].sort(compareEvents);
    const sorted = sortEvents(events);
    expect(sorted).toHaveLength(events.length);
    sorted.forEach((event, i) => expect(event, `position ${i}`).toBe(expected[i]));
  });

  it('keeps events already in order as they are, and sorts events in reverse order', () => {
    const inOrder = [note('a', 1), note('b', 2), note('c', 2), note('d', 3)];
    expect(sortEvents(inOrder)).toEqual(inOrder);
    expect(sortEvents([...inOrder].reverse())).toEqual(inOrder);
    expect(sortEvents([])).toEqual([]);
  });

  it('copes with an event far in the future read first: everything after it sorts before it', () => {
    const events = [note('future', 10 ** 12), note('a', 1), note('b', 2), note('c', 3)];
    expect(sortEvents(events).map((e) => e.id)).toEqual(['a', 'b', 'c', 'future']);
  });
});
