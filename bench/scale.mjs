#!/usr/bin/env node
/**
 * Scale benchmark (issue 18, "Instant at any size"): npm run bench:scale;
 * part of npm run bench.
 *
 * What it times, at each size of incident (1,000, 20,000, 100,000 and
 * 200,000 events by default), what a person waits for:
 *  - opening it: from the app page's navigation start to interactive, that
 *    is the whole incident loaded (not its stored first view): the
 *    quick-entry line there and enabled, the timeline labelled with every
 *    event, and the next frame after that painted (bench/lib/page-timing.mjs,
 *    openTiming). Also, for context: the same from the session's
 *    'incident-open-start' (the app's own part, as bench/run.mjs times it),
 *    and the moment the entry line took a key the driver typed into it as
 *    soon as the line was there;
 *  - appending: captures through the real UI (the chord, a line typed,
 *    Enter), each timed from Enter's own event time to the event in the
 *    document ('capture-logged'), to the next frame, and to the write
 *    committed in IndexedDB ('incident-saved'). Every BENCH_SCALE_BACKDATE_EVERY-th
 *    is backdated ("@-10m", "@-1h", "@-4h"), so it lands before entries
 *    already there, and is reported on its own as well. The seed leaves the
 *    stored delta a few kilobytes short of compaction, so a compaction (a
 *    new snapshot of the whole doc) falls among the captures, as one does
 *    every thousand-odd appends in a session, and its commit is sampled
 *    (at 1,000 events there is none: the whole incident is smaller than
 *    one compaction's worth of delta);
 *  - the main thread's long tasks during the captures (the Long Tasks
 *    API, from just before the first capture), the JS heap after them and a
 *    forced garbage collection, and the stored bytes and records.
 *
 * Against what: opening is measured against its floor in the same run, in
 * the same browser, on the same stored bytes: bench/pages/floor.html, a page
 * that loads, reads the records and applies them to a fresh Y.Doc, timed
 * from its own navigation start (no way of opening can be faster), so both
 * sides pay for loading a page. Appends have the same figures at 1,000
 * events, measured in the same run, as their reference: the targets ask
 * that a bigger incident cost no more to append to.
 *
 * How: for each size, a fresh Chromium and profile on disk (so the first
 * open is cold: the app's code and the database read for the first time),
 * the incident seeded through the app's commands and persistence
 * (bench/pages/seed.ts), then BENCH_SCALE_OPEN_RUNS opens of the app and of
 * the floor by turns, the app first, none dropped: the cold first run is
 * in the statistics, and with few runs p95 is the slowest. Then the
 * captures, in one more opened app page.
 *
 * Output: a table, and the `scale` section of bench/results.json with each
 * size's figures, issue 18's targets and a `met` for each and for all,
 * computed from those figures (bench/scale/targets.mjs). Targets are
 * reported, never asserted.
 *
 * Environment: BENCH_SCALE_SIZES (default 1000,20000,100000,200000),
 * BENCH_SCALE_OPEN_RUNS (default 3), BENCH_SCALE_CAPTURES (default 200),
 * BENCH_SCALE_BACKDATE_EVERY (default 5), BENCH_SCALE_HEADROOM (bytes the
 * seeded delta is short of compaction, default 40 a capture),
 * BENCH_SKIP_BUILD=1, CHROMIUM_PATH.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { buildPages, log, machine, stats, updateResults, withTimeout } from './common.mjs';
import { alternate, inBenchBrowser, runBench, seedIncident } from './lib/harness.mjs';
import { captureTiming } from './lib/page-timing.mjs';
import { captureMany, summarizeAppends } from './scale/appends.mjs';
import { openApp, openAppOnce, openFloorOnce } from './scale/open.mjs';
import { printTable, resultsSection } from './scale/output.mjs';
import { checkTargets } from './scale/targets.mjs';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000,20000,100000,200000').split(',').map(Number);
const OPEN_RUNS = Number(process.env.BENCH_SCALE_OPEN_RUNS ?? 3);
const CAPTURES = Number(process.env.BENCH_SCALE_CAPTURES ?? 200);
const BACKDATE_EVERY = Number(process.env.BENCH_SCALE_BACKDATE_EVERY ?? 5);
/**
 * How far short of compaction the seed leaves the stored delta: about a
 * quarter of what the captures add (some 170 bytes each), so that the
 * compaction comes early among them however many there are.
 */
const HEADROOM_BYTES = Number(process.env.BENCH_SCALE_HEADROOM ?? Math.max(2048, CAPTURES * 40));

const OPEN_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 60_000;
/** After opening, before the first capture: the open's own trailing work is not the captures'. */
const SETTLE_BEFORE_CAPTURES_MS = 1_000;
const TOTAL_TIMEOUT_MS = 150 * 60_000;

/** Seeds, opens and captures at one size, in a browser of its own. */
function measureSize(events) {
  const profilePrefix = `command-post-bench-scale-${events}-`;
  return inBenchBrowser({ profilePrefix, launchTimeoutMs: OPEN_TIMEOUT_MS, initScript: captureTiming, built: true }, async ({ context, origin, version, executablePath }) => {
    const seed = await seedIncident(context, origin, events, { headroomBytes: HEADROOM_BYTES });

    // The app goes first in the first round: its cold open counts against it, never the floor's.
    const { app, floor } = await alternate({
      sides: ['app', 'floor'],
      rounds: OPEN_RUNS,
      warmupRounds: 0,
      settleMs: 300,
      indent: '  ',
      run: (side) => (side === 'app' ? openAppOnce(context, origin, seed, OPEN_TIMEOUT_MS) : openFloorOnce(context, origin, seed, OPEN_TIMEOUT_MS)),
      say: (side, r) => `${side.padEnd(5)} navigation -> interactive ${r.interactiveMs.toFixed(1)} ms`,
    });

    log(`  ${CAPTURES} captures, every ${BACKDATE_EVERY}th backdated…`);
    const { page, errors } = await openApp(context, origin, seed, OPEN_TIMEOUT_MS);
    let captured;
    try {
      await sleep(SETTLE_BEFORE_CAPTURES_MS);
      const options = { incidentId: seed.incidentId, captures: CAPTURES, backdateEvery: BACKDATE_EVERY, stepTimeoutMs: STEP_TIMEOUT_MS };
      captured = await withTimeout(captureMany(page, options), STEP_TIMEOUT_MS * (CAPTURES + 2), `${CAPTURES} captures`);
    } finally {
      await page.close();
    }
    if (errors.length) throw new Error(`The app reported errors while capturing: ${errors.join('; ')}`);
    if (captured.shownEvents !== events + CAPTURES) throw new Error(`After ${CAPTURES} captures the timeline holds ${captured.shownEvents} events, not ${events + CAPTURES}.`);

    const appends = summarizeAppends(captured);
    log(`  Enter -> committed p95 ${appends.toCommit.p95.toFixed(1)} ms; ${appends.compactions.count} compactions; ${appends.longTasks.count} long tasks`);
    const appStats = stats(app.map((a) => a.interactiveMs));
    const floorStats = stats(floor.map((f) => f.interactiveMs));
    const figures = {
      events,
      seed: { records: seed.records, recordKinds: seed.recordKinds, storedBytes: seed.storedBytes, compactionHeadroomBytes: seed.compactionHeadroomBytes, seedMs: seed.seedMs },
      open: {
        runs: OPEN_RUNS,
        app: appStats,
        appInDocument: stats(app.map((a) => a.interactiveInDocumentMs)),
        keyTaken: stats(app.map((a) => a.keyTakenMs)),
        openStartToInteractive: stats(app.map((a) => a.openStartToInteractiveMs)),
        openStartToFullView: stats(app.map((a) => a.openStartToFullViewMs)),
        floor: floorStats,
        floorInPage: stats(floor.map((f) => f.inPageMs)),
        ratio: appStats.p95 / floorStats.p95,
        medianRatio: appStats.median / floorStats.median,
        series: { appMs: app.map((a) => a.interactiveMs), floorMs: floor.map((f) => f.interactiveMs) },
      },
      appends,
    };
    return { figures, version, executablePath };
  });
}

async function main() {
  await buildPages();
  const measured = [];
  for (const events of SIZES) {
    log(`\n${events.toLocaleString('en-US')} events:`);
    measured.push(await measureSize(events));
  }
  const sizes = measured.map((m) => m.figures);
  const checks = checkTargets(Object.fromEntries(sizes.map((s) => [s.events, s])));
  const setup = { openRuns: OPEN_RUNS, captures: CAPTURES, backdateEvery: BACKDATE_EVERY, headroomBytes: HEADROOM_BYTES };
  const { version, executablePath } = measured[0];
  printTable({ sizes, checks, setup, version });
  await updateResults((previous) => ({
    ...previous,
    scale: resultsSection({ sizes, checks, setup, version, executablePath, machine: machine() }),
  }));
}

runBench('The scale bench', TOTAL_TIMEOUT_MS, main);
