/**
 * What bench/scale.mjs prints and writes: a table per size and the targets
 * on stdout, and the `scale` section of bench/results.json, figures rounded
 * to 0.1 ms (ratios to 0.01), each target's `met` and the run's.
 */
import { coresLine, round1, round2, roundStats } from '../common.mjs';
import { TARGETS } from './targets.mjs';

const pair = (s) => (s ? `${s.median.toFixed(1)} / ${s.p95.toFixed(1)}` : 'n/a');
const p95 = (s) => (s ? s.p95.toFixed(1) : 'n/a');
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const shown = (check) => (check.value === null || check.value === undefined ? 'n/a' : check.unit === 'x' ? `${check.value.toFixed(2)}x` : `${check.value.toFixed(1)} ms`);
const verdict = (check) => (check.met === null ? 'NOT MEASURED' : check.met ? 'MET' : 'MISSED');

export function printTable({ sizes, checks, setup, version }) {
  const columns = [
    ['events', (s) => s.events.toLocaleString('en-US')],
    ['stored', (s) => `${mb(s.seed.storedBytes)}, ${s.seed.records} rec`],
    ['open p50/p95', (s) => pair(s.open.app)],
    ['floor p50/p95', (s) => pair(s.open.floor)],
    ['ratio', (s) => `${s.open.ratio.toFixed(2)}x`],
    ['doc p50/p95', (s) => pair(s.appends.toDocument)],
    ['frame p50/p95', (s) => pair(s.appends.toFrame)],
    ['commit p50/p95', (s) => pair(s.appends.toCommit)],
    ['backdated doc/frame/commit p95', (s) => [s.appends.outOfOrder.toDocument, s.appends.outOfOrder.toFrame, s.appends.outOfOrder.toCommit].map(p95).join(' / ')],
    ['long tasks, max', (s) => `${s.appends.longTasks.count}, ${s.appends.longTasks.maxMs.toFixed(0)} ms`],
    ['compactions', (s) => String(s.appends.compactions.count)],
    ['heap', (s) => mb(s.appends.heapUsedBytes)],
  ];
  const rows = [columns.map(([head]) => head), ...sizes.map((s) => columns.map(([, cell]) => cell(s)))];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padStart(widths[i])).join('  ');
  const lines = [
    '',
    `Scale: opens (navigation -> interactive, ${setup.openRuns} runs each, the cold first included) and ${setup.captures} captures (every ${setup.backdateEvery}th backdated) per size; times in ms`,
    `${version.product}, ${coresLine()}`,
    '',
    ...rows.map(line),
    '',
    ...checks.map((c) => `${c.events.toLocaleString('en-US').padStart(7)}  ${c.what.padEnd(66)} ${shown(c).padStart(10)}  limit ${c.unit === 'x' ? `${c.limit}x` : `${c.limit} ms`}: ${verdict(c)}${c.note ? ` (${c.note})` : ''}`),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

const roundOrNull = (s) => (s ? roundStats(s) : null);

/** One size's figures as results.json keeps them. */
function sizeRecord(s) {
  const a = s.appends;
  return {
    events: s.events,
    seed: s.seed,
    open: {
      runs: s.open.runs,
      app: roundStats(s.open.app),
      appInDocument: roundStats(s.open.appInDocument),
      keyTaken: roundStats(s.open.keyTaken),
      openStartToInteractive: roundStats(s.open.openStartToInteractive),
      openStartToFullView: roundStats(s.open.openStartToFullView),
      floor: roundStats(s.open.floor),
      floorInPage: roundStats(s.open.floorInPage),
      ratio: round2(s.open.ratio),
      medianRatio: round2(s.open.medianRatio),
      series: { appMs: s.open.series.appMs.map(round1), floorMs: s.open.series.floorMs.map(round1) },
    },
    appends: {
      captures: a.captures,
      backdated: a.backdated,
      chordToFocus: roundStats(a.chordToFocus),
      toDocument: roundStats(a.toDocument),
      toFrame: roundStats(a.toFrame),
      toCommit: roundStats(a.toCommit),
      outOfOrder: { toDocument: roundOrNull(a.outOfOrder.toDocument), toFrame: roundOrNull(a.outOfOrder.toFrame), toCommit: roundOrNull(a.outOfOrder.toCommit) },
      compactions: { count: a.compactions.count, at: a.compactions.at, commitMs: a.compactions.commitMs.map(round1) },
      longTasks: {
        count: a.longTasks.count,
        maxMs: round1(a.longTasks.maxMs),
        totalMs: round1(a.longTasks.totalMs),
        inCompactions: { count: a.longTasks.inCompactions.count, maxMs: round1(a.longTasks.inCompactions.maxMs) },
      },
      heapUsedMB: round1(a.heapUsedBytes / 1e6),
    },
  };
}

/** The `scale` section of bench/results.json. */
export function resultsSection({ sizes, checks, setup, version, executablePath, machine }) {
  return {
    date: new Date().toISOString(),
    chromium: { product: version.product, executablePath: executablePath ?? null },
    machine,
    ...setup,
    targets: TARGETS,
    checks: checks.map((c) => ({ ...c, value: c.value === null || c.value === undefined ? null : c.unit === 'x' ? round2(c.value) : round1(c.value) })),
    met: checks.every((c) => c.met === true),
    sizes: sizes.map(sizeRecord),
  };
}
