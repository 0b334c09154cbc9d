import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { projectionOf, type InjectEvent } from '../../../../src/shared/incident';
import { checkScenario, type Scenario } from '../../../../src/shared/incident/drill-scenario';
import { deliverDueInjects, deliverInject, holdInject, releaseInject, setDrillClock, startScenario } from '../../../../src/shared/incident/drill-commands';
import { drillElapsedMs, wallTimeOf } from '../../../../src/shared/incident/drill-clock';
import { drillClockOf, drillMapOf, readDrill } from '../../../../src/shared/incident/drill-schema';
import { SCHEMA_VERSION, metaOf } from '../../../../src/shared/incident/schema';
import { MINUTE, testContext } from '../../harness/context';
import { declaredIncident } from '../../harness/incident';
import { refused } from '../../harness/refused';
import { sampleScenario } from './sample-scenario';

function scenario(): Scenario {
  const result = checkScenario(sampleScenario());
  if (!result.ok) throw new Error(result.message);
  return result.scenario;
}

function drill(speed: 1 | 2 | 5 = 1) {
  const { doc, ctx } = declaredIncident('Ada', { drill: true });
  startScenario(doc, { scenario: scenario(), speed }, ctx);
  return { doc, ctx };
}

const injects = (doc: Y.Doc) => projectionOf(doc).snapshot.timeline.toArray().filter((e): e is InjectEvent => e.kind === 'inject');

describe('the drill player', () => {
  it('stores the script and raises the doc to the drill version', () => {
    const { doc } = drill();
    expect(readDrill(doc)?.scenario.title).toBe('Sample');
    expect(metaOf(doc).get('schemaVersion')).toBe(12);
    expect(SCHEMA_VERSION).toBe(12);
  });

  it('plays only in a drill, and only once', () => {
    const real = declaredIncident('Ada');
    expect(refused(() => startScenario(real.doc, { scenario: scenario(), speed: 1 }, real.ctx))).toBe('26-Bravo is a real incident; a scenario plays only in a drill.');
    const { doc, ctx } = drill();
    expect(refused(() => startScenario(doc, { scenario: scenario(), speed: 1 }, ctx))).toBe('26-Bravo already plays a scenario.');
    expect(refused(() => setDrillClock(doc, { speed: 3 as 2, paused: false }, ctx))).toBe('The speed is one of ×1, ×2, ×5.');
  });

  it.each([
    [1, 5 * MINUTE],
    [2, 2.5 * MINUTE],
    [5, 1 * MINUTE],
  ] as const)('at ×%i, the inject at T+5 comes due after %i ms of wall time, not before', (speed, wall) => {
    const { doc, ctx } = drill(speed);
    expect(deliverDueInjects(doc, ctx).map((e) => e.injectId)).toEqual(['first']);
    ctx.advance(wall - 1);
    expect(deliverDueInjects(doc, ctx).map((e) => e.injectId)).toEqual(['dba']);
    ctx.advance(1);
    expect(deliverDueInjects(doc, ctx).map((e) => e.injectId)).toEqual(['vp']);
    expect(injects(doc).map((e) => e.text)).toEqual(['Message to the IC from Monitoring: Latency is up.', 'Priya Raman arrives (DBA): Joins.', 'VP of Sales asks the IC for an update: Update please.']);
  });

  it('changes speed from the moment it is changed, and stands still while paused', () => {
    const { doc, ctx } = drill(1);
    ctx.advance(2 * MINUTE);
    setDrillClock(doc, { speed: 5, paused: false }, ctx);
    ctx.advance(30_000);
    const clock = readDrill(doc)!.clock;
    // Two minutes at ×1, then half a minute at ×5.
    expect(drillElapsedMs(clock, ctx.now())).toBe(2 * MINUTE + 2.5 * MINUTE);
    expect(wallTimeOf(clock, 5 * MINUTE, ctx.now())).toBe(ctx.now() + 6_000);
    setDrillClock(doc, { speed: 5, paused: true }, ctx);
    ctx.advance(10 * MINUTE);
    expect(drillElapsedMs(readDrill(doc)!.clock, ctx.now())).toBe(4.5 * MINUTE);
    expect(wallTimeOf(readDrill(doc)!.clock, 5 * MINUTE, ctx.now())).toBeNull();
    expect(deliverDueInjects(doc, ctx).map((e) => e.injectId)).toEqual(['first', 'dba']);
  });

  it('a person arriving is checked in to staging', () => {
    const { doc, ctx } = drill(5);
    ctx.advance(MINUTE);
    deliverDueInjects(doc, ctx);
    const priya = projectionOf(doc).snapshot.org!.responders.find((r) => r.name === 'Priya Raman');
    expect(priya?.status).toBe('staging');
  });

  it('holds an inject until it is released, then delivers it at once when its time has passed', () => {
    const { doc, ctx } = drill(5);
    holdInject(doc, 'vp', ctx);
    ctx.advance(2 * MINUTE);
    expect(deliverDueInjects(doc, ctx).map((e) => e.injectId)).toEqual(['first', 'dba']);
    ctx.advance(MINUTE);
    expect(deliverDueInjects(doc, ctx)).toEqual([]);
    releaseInject(doc, 'vp', ctx);
    expect(deliverDueInjects(doc, ctx).map((e) => e.injectId)).toEqual(['vp']);
    expect(refused(() => holdInject(doc, 'vp', ctx))).toBe('“vp” has already been delivered.');
    expect(refused(() => holdInject(doc, 'nope', ctx))).toBe('That inject is not in this drill’s scenario.');
  });

  it('delivers now whatever the time or hold, once', () => {
    const { doc, ctx } = drill(1);
    holdInject(doc, 'vp', ctx);
    expect(deliverInject(doc, 'vp', ctx)?.injectId).toBe('vp');
    expect(deliverInject(doc, 'vp', ctx)).toBeNull();
    expect(injects(doc).map((e) => e.injectId)).toEqual(['vp']);
  });

  it('a hold made on one machine stops delivery on another', () => {
    const { doc: a, ctx } = drill(5);
    const b = new Y.Doc({ guid: a.guid });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const facilitator = testContext('Fay Facilitator', ctx.time, 'fac');
    holdInject(b, 'vp', facilitator);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    ctx.advance(5 * MINUTE);
    expect(deliverDueInjects(a, ctx).map((e) => e.injectId)).toEqual(['first', 'dba']);
  });

  it('two replicas delivering at once show each inject once, and check the arriving person in once', () => {
    const { doc: a, ctx } = drill(5);
    const b = new Y.Doc({ guid: a.guid });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const other = testContext('Bo', ctx.time, 'bo');
    ctx.advance(2 * MINUTE);
    other.advance(2 * MINUTE + 500);
    expect(deliverDueInjects(a, ctx)).toHaveLength(3);
    expect(deliverDueInjects(b, other)).toHaveLength(3);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      expect(injects(doc).map((e) => e.injectId)).toEqual(['first', 'dba', 'vp']);
      expect(projectionOf(doc).snapshot.org!.responders.filter((r) => r.name === 'Priya Raman')).toHaveLength(1);
    }
    // Both replicas keep the same entry for each inject.
    expect(injects(a).map((e) => e.author)).toEqual(injects(b).map((e) => e.author));
    // Nothing more to deliver on either.
    expect(deliverDueInjects(a, ctx)).toEqual([]);
    expect(deliverDueInjects(b, other)).toEqual([]);
  });

  it('ignores what a buggy or hostile peer wrote into the drill roots: a malformed script plays nothing, a malformed clock change or hold counts for nothing', () => {
    const { doc: forged, ctx: forgedCtx } = declaredIncident('Ada', { drill: true });
    drillMapOf(forged).set('scenario', { ...sampleScenario(), injects: [{ id: 'x', at: -1, type: 'message', from: 'M', text: 'hi' }] });
    expect(readDrill(forged)).toBeNull();
    expect(deliverDueInjects(forged, forgedCtx)).toEqual([]);

    const { doc, ctx } = drill(1);
    drillClockOf(doc).push([{ id: 'warp', at: ctx.now(), speed: 1000 as 5, paused: false, by: 'Mallory' }]);
    drillMapOf(doc).set('hold:vp', { held: 'yes', by: 'Mallory' });
    const state = readDrill(doc)!;
    expect(state.clock).toHaveLength(1);
    expect(state.holds.size).toBe(0);
    ctx.advance(MINUTE);
    expect(drillElapsedMs(state.clock, ctx.now())).toBe(MINUTE);
  });

  it('delivers nothing once the drill has ended', async () => {
    const { doc, ctx } = drill(5);
    const { declareEnd } = await import('../../../../src/shared/incident');
    declareEnd(doc, {}, ctx);
    ctx.advance(10 * MINUTE);
    expect(deliverDueInjects(doc, ctx)).toEqual([]);
  });
});
