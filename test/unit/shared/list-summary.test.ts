import { describe, expect, it } from 'vitest';
import { IC_ROLE_ID, acceptHandover, checkIn, declareEnd, logEvent, offerHandover, projectionOf } from '../../../src/shared/incident';
import { listSummary } from '../../../src/shared/views/list-summary';
import { MINUTE, testContext } from '../harness/context';
import { declaredIncident } from '../harness/incident';

const summary = (doc: Parameters<typeof projectionOf>[0]) => listSummary(projectionOf(doc).snapshot);

describe('what the incident list shows of an incident', () => {
  it('names the declarer as IC, and the first status update at the severity’s cadence', () => {
    const { doc } = declaredIncident('Ada');
    const declaredAt = projectionOf(doc).snapshot.header!.declaredAt;
    // SEV-1: every 20 minutes.
    expect(summary(doc)).toEqual({ commander: 'Ada', nextUpdateAt: declaredAt + 20 * MINUTE });
  });

  it('follows a handover of command and a status update logged', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const bo = (checkIn(doc, { name: 'Bo' }, ctx).org as { responderId: string }).responderId;
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: bo, briefing: 'Situation: primary DB down' }, ctx);
    ctx.advance(5 * MINUTE);
    acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, testContext('Bo', ctx.time, 'bo'));
    const update = logEvent(doc, { kind: 'status', text: 'Failover under way' }, ctx);
    expect(summary(doc)).toEqual({ commander: 'Bo', nextUpdateAt: update.at + 20 * MINUTE });
  });

  it('has no update due once the incident has ended', () => {
    const { doc, ctx } = declaredIncident('Ada');
    declareEnd(doc, { summary: 'Rolled back' }, ctx);
    expect(summary(doc)?.nextUpdateAt).toBeNull();
  });
});
