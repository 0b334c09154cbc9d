import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  acceptHandover,
  addObjective,
  addRole,
  assignPostmortemOwner,
  assignTask,
  checkIn,
  declareEnd,
  decide,
  logEvent,
  moveRole,
  offerHandover,
  projectionOf,
  proposeDecision,
  recordObjection,
  setTaskStatus,
  type OrgEvent,
  type PlanEvent,
} from '../../../../src/shared/incident';
import { checkScenario } from '../../../../src/shared/incident/drill-scenario';
import { deliverDueInjects, startScenario } from '../../../../src/shared/incident/drill-commands';
import { readDrill } from '../../../../src/shared/incident/drill-schema';
import { afterActionMarkdown, afterActionScore, HEARING_MS, type ScoreCriterion } from '../../../../src/shared/report/after-action';
import { MINUTE, testContext, type TestContext } from '../../harness/context';
import { declaredIncident } from '../../harness/incident';
import { sampleScenario } from './sample-scenario';

type Expect = ReturnType<typeof sampleScenario>['expectations'];

function drill(expectations: Partial<Expect> = {}, speed: 1 | 2 | 5 = 1) {
  const { doc, ctx } = declaredIncident('Ada', { drill: true });
  const result = checkScenario({ ...sampleScenario(), expectations: { ...sampleScenario().expectations, ...expectations } });
  if (!result.ok) throw new Error(result.message);
  startScenario(doc, { scenario: result.scenario, speed }, ctx);
  return { doc, ctx };
}

const responder = (e: OrgEvent) => (e.org as { responderId: string }).responderId;
const roleOf = (e: OrgEvent) => (e.org as { roleId: string }).roleId;
const idOf = (e: PlanEvent, key: 'taskId' | 'decisionId' | 'objectiveId') => (e.plan as unknown as Record<string, string>)[key]!;

/** A response that does everything the sample scenario expects, step by step, minutes apart; `skip` leaves one part out. */
function goodResponse(doc: Y.Doc, ctx: TestContext, skip: ScoreCriterion | null = null) {
  deliverDueInjects(doc, ctx);
  const jo = responder(checkIn(doc, { name: 'Jo' }, ctx));
  const objective = idOf(addObjective(doc, 'Restore checkout', ctx), 'objectiveId');
  const task = idOf(assignTask(doc, { objectiveId: objective, text: 'Check replication', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 10 }, ctx), 'taskId');
  ctx.advance(5 * MINUTE);
  if (skip !== 'timeboxes') setTaskStatus(doc, { taskId: task, status: 'done' }, ctx);
  const decision = idOf(proposeDecision(doc, 'Fail over to the standby', ctx), 'decisionId');
  // Heard: an objection recorded, or the proposal left open a moment.
  if (skip !== 'decisions') recordObjection(doc, { decisionId: decision, text: 'We lose four minutes of orders' }, ctx);
  ctx.advance(skip === 'decisions' ? 5_000 : MINUTE);
  decide(doc, { decisionId: decision, outcome: 'adopted' }, ctx);
  ctx.advance(4 * MINUTE);
  logEvent(doc, { kind: 'status', text: 'Update: failing over' }, ctx);
  ctx.advance(skip === 'updates' ? 25 * MINUTE : 10 * MINUTE);
  logEvent(doc, { kind: 'status', text: 'Update: checkout back' }, ctx);
  ctx.advance(5 * MINUTE);
  declareEnd(doc, {}, ctx);
  if (skip !== 'closing') assignPostmortemOwner(doc, { owner: 'Ada', dueDate: '2026-03-20' }, ctx);
}

function score(doc: Y.Doc) {
  return afterActionScore(projectionOf(doc).snapshot, readDrill(doc));
}

const unmet = (doc: Y.Doc) => score(doc)!.criteria.filter((c) => !c.met).map((c) => c.criterion);

describe('the after-action score', () => {
  it('is shown only once the drill has ended', () => {
    const { doc } = drill();
    expect(score(doc)).toBeNull();
  });

  it('meets every criterion when the response does what the scenario expects', () => {
    const { doc, ctx } = drill();
    goodResponse(doc, ctx);
    const s = score(doc)!;
    expect(unmet(doc)).toEqual([]);
    expect(s).toMatchObject({ scenario: 'Sample', met: 6, total: 6, drillMinutes: 25, injectsDelivered: 1, injectsTotal: 3 });
    expect(s.criteria.map((c) => c.found)).toEqual([
      '1 task with a timebox; 0 ran out before anyone followed up.',
      '2 updates given; the longest stretch without one was 10 drill minutes.',
      'Command changed hands 0 times; 0 handovers with a briefing accepted.',
      'No lead went over the span of control.',
      '1 decision adopted, 1 after objections were heard; 1 objection recorded.',
      'End declared at T+25; postmortem owner Ada.',
    ]);
    expect(afterActionMarkdown(s)).toContain('| Met | Updates on cadence | An update at least every 20 drill minutes |');
  });

  it.each(['timeboxes', 'updates', 'decisions', 'closing'] as const)('marks %s not met when the response leaves it out', (criterion) => {
    const { doc, ctx } = drill();
    goodResponse(doc, ctx, criterion);
    expect(unmet(doc)).toEqual(criterion === 'updates' ? ['updates', 'closing'] : [criterion]);
  });

  it('counts a decision as heard when the proposal stood open for objections, even with none raised', () => {
    const { doc, ctx } = drill({ decisions: 2 });
    const quiet = idOf(proposeDecision(doc, 'Freeze deploys', ctx), 'decisionId');
    // The proposal is stamped a millisecond after the drill's start (causal time): a second more than the least.
    ctx.advance(HEARING_MS + 1_000);
    decide(doc, { decisionId: quiet, outcome: 'adopted' }, ctx);
    goodResponse(doc, ctx);
    expect(unmet(doc)).toEqual([]);
    expect(score(doc)!.criteria.find((c) => c.criterion === 'decisions')!.found).toBe('2 decisions adopted, 2 after objections were heard; 1 objection recorded.');
  });

  it('asks for more timeboxes and decisions than were given when the scenario expects more', () => {
    const { doc, ctx } = drill({ timeboxes: 2, decisions: 2 });
    goodResponse(doc, ctx);
    expect(unmet(doc)).toEqual(['timeboxes', 'decisions']);
  });

  it('measures the cadence and the end in drill minutes: at ×5 the same response runs five times as long', () => {
    const { doc, ctx } = drill({ endByMinute: 200 }, 5);
    goodResponse(doc, ctx);
    expect(score(doc)!.drillMinutes).toBe(125);
    expect(unmet(doc)).toEqual(['updates']);
  });

  it('expects an explicit handover when the scenario calls for one, and counts one with a briefing', () => {
    const without = drill({ handover: true });
    goodResponse(without.doc, without.ctx);
    expect(unmet(without.doc)).toEqual(['handovers']);

    const { doc, ctx } = drill({ handover: true });
    const jordan = responder(checkIn(doc, { name: 'Jordan Blake' }, ctx));
    const offer = offerHandover(doc, { roleId: 'ic', toId: jordan, briefing: 'Situation: checkout down. Objectives: restore it.' }, ctx);
    const jordanCtx: TestContext = testContext('Jordan Blake', ctx.time, 'jb');
    acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, jordanCtx);
    goodResponse(doc, ctx);
    expect(unmet(doc)).toEqual([]);
    expect(score(doc)!.criteria.find((c) => c.criterion === 'handovers')!.found).toBe('Command changed hands 1 time; 1 handover with a briefing accepted.');
  });

  it('counts a span of control that went over and was resolved, and one still over at the end', () => {
    const over = (resolve: boolean) => {
      const { doc, ctx } = drill();
      const people = Array.from({ length: 8 }, (_, i) => responder(checkIn(doc, { name: `Responder ${i + 1}` }, ctx)));
      const roles = people.map((id, i) => roleOf(addRole(doc, { role: { kind: 'sme', area: `Area ${i + 1}` }, holderId: id }, ctx)));
      if (resolve) {
        const lead = responder(checkIn(doc, { name: 'Lee' }, ctx));
        const team = roleOf(addRole(doc, { role: { kind: 'team-lead', team: 'Network' }, holderId: lead }, ctx));
        for (const id of roles.slice(0, 4)) moveRole(doc, { roleId: id, parentId: team }, ctx);
      }
      goodResponse(doc, ctx);
      return score(doc)!.criteria.find((c) => c.criterion === 'span')!;
    };
    expect(over(true)).toMatchObject({ met: true, found: 'A lead went over the span of control 1 time, and it was resolved.' });
    expect(over(false)).toMatchObject({ met: false, found: 'Still over at the end: Ada has 8 direct reports' });
  });
});
