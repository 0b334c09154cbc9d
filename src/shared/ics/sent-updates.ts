/**
 * The stakeholder updates sent so far, newest first, read from the
 * timeline. Memoized on the timeline array, which the projection keeps while
 * nothing is logged, so the timers board (recomputed every second) and the
 * status views pay for the scan once per change, not once per tick.
 */
import type { TimelineEvent, UpdateEvent } from '../incident/schema';

const cache = new WeakMap<readonly TimelineEvent[], readonly UpdateEvent[]>();

export function sentUpdates(timeline: readonly TimelineEvent[]): readonly UpdateEvent[] {
  let sent = cache.get(timeline);
  if (!sent) {
    const found: UpdateEvent[] = [];
    for (let i = timeline.length - 1; i >= 0; i--) {
      const event = timeline[i]!;
      if (event.kind === 'update') found.push(event);
    }
    sent = Object.freeze(found);
    cache.set(timeline, sent);
  }
  return sent;
}
