import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addObjective,
  assignTask,
  cancelTimer,
  changeSeverity,
  checkIn,
  createIncidentDoc,
  declareEnd,
  declareIncident,
  extendTask,
  logEvent,
  projectionOf,
  sendUpdate,
  setTaskStatus,
  startTimer,
  strikeEntry,
} from '../../../src/shared/incident';
import { deadlineHistory, expiredBy } from '../../../src/shared/views/expiries';
import { MINUTE, T0, testContext } from '../harness/context';

function incident(severity: 'SEV-1' | 'SEV-2' = 'SEV-2') {
  const doc = createIncidentDoc('incident-1');
  const ctx = testContext('Ada');
  declareIncident(doc, { name: '26-Bravo', severity, synopsis: 'Checkout fails' }, ctx);
  const jo = (checkIn(doc, { name: 'Jo' }, ctx).org as { responderId: string }).responderId;
  const objective = (addObjective(doc, 'Restore writes', ctx).plan as { objectiveId: string }).objectiveId;
  return { doc, ctx, jo, objective };
}

const history = (doc: Y.Doc) => deadlineHistory(projectionOf(doc).snapshot);
const rows = (doc: Y.Doc, now: number) => expiredBy(history(doc), now).map((e) => [e.kind, e.at - T0, e.text]);

describe('deadlines that ran out, derived for the timeline', () => {
  it('shows a timebox that ran out only once its time has come, with the task and its owner', () => {
    const { doc, ctx, jo, objective } = incident();
    // Plan changes are stamped just after the one before (causal time): the timebox starts there.
    const { at } = assignTask(doc, { objectiveId: objective, text: 'Check replication lag', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 10 }, ctx);
    const dueAt = at + 10 * MINUTE;
    expect(rows(doc, dueAt - 1).filter(([k]) => k === 'timebox')).toEqual([]);
    expect(rows(doc, dueAt).filter(([k]) => k === 'timebox')).toEqual([
      ['timebox', dueAt - T0, 'Timebox ran out for "Check replication lag" (owner: Jo); follow up.'],
    ]);
  });

  it('keeps the row once it ran out, even after the task is extended, and adds none for a deadline met', () => {
    const { doc, ctx, jo, objective } = incident();
    const late = assignTask(doc, { objectiveId: objective, text: 'Late one', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx);
    const ontime = assignTask(doc, { objectiveId: objective, text: 'On time', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 30 }, ctx);
    ctx.advance(12 * MINUTE);
    extendTask(doc, { taskId: (late.plan as { taskId: string }).taskId, minutes: 10 }, ctx);
    setTaskStatus(doc, { taskId: (ontime.plan as { taskId: string }).taskId, status: 'done' }, ctx);
    const timeboxes = expiredBy(history(doc), T0 + 60 * MINUTE).filter((e) => e.kind === 'timebox');
    // The first timebox ran out at 5 min; the extension's at 22 min.
    expect(timeboxes.map((e) => [e.at - T0, e.text.slice(0, 35)])).toEqual([
      [late.at - T0 + 5 * MINUTE, 'Timebox ran out for "Late one" (own'],
      [22 * MINUTE, 'Timebox ran out for "Late one" (own'],
    ]);
    expect(new Set(timeboxes.map((e) => e.id)).size).toBe(2);
  });

  it('flags a status update overdue at the severity cadence, once per update given', () => {
    const { doc, ctx } = incident('SEV-2');
    // SEV-2: every 30 minutes from the declaration.
    ctx.advance(40 * MINUTE);
    logEvent(doc, { kind: 'status', text: 'Investigating' }, ctx);
    ctx.advance(10 * MINUTE);
    const status = rows(doc, T0 + 200 * MINUTE).filter(([k]) => k === 'status-update');
    expect(status).toEqual([
      ['status-update', 30 * MINUTE, 'Status update overdue: SEV-2 calls for one every 30 minutes.'],
      ['status-update', 70 * MINUTE, 'Status update overdue: SEV-2 calls for one every 30 minutes.'],
    ]);
    // An escalation past the new cadence makes it overdue at the escalation.
    changeSeverity(doc, { to: 'SEV-1' }, ctx);
    expect(rows(doc, T0 + 200 * MINUTE).filter(([k]) => k === 'status-update').map(([, at]) => at)).toEqual([30 * MINUTE, 60 * MINUTE]);
  });

  it('takes the time a stakeholder update promised the next one by as the deadline', () => {
    const { doc, ctx } = incident('SEV-2');
    ctx.advance(10 * MINUTE);
    sendUpdate(doc, { audience: 'internal', template: 'update', body: 'Failing over; next update in 15 minutes.', nextUpdateMinutes: 15 }, ctx);
    expect(rows(doc, T0 + 200 * MINUTE).filter(([k]) => k === 'status-update')[0]).toEqual([
      'status-update',
      25 * MINUTE,
      'Status update overdue: the last update sent promised the next one by now.',
    ]);
  });

  it('does not count a struck-through status update as given', () => {
    const { doc, ctx } = incident('SEV-2');
    ctx.advance(20 * MINUTE);
    const update = logEvent(doc, { kind: 'status', text: 'Posted to the wrong page' }, ctx);
    expect(rows(doc, T0 + 40 * MINUTE).filter(([k]) => k === 'status-update').map(([, at]) => at)).toEqual([]);
    strikeEntry(doc, { eventId: update.id, reason: 'Never published' }, ctx);
    expect(rows(doc, T0 + 40 * MINUTE).filter(([k]) => k === 'status-update').map(([, at]) => at)).toEqual([30 * MINUTE]);
  });

  it('shows custom timers that went off, not those cancelled in time; nothing after the end', () => {
    const { doc, ctx } = incident();
    startTimer(doc, { label: 'Check the vendor status page', minutes: 15 }, ctx);
    const cancelled = startTimer(doc, { label: 'Never mind', minutes: 15 }, ctx);
    ctx.advance(5 * MINUTE);
    cancelTimer(doc, (cancelled.plan as { timerId: string }).timerId, ctx);
    ctx.advance(5 * MINUTE);
    declareEnd(doc, {}, ctx);
    // Ended at 10 min: the 15-minute timer and the 30-minute status update never ran out.
    expect(rows(doc, T0 + 300 * MINUTE)).toEqual([]);
  });

  it('is the same on every replica and stable across recomputation', () => {
    const { doc, ctx, jo, objective } = incident();
    assignTask(doc, { objectiveId: objective, text: 'Check replication lag', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 10 }, ctx);
    const peer = createIncidentDoc(doc.guid);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    expect(history(peer)).toEqual(history(doc));
    expect(history(doc)).toBe(history(doc));
    const all = history(doc);
    expect(expiredBy(all, Infinity)).toBe(all);
  });
});
