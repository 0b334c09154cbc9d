import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { projectionOf } from '../../../src/shared/incident';
import { checkScenario } from '../../../src/shared/incident/drill-scenario';
import { holdInject, startScenario } from '../../../src/shared/incident/drill-commands';
import { followDrill } from '../../../src/renderer/incidents/drill-player';
import { useDrill } from '../../../src/renderer/stores/drill';
import { useTrust } from '../../../src/renderer/stores/trust';
import { MINUTE, T0, testContext } from '../harness/context';
import { declaredIncident } from '../harness/incident';
import { sampleScenario } from '../shared/drill/sample-scenario';

const injects = (doc: ReturnType<typeof declaredIncident>['doc']) =>
  projectionOf(doc)
    .snapshot.timeline.toArray()
    .filter((e) => e.kind === 'inject')
    .map((e) => (e as { injectId: string }).injectId);

describe("this machine's drill player", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
    useTrust.setState({ access: 'unsigned' });
  });

  function drill() {
    const { doc, ctx } = declaredIncident('Ada', { drill: true });
    const result = checkScenario(sampleScenario());
    if (!result.ok) throw new Error(result.message);
    startScenario(doc, { scenario: result.scenario, speed: 5 }, ctx);
    // This machine's person, on the (fake) wall clock.
    const here = testContext('Dana Scully', T0, 'here');
    return { doc, ctx, stop: followDrill({ doc }, () => ({ ...here, now: () => Date.now() })) };
  }

  it('pushes the script to the store, delivers what comes due each second, follows a hold, and clears the store when closed', () => {
    const { doc, ctx, stop } = drill();
    expect(useDrill.getState().drill?.scenario.title).toBe('Sample');
    expect(injects(doc)).toEqual(['first']);
    holdInject(doc, 'vp', ctx);
    vi.advanceTimersByTime(MINUTE);
    expect(injects(doc)).toEqual(['first', 'dba']);
    expect(useDrill.getState().drill?.holds.get('vp')?.held).toBe(true);
    stop();
    expect(useDrill.getState().drill).toBeNull();
  });

  it('only watches on an observer’s machine: it delivers nothing', () => {
    useTrust.setState({ access: 'observer' });
    const { doc, stop } = drill();
    vi.advanceTimersByTime(2 * MINUTE);
    expect(injects(doc)).toEqual([]);
    expect(useDrill.getState().drill).not.toBeNull();
    stop();
  });
});
