import { describe, expect, it } from 'vitest';
import { runScenario, type ScenarioStats } from '../harness/replicas';

/**
 * CONVERGENCE_SEEDS=20000 runs more seeds; CONVERGENCE_SEED=123 replays one
 * seed (printing its violations) when a run has failed.
 */
const SEEDS = Number(process.env.CONVERGENCE_SEEDS ?? 1000);
const ONE_SEED = process.env.CONVERGENCE_SEED ? Number(process.env.CONVERGENCE_SEED) : null;

describe('replicas of one incident', () => {
  it(`converge and keep the domain invariants for ${ONE_SEED === null ? `${SEEDS} seeds` : `seed ${ONE_SEED}`}`, () => {
    const seeds = ONE_SEED === null ? Array.from({ length: SEEDS }, (_, i) => i + 1) : [ONE_SEED];
    const failures: string[] = [];
    const totals: Record<keyof ScenarioStats, number> = {
      replicas: 0, operations: 0, accepted: 0, refused: 0, refusedAfterEnd: 0, refusedUndeclared: 0, backdated: 0,
      severityChanges: 0, endedEvents: 0, declarations: 0, cuts: 0, heals: 0, delivered: 0, duplicates: 0, lost: 0, outOfOrder: 0,
      orgChanges: 0, orgRefusedByFold: 0, icHandovers: 0, concurrentReassignments: 0, amendments: 0, concurrentEdits: 0, statusEdits: 0, concurrentStatusEdits: 0,
      phaseChanges: 0, concurrentPhaseChanges: 0, renames: 0, concurrentRenames: 0, renamesRefusedByFold: 0,
    };
    let concurrentEnds = 0;
    let concurrentDeclarations = 0;
    const started = performance.now();
    for (const seed of seeds) {
      const result = runScenario(seed);
      if (result.violations.length) failures.push(`seed ${seed}: ${result.violations.slice(0, 4).join(' | ')}`);
      for (const k of Object.keys(totals) as (keyof ScenarioStats)[]) totals[k] += result.stats[k];
      if (result.stats.endedEvents > 1) concurrentEnds++;
      if (result.stats.declarations > 1) concurrentDeclarations++;
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`convergence: ${seeds.length} seeds in ${seconds.toFixed(1)} s`, { ...totals, concurrentEnds, concurrentDeclarations });

    expect(failures, `${failures.length} seed(s) failed; replay one with CONVERGENCE_SEED=<seed>:\n${failures.slice(0, 10).join('\n')}`).toEqual([]);

    if (ONE_SEED === null) {
      // The runs exercised what they are meant to (a harness that never partitions proves nothing).
      expect(totals.replicas).toBeGreaterThanOrEqual(3 * seeds.length);
      for (const k of [
        'refusedAfterEnd', 'refusedUndeclared', 'backdated', 'severityChanges', 'cuts', 'heals', 'duplicates', 'lost', 'outOfOrder',
        'orgChanges', 'orgRefusedByFold', 'icHandovers', 'concurrentReassignments', 'amendments', 'concurrentEdits', 'statusEdits', 'concurrentStatusEdits',
        'phaseChanges', 'concurrentPhaseChanges', 'renames', 'concurrentRenames', 'renamesRefusedByFold',
      ] as const) {
        expect(totals[k], k).toBeGreaterThan(0);
      }
      expect(concurrentEnds, 'seeds where two replicas ended the incident at once').toBeGreaterThan(0);
      expect(concurrentDeclarations, 'seeds with two concurrent declarations').toBeGreaterThan(0);
    }
  });

  it('replays a seed exactly', () => {
    const a = runScenario(42);
    const b = runScenario(42);
    expect(b.stats).toEqual(a.stats);
    expect(b.snapshot).toEqual(a.snapshot);
  });

  it('notices replicas that never got to sync (the checks can fail)', () => {
    const diverged = Array.from({ length: 20 }, (_, i) => runScenario(i + 1, { skipFinalSync: true })).filter((r) =>
      r.violations.some((v) => /differs/.test(v)),
    );
    expect(diverged.length).toBeGreaterThan(0);
  });
});
