import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { changeSeverity, declareEnd, logEvent, projectionOf, sendUpdate, setCadence } from '../../../src/shared/incident';
import { deadlineHistory, expiredBy } from '../../../src/shared/views/expiries';
import { statusUpdateDue, timersBoard } from '../../../src/shared/views/timers-board';
import { listSummary } from '../../../src/shared/views/list-summary';
import { MINUTE, T0 } from '../harness/context';
import { declaredIncident } from '../harness/incident';

const snapshot = (doc: Y.Doc) => projectionOf(doc).snapshot;
/** The derived "Status update overdue" rows shown by `now`: when, and why. */
const overdueRows = (doc: Y.Doc, now = Infinity) =>
  expiredBy(deadlineHistory(snapshot(doc)), now)
    .filter((e) => e.kind === 'status-update')
    .map((e) => [e.at, e.text]);
const boardDue = (doc: Y.Doc) => statusUpdateDue(snapshot(doc))!.dueAt;

/** SEV-2 (every 30 minutes by default), declared at T0. */
function sev2() {
  return declaredIncident('Ada', { severity: 'SEV-2' });
}

describe('the next status update, by the rules in force at each moment', () => {
  it('dates an overdue update at the cadence change that made it overdue, never before it (every minute from 10 minutes in)', () => {
    const { doc, ctx } = sev2();
    ctx.advance(10 * MINUTE);
    const change = setCadence(doc, { statusMinutes: { 'SEV-2': 1 }, reviewMinutes: 60 }, ctx);
    // The 1-minute rule would put the deadline at T0 + 1 min, before that rule existed: it is due at the change.
    expect(boardDue(doc)).toBe(change.at);
    expect(overdueRows(doc)).toEqual([[change.at, 'Status update overdue: SEV-2 calls for one every minute.']]);
    // Nothing is shown before the change was made.
    expect(overdueRows(doc, change.at - 1)).toEqual([]);
    // The board and the timeline agree, and the board reads it right.
    expect(timersBoard(snapshot(doc), change.at).find((t) => t.kind === 'status-update')).toMatchObject({
      dueAt: change.at,
      state: 'overdue',
      label: 'Next status update (SEV-2: every minute)',
    });
  });

  it('keeps an update overdue before a cadence change at the time it fell due, and a stricter cadence counts from the last update', () => {
    const { doc, ctx } = sev2();
    ctx.advance(40 * MINUTE);
    // Overdue at 30 minutes under the 30-minute cadence; the change at 40 does not move that row.
    const change = setCadence(doc, { statusMinutes: { 'SEV-2': 15 }, reviewMinutes: 60 }, ctx);
    expect(overdueRows(doc)).toEqual([[T0 + 30 * MINUTE, 'Status update overdue: SEV-2 calls for one every 30 minutes.']]);
    ctx.advance(MINUTE);
    const given = logEvent(doc, { kind: 'status', text: 'Failover under way' }, ctx);
    // After the change, the new cadence from the update given.
    expect(boardDue(doc)).toBe(given.at + 15 * MINUTE);
    expect(overdueRows(doc).map(([at]) => at)).toEqual([T0 + 30 * MINUTE, given.at + 15 * MINUTE]);
    expect(change.at).toBeLessThan(given.at);
  });

  it('gives a relaxed cadence a new deadline after the change, which can fall overdue again', () => {
    const { doc, ctx } = sev2();
    setCadence(doc, { statusMinutes: { 'SEV-2': 5 }, reviewMinutes: 60 }, ctx);
    ctx.advance(10 * MINUTE);
    // Overdue at 5 minutes; at 10 the IC relaxes it to 30: the next is due at 30 minutes from the declaration.
    setCadence(doc, { statusMinutes: { 'SEV-2': 30 }, reviewMinutes: 60 }, ctx);
    expect(boardDue(doc)).toBe(T0 + 30 * MINUTE);
    expect(overdueRows(doc)).toEqual([
      [T0 + 5 * MINUTE, 'Status update overdue: SEV-2 calls for one every 5 minutes.'],
      [T0 + 30 * MINUTE, 'Status update overdue: SEV-2 calls for one every 30 minutes.'],
    ]);
  });

  it('follows a severity change mid-way: the new severity’s cadence from the change on', () => {
    const { doc, ctx } = sev2();
    ctx.advance(25 * MINUTE);
    // SEV-1 calls for one every 20 minutes: 25 minutes have passed, so it is due at the escalation.
    const escalation = changeSeverity(doc, { to: 'SEV-1' }, ctx);
    expect(boardDue(doc)).toBe(escalation.at);
    expect(overdueRows(doc)).toEqual([[escalation.at, 'Status update overdue: SEV-1 calls for one every 20 minutes.']]);
    ctx.advance(MINUTE);
    const given = logEvent(doc, { kind: 'status', text: 'Escalated; all hands' }, ctx);
    expect(boardDue(doc)).toBe(given.at + 20 * MINUTE);
    ctx.advance(5 * MINUTE);
    // Back to SEV-2 at 31 minutes: 30 minutes from the last update, not from the change.
    changeSeverity(doc, { to: 'SEV-2' }, ctx);
    expect(boardDue(doc)).toBe(given.at + 30 * MINUTE);
    expect(overdueRows(doc).map(([at]) => at)).toEqual([escalation.at, given.at + 30 * MINUTE]);
  });

  it('an escalation within the new cadence moves the deadline earlier, not into the past', () => {
    const { doc, ctx } = sev2();
    ctx.advance(10 * MINUTE);
    changeSeverity(doc, { to: 'SEV-1' }, ctx);
    expect(boardDue(doc)).toBe(T0 + 20 * MINUTE);
    expect(overdueRows(doc, T0 + 19 * MINUTE)).toEqual([]);
    expect(overdueRows(doc, T0 + 20 * MINUTE)).toEqual([[T0 + 20 * MINUTE, 'Status update overdue: SEV-1 calls for one every 20 minutes.']]);
  });

  it('holds a promised next update to its time, whatever the cadence does meanwhile', () => {
    const { doc, ctx } = sev2();
    ctx.advance(5 * MINUTE);
    const sent = sendUpdate(doc, { audience: 'internal', template: 'update', body: 'Failing over. Next update in 45 minutes.', nextUpdateMinutes: 45 }, ctx);
    const promised = sent.at + 45 * MINUTE;
    expect(boardDue(doc)).toBe(promised);
    ctx.advance(10 * MINUTE);
    // A stricter cadence and an escalation: people were told 45 minutes, and that stands.
    setCadence(doc, { statusMinutes: { 'SEV-2': 10 }, reviewMinutes: 60 }, ctx);
    changeSeverity(doc, { to: 'SEV-1' }, ctx);
    expect(boardDue(doc)).toBe(promised);
    expect(overdueRows(doc)).toEqual([[promised, 'Status update overdue: the last update sent promised the next one by now.']]);
    // A status change given afterwards goes back to the cadence (SEV-1: every 20 minutes).
    ctx.advance(MINUTE);
    const given = logEvent(doc, { kind: 'status', text: 'Writes back' }, ctx);
    expect(boardDue(doc)).toBe(given.at + 20 * MINUTE);
  });

  it('agrees with the incident list, and stops at the end', () => {
    const { doc, ctx } = sev2();
    ctx.advance(10 * MINUTE);
    const change = setCadence(doc, { statusMinutes: { 'SEV-2': 2 }, reviewMinutes: 60 }, ctx);
    expect(listSummary(snapshot(doc))!.nextUpdateAt).toBe(change.at);
    ctx.advance(MINUTE);
    declareEnd(doc, {}, ctx);
    expect(statusUpdateDue(snapshot(doc))).toBeNull();
    expect(listSummary(snapshot(doc))!.nextUpdateAt).toBeNull();
    // The row of the update that fell overdue before the end stays.
    expect(overdueRows(doc).map(([at]) => at)).toEqual([change.at]);
  });
});
