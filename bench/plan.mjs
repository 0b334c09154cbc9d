#!/usr/bin/env node
/**
 * Timers-board benchmark (part of npm run bench).
 *
 * What it measures: with 2,000 tasks, 200 of them running, and custom timers,
 * how long recomputing the timers board takes (src/shared/views/timers-board.ts: every
 * deadline from the snapshot and the time, sorted, each normal, due soon or
 * overdue). The renderer recomputes it once a second, so the time per
 * recompute is the cost per second of wall time. Issue 5's target: at most
 * 2 ms, so countdowns never cost the renderer its frame budget.
 *
 * Against what: in the same run, the floor of any such board: reading every
 * task's deadline and sorting the running ones.
 *
 * Output: a table and the `timers` section of bench/results.json.
 * Environment: BENCH_PLAN_TASKS (2000), BENCH_PLAN_RUNNING (200), BENCH_PLAN_SAMPLES (300).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const TASKS = Number(process.env.BENCH_PLAN_TASKS ?? 2000);
const RUNNING = Number(process.env.BENCH_PLAN_RUNNING ?? 200);
const SAMPLES = Number(process.env.BENCH_PLAN_SAMPLES ?? 300);
const TARGET_MS = 2;
const RESULTS = resolve('bench/results.json');
const r3 = (x) => Math.round(x * 1000) / 1000;

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { n: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

const { module } = await runnerImport(resolve('bench/plan-workload.ts'));
const result = module.runPlanBench(TASKS, RUNNING, SAMPLES);
const warmup = Math.ceil(SAMPLES / 10);
const board = stats(result.board.slice(warmup));
const floor = stats(result.floor.slice(warmup));
const met = board.p95 <= TARGET_MS;
console.log(`\nTimers board: ${result.tasks} tasks, ${result.running} running, ${result.boardEntries} timers on the board (seeded in ${Math.round(result.seedMs)} ms)`);
console.log('recompute              median ms   p95 ms   max ms');
console.log(`board (once a second)${String(r3(board.median)).padStart(11)}${String(r3(board.p95)).padStart(9)}${String(r3(board.max)).padStart(9)}`);
console.log(`floor (read and sort)${String(r3(floor.median)).padStart(11)}${String(r3(floor.p95)).padStart(9)}${String(r3(floor.max)).padStart(9)}`);
console.log(`board / floor (medians): ${r3(board.median / floor.median)}x`);
console.log(`target: at most ${TARGET_MS} ms per second of wall time (p95): ${met ? 'met' : 'NOT met'}\n`);

const previous = existsSync(RESULTS) ? JSON.parse(await readFile(RESULTS, 'utf8')) : {};
previous.timers = {
  date: new Date().toISOString(),
  tasks: result.tasks,
  running: result.running,
  boardEntries: result.boardEntries,
  msPerRecompute: { board: { median: r3(board.median), p95: r3(board.p95), max: r3(board.max) }, floor: { median: r3(floor.median), p95: r3(floor.p95), max: r3(floor.max) } },
  ratioToFloor: r3(board.median / floor.median),
  target: { msPerSecond: TARGET_MS, met },
};
await writeFile(RESULTS, `${JSON.stringify(previous, null, 2)}\n`);
