/**
 * The stakeholder updates sent so far, newest first, read from the
 * timeline. Memoized on the timeline, which the projection keeps while
 * nothing is logged, so the timers board (recomputed every second) and the
 * status views pay for the scan once per change, not once per tick; and an
 * event logged is one step, not a scan of the whole log (timeline-fold.ts).
 */
import type { Sequence } from '../sequence';
import type { TimelineEvent, UpdateEvent } from '../incident/schema';
import { memoizedFold } from './timeline-fold';

export const sentUpdates: (timeline: Sequence<TimelineEvent>) => readonly UpdateEvent[] = memoizedFold({
  timelineOf: (timeline: Sequence<TimelineEvent>) => timeline,
  start: () => {
    const sent: UpdateEvent[] = [];
    let newestFirst: readonly UpdateEvent[] = Object.freeze([]);
    return {
      add: (event) => {
        if (event.kind === 'update') sent.push(event);
      },
      // The same array until another update is sent.
      result: () => (newestFirst.length === sent.length ? newestFirst : (newestFirst = Object.freeze(sent.slice().reverse()))),
    };
  },
});
