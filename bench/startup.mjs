#!/usr/bin/env node
/**
 * Startup benchmark (part of npm run bench; alone with npm run bench:startup).
 *
 * What it times: starting the app on an empty profile, as on a new machine
 * or a new browser: from the page's navigation start to the incident list
 * on screen with its Declare button enabled (then the next frame), in a
 * Chromium started afresh for every run, so its HTTP cache, code cache and
 * IndexedDB are all empty and every run is a cold one. After each run the
 * Declare chord is pressed and must open the Declare dialog: the page was
 * interactive, not only painted.
 *
 * Against what: an empty React page built by Vite with the app's own
 * renderer config (bench/pages/empty-react.tsx), showing the same button,
 * in the same run and the same kind of fresh browser; the two alternate.
 * Target (issue 18): the app within 1.5 times the floor (medians).
 *
 * Also reported: the JavaScript each page had fetched by the time it was
 * interactive (decoded bytes), which is what splitting the bundle cuts.
 *
 * Output: a table on stdout and the `startup` section of bench/results.json.
 * Environment: BENCH_STARTUP_ROUNDS (default 9), BENCH_SKIP_BUILD=1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { buildPages, coresLine, findChromium, log, machine, round2, roundStats, stats, updateResults, withTimeout } from './common.mjs';
import { alternate, browserVersion, pageErrors, runBench, servePages, statsHeader, statsRow, roundSeries } from './lib/harness.mjs';
import { startupTiming } from './lib/page-timing.mjs';

const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 9);
const WARMUP_ROUNDS = 1;
const TARGET_RATIO = 1.5;
const BUTTON = 'Declare incident';
const STEP_TIMEOUT_MS = 30_000;
const TOTAL_TIMEOUT_MS = 15 * 60_000;

const PAGES = { app: '/index.html', floor: '/bench/empty-react.html' };

/** One cold start: a new browser on a new profile, the page to interactive, then the chord for the app. */
async function coldStart(which, origin, executablePath, args) {
  const profile = await mkdtemp(join(os.tmpdir(), 'cp-startup-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, args, headless: true, viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = pageErrors(page);
    await page.addInitScript(startupTiming, BUTTON);
    await page.goto(`${origin}${PAGES[which]}`, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
    await page.waitForFunction(() => window.__startup.interactiveFrame !== null, null, { timeout: STEP_TIMEOUT_MS });
    const result = await page.evaluate(() => {
      const { interactive, interactiveFrame } = window.__startup;
      const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
      const before = scripts.filter((r) => r.responseEnd <= interactive);
      return { interactiveMs: interactiveFrame, inDocumentMs: interactive, scriptBytes: before.reduce((sum, r) => sum + r.decodedBodySize, 0), scripts: before.length };
    });
    if (which === 'app') {
      await page.keyboard.press('Control+Shift+D');
      result.declareOpens = await page
        .getByRole('dialog', { name: 'Declare an incident' })
        .waitFor({ timeout: STEP_TIMEOUT_MS })
        .then(() => true, () => false);
    }
    if (errors.length) throw new Error(`The ${which} page reported errors: ${errors.join('; ')}`);
    return result;
  } finally {
    await context.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  }
}

async function main() {
  await buildPages();
  const { executablePath, args } = await findChromium();
  const { server, origin } = await servePages();
  try {
    log(`Startup on an empty profile: ${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up, a fresh Chromium each run; ${coresLine()}`);
    const browser = await chromium.launch({ executablePath, args, headless: true });
    const version = await browserVersion(browser);
    await browser.close();
    const kept = await alternate({
      sides: ['floor', 'app'],
      rounds: ROUNDS,
      warmupRounds: WARMUP_ROUNDS,
      settleMs: 300,
      run: (which) => withTimeout(coldStart(which, origin, executablePath, args), 2 * STEP_TIMEOUT_MS, `A cold start of the ${which} page`),
      say: (which, r) => `${which.padEnd(5)} interactive ${r.interactiveMs.toFixed(1)} ms, ${(r.scriptBytes / 1024).toFixed(0)} KB of JS${r.declareOpens === false ? ', the chord did NOT open Declare' : ''}`,
    });
    const series = { app: kept.app.map((r) => r.interactiveMs), floor: kept.floor.map((r) => r.interactiveMs) };
    const s = { app: stats(series.app), floor: stats(series.floor) };
    const ratio = s.app.median / s.floor.median;
    const pairedRatios = series.app.map((a, i) => a / series.floor[i]);
    const declareOpens = kept.app.every((r) => r.declareOpens);
    const met = declareOpens && ratio <= TARGET_RATIO;
    const scriptBytes = { app: kept.app.at(-1).scriptBytes, floor: kept.floor.at(-1).scriptBytes };

    console.log(`\nStartup, empty profile, cold browser each run (${ROUNDS} runs each)`);
    console.log(statsHeader(34));
    console.log(statsRow(34, 'app: Declare on screen', s.app));
    console.log(statsRow(34, 'floor: empty React page', s.floor));
    console.log(`ratio of medians ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x): ${met ? 'met' : 'missed'}; JS before interactive: app ${(scriptBytes.app / 1024).toFixed(0)} KB, floor ${(scriptBytes.floor / 1024).toFixed(0)} KB; the chord opened Declare every time: ${declareOpens}`);

    await updateResults((previous) => ({
      ...previous,
      startup: {
        date: new Date().toISOString(),
        chromium: { product: version.product, executablePath: executablePath ?? null },
        machine: machine(),
        runs: ROUNDS,
        warmupRounds: WARMUP_ROUNDS,
        ms: { app: roundStats(s.app), floor: roundStats(s.floor) },
        series: { app: roundSeries(series.app), floor: roundSeries(series.floor) },
        ratio: round2(ratio),
        p95Ratio: round2(s.app.p95 / s.floor.p95),
        pairedRatioMedian: round2(stats(pairedRatios).median),
        scriptBytes,
        checks: { declareOpens },
        target: { maxRatio: TARGET_RATIO },
        met,
      },
    }));
  } finally {
    await server.close().catch(() => {});
  }
}

runBench('The startup bench', TOTAL_TIMEOUT_MS, main);
