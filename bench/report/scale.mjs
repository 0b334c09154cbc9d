/** The scale section of bench/README.md, from the `scale` section of bench/results.json (bench/scale.mjs). */
import { bytes, list, ms, num, pair, paragraphs, ratio, table, where } from './format.mjs';

const p95 = (s) => ms(s?.p95);

/** A target's figure and limit as the targets table says them. */
const figure = (check, value) => (typeof value !== 'number' ? 'n/a' : check.unit === 'x' ? ratio(value) : ms(value));

function verdictOf(check) {
  if (check.met === null) return 'not measured';
  return `${check.met ? 'met' : 'missed'}${check.note ? ` (${check.note})` : ''}`;
}

export function scaleSection(scale, history) {
  if (!scale) return '';
  const sizes = scale.sizes ?? [];
  const explanation = `**What it times** (\`bench/scale.mjs\`, alone with \`npm run bench:scale\`; \`BENCH_SCALE_SIZES\`, \`BENCH_SCALE_OPEN_RUNS\`, \`BENCH_SCALE_CAPTURES\`, \`BENCH_SCALE_BACKDATE_EVERY\`, \`BENCH_SCALE_HEADROOM\`): what a person waits for on incidents of ${list(sizes.map((s) => num(s.events)))} events, each seeded through the app's commands and persistence in a fresh Chromium and profile on disk. *Opening*: from the app page's navigation start to interactive, the whole incident loaded (the quick-entry line there and enabled, the timeline labelled with every event) and the next frame painted; ${num(scale.openRuns)} opens per size, the first of them cold (the app's code and the database read for the first time) and none dropped, so with few runs the p95 is the slowest. *Appending*: ${num(scale.captures)} captures per size through the real UI (the chord, a line typed, Enter), each timed from Enter's event time to the event in the document, to the next frame and to the write committed in IndexedDB; every ${num(scale.backdateEvery)}th is backdated (\`@-10m\`, \`@-1h\`, \`@-4h\`), so it lands before entries already logged. The seed leaves the stored delta just short of compaction, so a compaction (a new snapshot of the whole doc, written as the delta outgrows its threshold, about once every thousand appends in a session) falls among the captures and its commit is sampled; at 1,000 events the whole incident is smaller than that threshold and none comes. Meanwhile the main thread's long tasks are observed; after the captures, a forced garbage collection and the JS heap.

**Floor**, for opening, in the same run and browser on the same stored bytes: a page that reads the records and applies them to a fresh Y.Doc (\`bench/pages/floor.ts\`), timed from its own navigation start too, so both sides pay for loading a page. Appends are held to their own figures at 1,000 events from the same run. **Targets** (issue 18): ${targetsInWords(scale.targets)}.`;

  const figures = table(
    ['events', 'stored', 'open p50 / p95', 'floor p50 / p95', 'p95 ratio', 'Enter → document', 'Enter → next frame', 'Enter → committed', 'backdated: document / frame / committed, p95', 'long tasks (longest)', 'compactions', 'heap'],
    sizes.map((s) => {
      const a = s.appends ?? {};
      const late = a.outOfOrder ?? {};
      return [
        num(s.events),
        `${bytes(s.seed?.storedBytes)} in ${num(s.seed?.records)} records`,
        pair(s.open?.app?.median, s.open?.app?.p95),
        pair(s.open?.floor?.median, s.open?.floor?.p95),
        ratio(s.open?.ratio),
        pair(a.toDocument?.median, a.toDocument?.p95),
        pair(a.toFrame?.median, a.toFrame?.p95),
        pair(a.toCommit?.median, a.toCommit?.p95),
        `${p95(late.toDocument)} / ${p95(late.toFrame)} / ${p95(late.toCommit)}`,
        `${num(a.longTasks?.count)} (${ms(a.longTasks?.maxMs)})`,
        num(a.compactions?.count),
        `${num(a.heapUsedMB)} MB`,
      ];
    }),
  );
  const checks = table(
    ['events', 'target', 'measured', 'limit', ''],
    (scale.checks ?? []).map((c) => [num(c.events), c.what, figure(c, c.value), figure(c, c.limit), verdictOf(c)]),
  );
  const compactions = sizes
    .filter((s) => s.appends?.compactions?.count)
    .map((s) => `${ms(Math.max(...s.appends.compactions.commitMs))} at ${num(s.events)} events (longest task during it ${ms(s.appends.longTasks?.inCompactions?.maxMs)})`);
  const verdicts = `${where(scale)} Open times are p50 / p95 from navigation start; append times p50 / p95 from Enter. All targets: ${scale.met ? 'met' : 'not met'}.${compactions.length ? ` The compactions' commits took ${list(compactions)}.` : ''}`;
  const context = sizes.length
    ? `For context, the app's own part of opening (from its session starting to load to the whole incident on screen, as \`bench/run.mjs\` times it) took ${list(sizes.map((s) => `${ms(s.open?.openStartToInteractive?.median)} at ${num(s.events)}`))} (medians), against the floor's read and apply of ${list(sizes.map((s) => ms(s.open?.floorInPage?.median)))}; the entry line took a key typed into it as soon as it was there after ${list(sizes.map((s) => ms(s.open?.keyTaken?.median)))} from navigation.`
    : '';
  const before = history?.beforeIssue18Appends;
  const then = before?.sizes?.length
    ? `Before appends were made constant-cost (commit ${before.commit}, kept in \`results.json\`'s history), the same captures took, at ${list(before.sizes.map((s) => num(s.events)))} events: Enter → in the document ${list(before.sizes.map((s) => ms(s.toDocumentP95)))} (p95), a backdated one ${list(before.sizes.map((s) => ms(s.outOfOrderToDocumentP95)))}, Enter → next frame ${list(before.sizes.map((s) => ms(s.toFrameP95)))}, Enter → committed ${list(before.sizes.map((s) => ms(s.toCommitP95)))}; with ${list(before.sizes.map((s) => `${num(s.longTasks)} long tasks (longest ${ms(s.longestTaskMs)})`))}.`
    : '';
  return paragraphs('## At any size: 1,000 to 200,000 events', explanation, verdicts, figures, checks, context, then);
}

function targetsInWords(t) {
  if (!t) return 'none recorded';
  const opens = (t.open ?? []).map((o) => `opening within ${ms(o.p95Ms)} and ${num(o.maxRatio)}x the floor at ${num(o.events)} events (p95)`);
  return [
    `at ${num(t.appendToDocument?.events)} events Enter → in the document under ${ms(t.appendToDocument?.p95Ms)} and Enter → next frame at most ${num(t.appendToFrame?.maxRatio)}x its value at ${num(t.appendToFrame?.againstEvents)} (p95s)`,
    `no main-thread task over ${ms(t.longTasks?.maxTaskMs)} while capturing at ${num(t.longTasks?.events)}, a compaction among the captures`,
    `Enter → committed under ${ms(t.commit?.p95Ms)} at ${list((t.commit?.events ?? []).map((events) => num(events)))} (p95)`,
    ...opens,
  ].join('; ');
}
