/**
 * What the benchmarks (bench/run.mjs, bench/sync.mjs, bench/capture.mjs)
 * share: building and opening the bench pages, logging, timeouts,
 * statistics, finding Chromium, and bench/results.json, which each of them
 * updates with its own section.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { build, runnerImport } from 'vite';

export const RESULTS = resolve('bench/results.json');

/** The app as the web host ships it, with the bench pages beside it under bench/ (one origin, one IndexedDB). */
export const BENCH_OUT_DIR = resolve('out/bench');

/** Builds the app and the bench pages into out/bench, unless BENCH_SKIP_BUILD=1 says to reuse them. */
export async function buildPages() {
  if (process.env.BENCH_SKIP_BUILD === '1') {
    if (!existsSync(join(BENCH_OUT_DIR, 'index.html')) || !existsSync(join(BENCH_OUT_DIR, 'bench/seed.html'))) {
      throw new Error('BENCH_SKIP_BUILD=1 but out/bench is not built; run without it once.');
    }
    return;
  }
  log('Building the app (web host config) and the bench pages into out/bench…');
  // The app, exactly as the web host ships it; only the output directory differs.
  await build({ configFile: resolve('vite.web.config.ts'), build: { outDir: BENCH_OUT_DIR }, logLevel: 'warn' });
  await build({ configFile: resolve('bench/vite.bench.config.ts'), logLevel: 'warn' });
}

/** Waits for a bench page's 'bench-done' (see bench/pages/protocol.ts), without polling in the page. */
function benchDone(page) {
  return page.evaluate(
    () =>
      new Promise((done) => {
        const check = () => {
          if (window.benchResult || window.benchError) {
            done({ result: window.benchResult ?? null, error: window.benchError ?? null });
            return true;
          }
          return false;
        };
        if (!check()) window.addEventListener('bench-done', check);
      }),
  );
}

/** Opens a bench page in a fresh tab and returns what it finished with. */
export async function runBenchPage(context, url, timeoutMs, what) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    const { result, error } = await withTimeout(benchDone(page), timeoutMs, what);
    if (error) throw new Error(`${what} failed in the page: ${error}`);
    if (errors.length) throw new Error(`${what}: page errors: ${errors.join('; ')}`);
    return result;
  } finally {
    await page.close();
  }
}

export function log(message) {
  process.stderr.write(`${message}\n`);
}

export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Median, p95 (nearest rank), min and max. */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return {
    median,
    p95: sorted[Math.max(0, Math.ceil(0.95 * n) - 1)],
    min: sorted[0],
    max: sorted[n - 1],
  };
}

export const round1 = (x) => Math.round(x * 10) / 10;
export const round2 = (x) => Math.round(x * 100) / 100;

/** Every number of a stats() result rounded to 0.1. */
export const roundStats = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round1(v)]));

/** The same discovery and flags as the e2e tests, from their TypeScript source. */
export async function findChromium() {
  const { module } = await runnerImport(resolve('test/e2e/chromium.ts'));
  if (typeof module.chromiumExecutable !== 'function' || !Array.isArray(module.CHROMIUM_ARGS) || !Array.isArray(module.WEBRTC_ARGS)) {
    throw new Error('test/e2e/chromium.ts no longer exports chromiumExecutable(), CHROMIUM_ARGS and WEBRTC_ARGS.');
  }
  return { executablePath: module.chromiumExecutable(), args: module.CHROMIUM_ARGS, webrtcArgs: module.WEBRTC_ARGS };
}

export function machine() {
  const cpus = os.cpus();
  return { cores: cpus.length, cpu: cpus[0]?.model ?? null, memoryBytes: os.totalmem(), platform: `${os.platform()} ${os.release()}`, node: process.version };
}

/** This machine's cores as the tables' headings say them: "2 cores (AMD EPYC)". */
export function coresLine() {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model ?? 'unknown CPU'})`;
}

/**
 * Writes bench/results.json with `update` applied to what is there, so one
 * benchmark's run keeps the other's last results.
 */
export async function updateResults(update) {
  let previous = {};
  try {
    previous = JSON.parse(await readFile(RESULTS, 'utf8'));
  } catch {
    // No results yet, or unreadable ones: start afresh.
  }
  await writeFile(RESULTS, `${JSON.stringify(update(previous), null, 2)}\n`);
  log(`Wrote ${RESULTS}`);
}
