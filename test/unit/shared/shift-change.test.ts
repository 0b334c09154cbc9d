import { describe, expect, it } from 'vitest';
import { IC_ROLE_ID, acceptHandover, checkIn, declareEnd, offerHandover, projectionOf, releaseResponder } from '../../../src/shared/incident';
import { listSummary } from '../../../src/shared/views/list-summary';
import {
  handoverOfferedTo,
  icHandoverTo,
  incidentsCommandedBy,
  incomingProblem,
  planIcHandover,
  shiftSummary,
  type ShiftOutcome,
} from '../../../src/shared/views/shift-change';
import { testContext } from '../harness/context';
import { declaredIncident } from '../harness/incident';

const snapshotOf = (doc: Parameters<typeof projectionOf>[0]) => projectionOf(doc).snapshot;
const idOf = (event: { org: unknown }, key: 'responderId' | 'handoverId') => (event.org as Record<string, string>)[key]!;

describe('which incidents are mine to hand over', () => {
  const rows = [
    { id: 'a', state: 'active' as const, commander: 'Dana Scully' },
    { id: 'b', state: 'active' as const, commander: ' dana scully' },
    { id: 'c', state: 'ended' as const, commander: 'Dana Scully' },
    { id: 'd', state: 'active' as const, commander: 'Rae Stone' },
    { id: 'e', state: 'active' as const },
  ];

  it('takes the active incidents whose IC is me, whatever the case or spaces of the name', () => {
    expect(incidentsCommandedBy(rows, 'Dana Scully').map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('takes none for a person with no name yet, and none an older row does not name an IC for', () => {
    expect(incidentsCommandedBy(rows, '  ')).toEqual([]);
    expect(incidentsCommandedBy(rows, 'Rae Stone').map((r) => r.id)).toEqual(['d']);
  });
});

describe('the incoming Incident Commander', () => {
  it('is one person, named on one line, and someone other than me', () => {
    expect(incomingProblem('Rae Stone', 'Dana Scully')).toBeNull();
    expect(incomingProblem('  ', 'Dana Scully')).toBe('Give the name of the incoming Incident Commander.');
    expect(incomingProblem('The SRE team', 'Dana Scully')).toMatch(/is a group, not a person/);
    expect(incomingProblem('Rae and Bo', 'Dana Scully')).toMatch(/names more than one person/);
    expect(incomingProblem('dana scully', 'Dana Scully')).toBe('You are Dana Scully: name the person who takes over from you.');
    expect(incomingProblem('x'.repeat(81), 'Dana Scully')).toBe('The name is at most 80 characters.');
  });
});

describe('the plan for one incident', () => {
  const people = { me: 'Ada', incoming: 'Rae Stone' };

  it('checks in an incoming IC who is not on duty there, then offers command', () => {
    const { doc } = declaredIncident('Ada');
    expect(planIcHandover(snapshotOf(doc), people)).toEqual({ ok: true, incidentId: 'incident-1', name: '26-Bravo', checkIn: 'new', responderId: null });
  });

  it('offers command to the responder already on duty by that name, and checks a released one in again', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const rae = idOf(checkIn(doc, { name: 'Rae Stone' }, ctx), 'responderId');
    expect(planIcHandover(snapshotOf(doc), { ...people, incoming: 'rae stone' })).toMatchObject({ ok: true, checkIn: null, responderId: rae });
    releaseResponder(doc, rae, ctx);
    expect(planIcHandover(snapshotOf(doc), people)).toMatchObject({ ok: true, checkIn: 'again', responderId: rae });
  });

  it('refuses an incident whose IC is someone else now, one with a handover of command waiting, an ended one and a read-only one', () => {
    const { doc, ctx } = declaredIncident('Ada');
    expect(planIcHandover(snapshotOf(doc), { ...people, me: 'Bo' })).toMatchObject({ ok: false, reason: 'Ada is the Incident Commander of 26-Bravo now, not you.' });
    expect(planIcHandover(snapshotOf(doc), { ...people, readOnly: 'You are an observer of 26-Bravo: it is read-only here.' })).toMatchObject({
      ok: false,
      reason: 'You are an observer of 26-Bravo: it is read-only here.',
    });
    const cy = idOf(checkIn(doc, { name: 'Cy' }, ctx), 'responderId');
    offerHandover(doc, { roleId: IC_ROLE_ID, toId: cy, briefing: 'All yours' }, ctx);
    expect(planIcHandover(snapshotOf(doc), people)).toMatchObject({ ok: false, reason: 'A handover of command to Cy is already waiting; cancel it on the org chart first.' });
    declareEnd(doc, { summary: 'Rolled back' }, ctx);
    expect(planIcHandover(snapshotOf(doc), people)).toMatchObject({ ok: false, reason: '26-Bravo has ended: there is no command to hand over.' });
  });

  it('refuses a group as the incoming IC', () => {
    const { doc } = declaredIncident('Ada');
    expect(planIcHandover(snapshotOf(doc), { me: 'Ada', incoming: 'everyone' })).toMatchObject({ ok: false, reason: expect.stringMatching(/group/) });
  });
});

describe('what waits for the incoming IC', () => {
  it('is the handover of command offered to them, in the list summary too, until they acknowledge it', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const rae = idOf(checkIn(doc, { name: 'Rae Stone' }, ctx), 'responderId');
    expect(icHandoverTo(snapshotOf(doc))).toBeNull();
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: rae, briefing: 'All yours' }, ctx);
    expect(listSummary(snapshotOf(doc))?.icHandoverTo).toBe('Rae Stone');
    expect(handoverOfferedTo(snapshotOf(doc), 'rae stone')?.id).toBe(idOf(offer, 'handoverId'));
    expect(handoverOfferedTo(snapshotOf(doc), 'Ada')).toBeNull();
    acceptHandover(doc, idOf(offer, 'handoverId'), testContext('Rae Stone', ctx.time, 'rae'));
    expect(handoverOfferedTo(snapshotOf(doc), 'Rae Stone')).toBeNull();
    expect(listSummary(snapshotOf(doc))).toMatchObject({ commander: 'Rae Stone', icHandoverTo: null });
  });
});

describe('the outcome of a shift change', () => {
  const offered: ShiftOutcome = { ok: true, incidentId: 'a', name: '26-Bravo', checkedIn: true };
  const refused: ShiftOutcome = { ok: false, incidentId: 'b', name: '26-Charlie', reason: 'It has ended.' };

  it('says how many were offered and how many not', () => {
    expect(shiftSummary([offered, { ...offered, incidentId: 'c' }], 'Rae Stone')).toBe('All 2 handovers are offered to Rae Stone: command changes as Rae Stone acknowledges each one.');
    expect(shiftSummary([offered], 'Rae Stone')).toBe('The handover is offered to Rae Stone: command changes as Rae Stone acknowledges each one.');
    expect(shiftSummary([offered, refused], 'Rae Stone')).toBe('1 handover offered to Rae Stone; 1 not (reasons below): you are still the Incident Commander there.');
    expect(shiftSummary([refused], 'Rae Stone')).toMatch(/^No handover was offered/);
    expect(shiftSummary([], 'Rae Stone')).toBe('Nothing was handed over.');
  });
});
