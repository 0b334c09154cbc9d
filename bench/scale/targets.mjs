/**
 * Issue 18's targets for bench/scale.mjs, and whether the figures of a run
 * meet them. A target at a size the run did not measure (a short run with
 * BENCH_SCALE_SIZES) is reported as not measured, and the run as a whole
 * is then not `met`: it cannot say.
 */

export const TARGETS = {
  /** Enter → the event in the incident's document, p95, at 200,000 events. */
  appendToDocument: { events: 200_000, p95Ms: 5 },
  /** Enter → the next painted frame, p95, at 200,000 events, against the same at 1,000. */
  appendToFrame: { events: 200_000, againstEvents: 1_000, maxRatio: 1.5 },
  /** No main-thread task over 50 ms while capturing at 200,000 events, with a compaction among the captures. */
  longTasks: { events: 200_000, maxTaskMs: 50 },
  /** Enter → committed in IndexedDB, p95. */
  commit: { events: [20_000, 200_000], p95Ms: 50 },
  /** Navigation → interactive, p95 (the cold first open counted), and against the floor's p95. */
  open: [
    { events: 20_000, p95Ms: 500, maxRatio: 1.5 },
    { events: 200_000, p95Ms: 2_000, maxRatio: 1.5 },
  ],
};

/**
 * Each target checked against the figures by size (`bySize`, keyed by the
 * number of events): what, at which size, the value, its limit and `met`
 * (null where that size was not measured).
 */
export function checkTargets(bySize) {
  const checks = [];
  const check = (id, events, what, unit, limit, value, met, note) =>
    checks.push({ id, events, what, unit, limit, value: bySize[events] ? value : null, met: bySize[events] ? met : null, ...(note ? { note } : {}) });
  const at = (events) => bySize[events] ?? null;

  const doc = TARGETS.appendToDocument;
  const docP95 = at(doc.events)?.appends.toDocument?.p95;
  check('appendToDocument', doc.events, 'Enter → in the document, p95', 'ms', doc.p95Ms, docP95, docP95 < doc.p95Ms);

  const frame = TARGETS.appendToFrame;
  const framed = at(frame.events)?.appends.toFrame?.p95;
  const reference = at(frame.againstEvents)?.appends.toFrame?.p95;
  const frameRatio = framed !== undefined && reference !== undefined ? framed / reference : null;
  check('appendToFrame', frame.events, `Enter → next frame, p95, against ${frame.againstEvents.toLocaleString('en-US')} events`, 'x', frame.maxRatio, frameRatio, frameRatio !== null && frameRatio <= frame.maxRatio);

  const long = TARGETS.longTasks;
  const tasks = at(long.events)?.appends;
  const compacted = (tasks?.compactions.count ?? 0) > 0;
  check(
    'longTasks',
    long.events,
    'longest main-thread task while capturing, compactions included',
    'ms',
    long.maxTaskMs,
    tasks?.longTasks.maxMs,
    compacted && tasks?.longTasks.maxMs <= long.maxTaskMs,
    tasks && !compacted ? 'no compaction happened during the captures, so the target is not shown' : null,
  );

  for (const events of TARGETS.commit.events) {
    const p95 = at(events)?.appends.toCommit?.p95;
    check('commit', events, 'Enter → committed in IndexedDB, p95', 'ms', TARGETS.commit.p95Ms, p95, p95 < TARGETS.commit.p95Ms);
  }

  for (const target of TARGETS.open) {
    const open = at(target.events)?.open;
    check('open', target.events, 'navigation → interactive, p95', 'ms', target.p95Ms, open?.app.p95, open?.app.p95 <= target.p95Ms);
    check('openRatio', target.events, 'navigation → interactive against the floor, p95s', 'x', target.maxRatio, open?.ratio, open?.ratio <= target.maxRatio);
  }
  return checks;
}
