import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  acceptHandover,
  addRole,
  checkIn,
  createIncidentDoc,
  declareEnd,
  declareIncident,
  logEvent,
  moveRole,
  offerHandover,
  projectionOf,
  releaseResponder,
  setRotation,
} from '../../../src/shared/incident';
import { expiredBy } from '../../../src/shared/views/expiries';
import { computeOrgWatch, orgWatchHistory } from '../../../src/shared/views/org-watch';
import { MINUTE, T0, testContext } from '../harness/context';

function incident() {
  const doc = createIncidentDoc('incident-1');
  const ctx = testContext('Ada');
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-1', synopsis: 'Power lost in hall B' }, ctx);
  return { doc, ctx };
}

const id = (e: { org: unknown }, key: 'responderId' | 'roleId' | 'handoverId') => (e.org as Record<string, string>)[key]!;
const shown = (doc: Y.Doc, now: number) => expiredBy(orgWatchHistory(projectionOf(doc).snapshot), now).map((r) => [r.kind, (r.at - T0) / MINUTE, r.text]);

describe("the org chart's warnings, derived for the timeline", () => {
  it('shows a rotation prompt once its time has come, and then what came of it', () => {
    const { doc, ctx } = incident();
    ctx.advance(10 * MINUTE);
    const jo = id(checkIn(doc, { name: 'Jo Kim' }, ctx), 'responderId');
    const sme = id(addRole(doc, { role: { kind: 'sme', area: 'Database' }, holderId: jo }, ctx), 'roleId');
    ctx.advance(60 * MINUTE);
    // Not yet: the prompt shows at 90 minutes on duty, for the IC at 1:30 too.
    expect(shown(doc, ctx.time)).toEqual([]);
    expect(shown(doc, T0 + 90 * MINUTE)).toEqual([['rotation', 90, 'Rotation due: Ada on duty 1:30 (rotate after 90 minutes); still on duty.']]);
    ctx.advance(45 * MINUTE);
    const bo = id(checkIn(doc, { name: 'Bo Lee' }, ctx), 'responderId');
    const offer = offerHandover(doc, { roleId: sme, toId: bo, briefing: 'Replica at 40 s lag' }, ctx);
    acceptHandover(doc, id(offer, 'handoverId'), ctx);
    ctx.advance(MINUTE);
    releaseResponder(doc, jo, ctx);
    expect(shown(doc, ctx.time)).toEqual([
      ['rotation', 90, 'Rotation due: Ada on duty 1:30 (rotate after 90 minutes); still on duty.'],
      ['rotation', 100, 'Rotation due: Jo Kim on duty 1:30 (rotate after 90 minutes); handed Database SME to Bo Lee 15 minutes later.'],
    ]);
    // Every replica derives the same rows from the same log, however it got them: none writes its own.
    const other = createIncidentDoc('incident-1');
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(shown(other, ctx.time)).toEqual(shown(doc, ctx.time));
    expect(projectionOf(doc).snapshot.timeline.some((e) => /rotation due/i.test(e.text))).toBe(false);
  });

  it('says who was released after the prompt, and who was still on duty at the end', () => {
    const { doc, ctx } = incident();
    const cy = id(checkIn(doc, { name: 'Cy' }, ctx), 'responderId');
    checkIn(doc, { name: 'Dee' }, ctx);
    setRotation(doc, 30, ctx);
    ctx.advance(42 * MINUTE);
    releaseResponder(doc, cy, ctx);
    // Released before their time: no prompt ever showed for them.
    const early = id(checkIn(doc, { name: 'Eve' }, ctx), 'responderId');
    ctx.advance(10 * MINUTE);
    releaseResponder(doc, early, ctx);
    ctx.advance(MINUTE);
    declareEnd(doc, { summary: 'Power restored' }, ctx);
    const texts = shown(doc, ctx.time).map((r) => r[2]);
    expect(texts).toEqual([
      'Rotation due: Ada on duty 0:30 (rotate after 30 minutes); still on duty when the incident ended.',
      expect.stringMatching(/^Rotation due: (Cy|Dee) on duty 0:30/),
      expect.stringMatching(/^Rotation due: (Cy|Dee) on duty 0:30/),
    ]);
    expect(texts).toContain('Rotation due: Cy on duty 0:30 (rotate after 30 minutes); released 12 minutes later.');
    expect(texts).toContain('Rotation due: Dee on duty 0:30 (rotate after 30 minutes); still on duty when the incident ended.');
  });

  it('shows a prompt made due by a shorter rotation time from the change, not before it', () => {
    const { doc, ctx } = incident();
    ctx.advance(50 * MINUTE);
    const change = setRotation(doc, 30, ctx);
    expect(shown(doc, ctx.time)).toEqual([['rotation', (change.at - T0) / MINUTE, 'Rotation due: Ada on duty 0:50 (rotate after 30 minutes); still on duty.']]);
  });

  it('logs a lead going over the span of control once, and coming back within it', () => {
    const { doc, ctx } = incident();
    const people = Array.from({ length: 8 }, (_, i) => id(checkIn(doc, { name: `Responder ${i + 1}` }, ctx), 'responderId'));
    const roles = people.map((p, i) => id(addRole(doc, { role: { kind: 'sme', area: `Area ${i + 1}` }, holderId: p }, ctx), 'roleId'));
    ctx.advance(MINUTE);
    logEvent(doc, { kind: 'note', text: 'Generators on' }, ctx);
    const lee = id(checkIn(doc, { name: 'Lee' }, ctx), 'responderId');
    const team = id(addRole(doc, { role: { kind: 'team-lead', team: 'Network' }, holderId: lee }, ctx), 'roleId');
    // Over the limit with the eighth (and then the ninth: Lee), back within it after the second move.
    moveRole(doc, { roleId: roles[0]!, parentId: team }, ctx);
    moveRole(doc, { roleId: roles[1]!, parentId: team }, ctx);
    // Org changes are stamped just after the one before (causal time): a little after the clock here.
    const spans = shown(doc, Infinity).filter((r) => r[0] === 'span');
    expect(spans.map((r) => r[2])).toEqual([
      'Span of control: Ada now has 8 people reporting directly (7 at most); add a level.',
      'Span of control back within limits: Ada has 7 people reporting directly.',
    ]);
    const timeline = projectionOf(doc).snapshot.timeline;
    const eighth = timeline.find((e) => e.text.startsWith('Responder 8 assigned'))!;
    const second = timeline.filter((e) => e.kind === 'org' && e.org.change === 'move').at(-1)!;
    expect(spans.map((r) => r[1])).toEqual([(eighth.at - T0) / MINUTE, (second.at - T0) / MINUTE]);
  });

  it('folded as the log grows gives what a fold from the start gives', () => {
    const { doc, ctx } = incident();
    const timelines: unknown[] = [];
    for (let i = 0; i < 9; i++) {
      const p = id(checkIn(doc, { name: `P${i}` }, ctx), 'responderId');
      addRole(doc, { role: { kind: 'sme', area: `A${i}` }, holderId: p }, ctx);
      ctx.advance(20 * MINUTE);
      if (i === 5) releaseResponder(doc, p, ctx);
      const snapshot = projectionOf(doc).snapshot;
      expect(orgWatchHistory(snapshot)).toEqual(computeOrgWatch(snapshot.timeline));
      timelines.push(snapshot.timeline);
    }
    expect(new Set(timelines).size).toBe(9);
  });
});
