/**
 * Folds over the whole timeline that go on from where they stopped.
 *
 * The views derive a few things from every entry of the log (the deadlines
 * that ran out, the role each author held, who logged anything). Each is a
 * pass over the timeline, and logging one event in a 20,000-event incident
 * must not cost 20,000 steps each: the event is committed to IndexedDB and
 * painted only after the main thread is free again. The projection adds an
 * event by making a new version of the previous timeline, which knows what
 * it added, so a fold kept from the last timeline needs only the new
 * events. Anything else (an entry taken away, another incident) folds
 * again from the start.
 */
import type { TimelineEvent } from '../incident/schema';
import type { Sequence } from '../sequence';

/** A fold in progress. */
export interface TimelineFold<Input, Result> {
  /** Takes the next event, in timeline order; `input` is what the timeline came with (the snapshot). */
  add(event: TimelineEvent, input: Input): void;
  /**
   * Takes an event that may sort before events already taken (a backdated
   * entry, a peer's entry landing in the middle): true when the answer is
   * now what folding the timeline in order would give, false when the fold
   * must start over. Without it, any such event starts the fold over.
   */
  insert?(event: TimelineEvent, input: Input): boolean;
  /** The answer for the events taken so far. It must not change when more events are taken later. */
  result(input: Input): Result;
}

export interface FoldOptions<Input, Result> {
  /** The timeline of an input (for folds over a timeline, the input itself). */
  readonly timelineOf: (input: Input) => Sequence<TimelineEvent>;
  readonly start: () => TimelineFold<Input, Result>;
  /**
   * False when an appended event can change what earlier events mean (an
   * amendment striking an earlier entry): the fold then starts over.
   */
  readonly resumesAfter?: (event: TimelineEvent) => boolean;
}

/**
 * The fold's answer for an input, memoized per timeline (snapshots never
 * change, so neither does the answer), and worked out from the last
 * timeline folded when the new one only adds to it (sequence.ts keeps what
 * each version added): events added at the end are taken in order, others
 * through the fold's insert(). Keeps the fold of the last timeline asked
 * for (the open incident's).
 */
export function memoizedFold<Input, Result>({ timelineOf, start, resumesAfter }: FoldOptions<Input, Result>): (input: Input) => Result {
  const cache = new WeakMap<Sequence<TimelineEvent>, Result>();
  let live: { timeline: Sequence<TimelineEvent>; fold: TimelineFold<Input, Result> } | null = null;
  return (input) => {
    const timeline = timelineOf(input);
    const known = cache.get(timeline);
    if (known !== undefined) return known;
    const changes = live ? timeline.changesSince(live.timeline) : null;
    let fold = changes ? live!.fold : null;
    // Unset while folding: a fold that throws half-way is never resumed.
    live = null;
    if (fold && changes && !takes(fold, changes.added, changes.atEnd, input, resumesAfter)) fold = null;
    if (!fold) {
      fold = start();
      for (const event of timeline) fold.add(event, input);
    }
    live = { timeline, fold };
    const result = fold.result(input);
    cache.set(timeline, result);
    return result;
  };
}

/** Gives a fold what was added; false when it must start over instead (it may have taken some: it is dropped). */
function takes<Input, Result>(
  fold: TimelineFold<Input, Result>,
  added: readonly TimelineEvent[],
  atEnd: boolean,
  input: Input,
  resumesAfter: ((event: TimelineEvent) => boolean) | undefined,
): boolean {
  if (atEnd) {
    if (resumesAfter && !added.every(resumesAfter)) return false;
    for (const event of added) fold.add(event, input);
    return true;
  }
  if (!fold.insert) return false;
  for (const event of added) if ((resumesAfter && !resumesAfter(event)) || !fold.insert(event, input)) return false;
  return true;
}
