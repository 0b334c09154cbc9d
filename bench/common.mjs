/**
 * What the benchmarks (bench/run.mjs, bench/sync.mjs) share: logging,
 * timeouts, statistics, finding Chromium, and bench/results.json, which
 * each of them updates with its own section.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

export const RESULTS = resolve('bench/results.json');

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
