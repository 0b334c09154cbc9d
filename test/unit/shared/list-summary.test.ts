import { describe, expect, it } from 'vitest';
import { IC_ROLE_ID, acceptHandover, checkIn, declareEnd, logEvent, offerHandover, projectionOf, setStatusPhase } from '../../../src/shared/incident';
import { addActionItem, assignPostmortemOwner, startPostmortem } from '../../../src/shared/incident/postmortem-commands';
import { listSummary, postmortemOverdue } from '../../../src/shared/views/list-summary';
import { MINUTE, testContext } from '../harness/context';
import { declaredIncident } from '../harness/incident';

const summary = (doc: Parameters<typeof projectionOf>[0]) => listSummary(projectionOf(doc).snapshot);

describe('what the incident list shows of an incident', () => {
  it('names the declarer as IC, and the first status update at the severity’s cadence', () => {
    const { doc } = declaredIncident('Ada');
    const declaredAt = projectionOf(doc).snapshot.header!.declaredAt;
    // SEV-1: every 20 minutes.
    expect(summary(doc)).toMatchObject({ commander: 'Ada', nextUpdateAt: declaredAt + 20 * MINUTE, phase: 'investigating' });
  });

  it('follows a handover of command and a status update logged', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const bo = (checkIn(doc, { name: 'Bo' }, ctx).org as { responderId: string }).responderId;
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: bo, briefing: 'Situation: primary DB down' }, ctx);
    ctx.advance(5 * MINUTE);
    acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, testContext('Bo', ctx.time, 'bo'));
    const update = logEvent(doc, { kind: 'status', text: 'Failover under way' }, ctx);
    expect(summary(doc)).toMatchObject({ commander: 'Bo', nextUpdateAt: update.at + 20 * MINUTE });
  });

  it('has no update due once the incident has ended', () => {
    const { doc, ctx } = declaredIncident('Ada');
    declareEnd(doc, { summary: 'Rolled back' }, ctx);
    expect(summary(doc)?.nextUpdateAt).toBeNull();
  });

  it('carries the phase, and where the postmortem stands once the incident has ended', () => {
    const { doc, ctx } = declaredIncident('Ada');
    setStatusPhase(doc, 'mitigating', ctx);
    expect(summary(doc)).toMatchObject({ phase: 'mitigating', postmortem: { owner: null, dueDate: null, status: null, openActionItems: 0 } });
    declareEnd(doc, { summary: 'Rolled back' }, ctx);
    assignPostmortemOwner(doc, { owner: 'Bo', dueDate: '2026-12-10' }, ctx);
    startPostmortem(doc, { layout: 'pagerduty', drafts: {} }, ctx);
    const kept = addActionItem(doc, { text: 'Add an alert on replication lag above 30 s', owner: 'Bo', dueDate: null }, ctx);
    addActionItem(doc, { text: 'Add a runbook step for failover', owner: 'Cy', dueDate: null }, ctx);
    expect(kept.done).toBe(false);
    expect(summary(doc)?.postmortem).toEqual({ owner: 'Bo', dueDate: '2026-12-10', status: 'draft', openActionItems: 2 });
  });

  it('calls a postmortem overdue only past its due date and while it is unfinished', () => {
    const pm = { owner: 'Bo', dueDate: '2026-12-10', status: 'draft' as const, openActionItems: 0 };
    expect(postmortemOverdue(pm, '2026-12-10')).toBe(false);
    expect(postmortemOverdue(pm, '2026-12-11')).toBe(true);
    expect(postmortemOverdue({ ...pm, status: null }, '2026-12-11')).toBe(true);
    expect(postmortemOverdue({ ...pm, status: 'in-review' }, '2026-12-11')).toBe(true);
    expect(postmortemOverdue({ ...pm, status: 'reviewed' }, '2026-12-11')).toBe(false);
    expect(postmortemOverdue({ ...pm, status: 'closed' }, '2027-01-01')).toBe(false);
    expect(postmortemOverdue({ ...pm, dueDate: null }, '2027-01-01')).toBe(false);
    expect(postmortemOverdue(undefined, '2027-01-01')).toBe(false);
  });
});
