/**
 * How the browser benchmarks (bench/run.mjs, bench/capture.mjs,
 * bench/sync.mjs) run: the bench pages served on loopback, a Chromium with a
 * profile on disk, the long incident seeded through the app, the app and its
 * baseline measured by turns, the tables' rows, and the process around it
 * all (a time limit, the exit code). What each measures stays in its own
 * file; bench/common.mjs holds what every benchmark shares.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { BENCH_OUT_DIR, buildPages, findChromium, log, round1, roundStats, runBenchPage } from '../common.mjs';

const SEED_TIMEOUT_MS = 300_000;
/** Seeding grows faster than linearly (every compaction rewrites the whole doc): 200,000 events took 196 s on 2 shared cores. */
const SEED_MS_PER_EVENT = 3;

/**
 * Serves a built folder (the app and the bench pages by default) on a free
 * port with Vite's preview server: on loopback unless `host` names another
 * address of this machine (the chaos bench serves its browsers' namespaces).
 */
export async function servePages(outDir = BENCH_OUT_DIR, host = '127.0.0.1') {
  const server = await preview({
    configFile: false,
    root: process.cwd(),
    logLevel: 'warn',
    build: { outDir },
    preview: { host, port: 0, strictPort: true, open: false },
  });
  return { server, origin: `http://${host}:${server.httpServer.address().port}` };
}

/** The browser's product and revision (from a Playwright browser or context). */
export async function browserVersion(browserOrContext) {
  const page = await browserOrContext.newPage();
  const version = await (await page.context().newCDPSession(page)).send('Browser.getVersion');
  await page.close();
  return version;
}

/**
 * Builds and serves the bench pages, opens one headless Chromium with a
 * persistent profile in a fresh temporary folder (so IndexedDB lives on
 * disk, as it does for a user), and runs `measure({ context, origin,
 * version, executablePath })` in it; closes and removes all of it after.
 * `initScript` runs in every page before the page's own scripts. `built`
 * says the pages were built already (a bench that opens one browser after
 * another).
 */
export async function inBenchBrowser({ profilePrefix, launchTimeoutMs, initScript, built = false }, measure) {
  if (!built) await buildPages();
  const { executablePath, args } = await findChromium();
  const { server, origin } = await servePages();
  const profile = await mkdtemp(join(os.tmpdir(), profilePrefix));
  let context;
  try {
    log(`Serving out/bench at ${origin}; Chromium ${executablePath ?? "(Playwright's)"}, profile ${profile}`);
    const options = { executablePath, args, headless: true, viewport: { width: 1280, height: 800 }, colorScheme: 'dark' };
    if (launchTimeoutMs) options.timeout = launchTimeoutMs;
    context = await chromium.launchPersistentContext(profile, options);
    if (initScript) await context.addInitScript(initScript);
    const version = await browserVersion(context);
    return await measure({ context, origin, version, executablePath });
  } finally {
    await context?.close().catch(() => {});
    await server.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  }
}

/**
 * Writes the long incident through the app's commands and persistence
 * (bench/pages/seed.ts) and checks it holds every event. With
 * `headroomBytes`, the stored delta is left that far short of compaction
 * (bench/pages/near-compaction.ts).
 */
export async function seedIncident(context, origin, events, { headroomBytes } = {}) {
  log(`Seeding ${events.toLocaleString('en-US')} events through the app's commands and persistence…`);
  const query = `events=${events}${headroomBytes === undefined ? '' : `&headroom=${headroomBytes}`}`;
  const timeoutMs = Math.max(SEED_TIMEOUT_MS, events * SEED_MS_PER_EVENT);
  const seed = await runBenchPage(context, `${origin}/bench/seed.html?${query}`, timeoutMs, 'Seeding');
  log(
    `Seeded incident ${seed.incidentId}: ${seed.events} events, ${seed.records} records ` +
      `(${seed.recordSizes.map((r) => `${r.kind} ${r.bytes}`).join(', ')}), ${seed.storedBytes} bytes, in ${(seed.seedMs / 1000).toFixed(1)} s` +
      (headroomBytes === undefined ? '' : `; the stored delta is ${seed.compactionHeadroomBytes ?? 0} bytes short of compaction`),
  );
  if (seed.events !== events) throw new Error(`Seeding produced ${seed.events} events, not ${events}.`);
  return seed;
}

/** What a page reports going wrong from now on (uncaught errors and console errors), for the runner to check. */
export function pageErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/**
 * Measures two sides (the app and its baseline) by turns: each round runs
 * both once, `run(side, round)`, swapping their order every round so that
 * neither always follows the other (a warm cache, a busy machine); each run
 * waits `settleMs` first for the previous one's teardown to settle. The
 * first `warmupRounds` rounds are run and dropped. Logs a line a run, with
 * what `say(side, result)` tells of it, and returns each side's results in
 * round order.
 */
export async function alternate({ sides: [first, second], rounds, warmupRounds, settleMs, indent = '', run, say }) {
  const kept = { [first]: [], [second]: [] };
  for (let round = 0; round < warmupRounds + rounds; round++) {
    const warmup = round < warmupRounds;
    for (const side of round % 2 === 0 ? [first, second] : [second, first]) {
      await sleep(settleMs);
      const result = await run(side, round);
      if (!warmup) kept[side].push(result);
      log(`${indent}${warmup ? 'warm-up' : `round ${round}`}  ${say(side, result)}`);
    }
  }
  return kept;
}

/** The column heads of a stats() table whose labels are `width` wide (the first head "median" or "p50"). */
export function statsHeader(width, medianHead = 'median') {
  return `${''.padEnd(width)}${medianHead.padStart(8)}${'p95'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}`;
}

/** A row of a stats() table: median (or p50), p95, min and max. */
export function statsRow(width, label, s, unit = 'ms') {
  const f = (x) => x.toFixed(unit === 'ms' ? 1 : 0).padStart(8);
  return `${label.padEnd(width)}${f(s.median)}${f(s.p95)}${f(s.min)}${f(s.max)}  ${unit}`;
}

/** Every stats() result of a record rounded to 0.1 (a missing one stays null), for bench/results.json. */
export const roundAllStats = (record) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v && roundStats(v)]));

/** A series of milliseconds rounded to 0.1, a missing one kept as null. */
export const roundSeries = (values) => values.map((v) => (v === null ? null : round1(v)));

/**
 * Runs a benchmark's main and ends the process: 0 once it has run (or the
 * exit code main resolves with, for a run that checks as well as measures),
 * 1 if it could not run, 2 if it did not finish within `totalTimeoutMs`.
 */
export function runBench(name, totalTimeoutMs, main) {
  const watchdog = setTimeout(() => {
    log(`${name} did not finish within ${totalTimeoutMs / 60_000} minutes; giving up.`);
    process.exit(2);
  }, totalTimeoutMs);
  watchdog.unref();
  main().then(
    (code) => process.exit(typeof code === 'number' ? code : 0),
    (error) => {
      log(`${name} could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
