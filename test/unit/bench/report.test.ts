/**
 * bench/README.md is generated from bench/results.json (the team's rule:
 * figures live in results.json, prose about them is generated). These keep
 * the committed page and the committed figures from drifting apart, and
 * check that the page does say what the figures say.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the bench is plain JavaScript, without declarations.
import { README_PATH, RESULTS_PATH, renderReport } from '../../../bench/report.mjs';

const results = JSON.parse(readFileSync(RESULTS_PATH, 'utf8'));
const clone = () => structuredClone(results);

describe('the benchmarks page', () => {
  it('is exactly what bench/report.mjs writes from the committed results (npm run bench:report)', () => {
    expect(readFileSync(README_PATH, 'utf8')).toBe(renderReport(results));
  });

  it('quotes the last run, so a new figure changes the page', () => {
    const changed = clone();
    changed.capture.measures.chordToFocus.app.p95 = 123.4;
    expect(renderReport(changed)).toContain('123.4 ms');
    expect(renderReport(results)).not.toContain('123.4 ms');
  });

  it('says a missed target is missed, and by how much', () => {
    const missed = clone();
    missed.timers.msPerRecompute.board.p95 = 2.5;
    missed.timers.target.met = false;
    expect(renderReport(missed)).toMatch(/The timers board[\s\S]*Target: missed by 0\.5 ms/);
    const met = clone();
    met.timers.target.met = true;
    expect(renderReport(met)).toMatch(/The timers board[\s\S]*Target: met\./);
  });

  it('leaves out the earlier measurements when results.json has no history', () => {
    const bare = clone();
    delete bare.history;
    const page = renderReport(bare);
    expect(page).not.toContain("before issue 13's fix");
    expect(page).toContain('## Sync under chaos');
  });
});
