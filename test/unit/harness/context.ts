/**
 * Deterministic command contexts for tests: a clock the test moves by hand
 * and ids that count up, so every run writes the same events.
 */
import type { CommandContext } from '../../../src/shared/incident';

export const T0 = Date.UTC(2026, 2, 14, 9, 30);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface TestContext extends CommandContext {
  /** Moves this context's clock forward (or back) by `ms`. */
  advance(ms: number): void;
  time: number;
}

export function testContext(actor = 'Dana Scribe', start = T0, idPrefix = 'ev'): TestContext {
  let counter = 0;
  const ctx: TestContext = {
    actor,
    time: start,
    now: () => ctx.time,
    newId: () => `${idPrefix}-${String(++counter).padStart(4, '0')}`,
    advance(ms: number) {
      ctx.time += ms;
    },
  };
  return ctx;
}
