import type { TimelineEvent } from './schema';

/**
 * Puts events read from the doc in timeline order: the order
 * compareEvents (schema.ts) defines, and stable as Array.prototype.sort is
 * (of events that compare equal, the one read first comes first).
 *
 * Why not that sort: the doc's order is nearly the timeline's already
 * (entries are appended as they happen; backdated entries, captures
 * stamped when their chord was pressed and peers' entries land a little out
 * of place), and the engine's sort reads two events' fields per comparison
 * through a callback: some 40 ms for 200,000 events on a slow laptop,
 * every time an incident is opened. Here each event's times are read once,
 * the events that come in order are kept, the few that sort before one
 * already kept are set aside and sorted, and the two runs are merged:
 * linear in the events, plus k log k for the k set aside.
 */
export function sortEvents(events: readonly TimelineEvent[]): TimelineEvent[] {
  const count = events.length;
  const at = new Float64Array(count);
  const loggedAt = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const event = events[i]!;
    at[i] = event.at;
    loggedAt[i] = event.loggedAt;
  }
  // Negative when the event read i-th sorts before the j-th; ties by their place in the doc, which keeps it stable.
  const order = (i: number, j: number): number => {
    const byTime = at[i]! - at[j]! || loggedAt[i]! - loggedAt[j]!;
    if (byTime) return byTime;
    const a = events[i]!.id;
    const b = events[j]!.id;
    return a < b ? -1 : a > b ? 1 : i - j;
  };
  const kept: number[] = [];
  const asides: number[] = [];
  for (let i = 0; i < count; i++) {
    if (!kept.length || order(kept[kept.length - 1]!, i) < 0) kept.push(i);
    else asides.push(i);
  }
  asides.sort(order);
  const sorted: TimelineEvent[] = new Array<TimelineEvent>(count);
  let k = 0;
  let a = 0;
  for (let out = 0; out < count; out++) {
    const takeAside = a < asides.length && (k === kept.length || order(asides[a]!, kept[k]!) < 0);
    sorted[out] = events[takeAside ? asides[a++]! : kept[k++]!]!;
  }
  return sorted;
}
