import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  acknowledgeTask,
  addObjective,
  addRole,
  announceChange,
  assignRole,
  assignTask,
  cancelTimer,
  checkIn,
  closeObjective,
  createIncidentDoc,
  decide,
  extendTask,
  logEvent,
  observeChange,
  projectionOf,
  proposeDecision,
  reassignTask,
  recordObjection,
  releaseResponder,
  setCadence,
  setRotation,
  setTaskStatus,
  startTimer,
  changeSeverity,
  isTimelineEvent,
  strikeEntry,
  type OrgEvent,
  type PlanEvent,
} from '../../../src/shared/incident';
import { nextOnCadence, timersBoard, timerState } from '../../../src/shared/views/timers-board';
import { rotationDue } from '../../../src/shared/incident/org-chart';
import { refused } from '../harness/refused';
import { MINUTE, testContext } from '../harness/context';
import { declaredIncident } from '../harness/incident';

function incident() {
  const { doc, ctx } = declaredIncident();
  const jo = (checkIn(doc, { name: 'Jo', skills: 'DBA' }, ctx).org as { responderId: string }).responderId;
  const objective = (addObjective(doc, 'Restore writes to the primary', ctx).plan as { objectiveId: string }).objectiveId;
  return { doc, ctx, jo, objective };
}

const plan = (doc: Y.Doc) => projectionOf(doc).snapshot.plan!;
const taskId = (e: PlanEvent) => (e.plan as { taskId: string }).taskId;
const task = (doc: Y.Doc, id: string) => plan(doc).objectives.flatMap((o) => o.tasks).find((t) => t.id === id)!;

describe('the action plan', () => {
  it('gives a task exactly one owner and a timebox, and logs it in the words of the call', () => {
    const { doc, ctx, jo, objective } = incident();
    const e = assignTask(doc, { objectiveId: objective, text: 'Check replication lag', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx);
    expect(e.text).toBe('Task for Jo: Check replication lag (timebox 5 min).');
    expect(task(doc, taskId(e))).toMatchObject({ ownerLabel: 'Jo', ownerId: jo, status: 'open', acknowledged: false, dueAt: e.at + 5 * MINUTE });
    expect(plan(doc).objectives[0]).toMatchObject({ text: 'Restore writes to the primary', closed: null });
  });

  it('refuses a task for a group or for nobody, with the reason', () => {
    const { doc, ctx, objective } = incident();
    const message = 'A task needs exactly one owner: a person, or a role held by one person. Not a group, not nobody.';
    for (const owner of [undefined, { kind: 'team', name: 'Network' }, { kind: 'person' }, []]) {
      expect(refused(() => assignTask(doc, { objectiveId: objective, text: 'Fix it', owner: owner as never, timeboxMinutes: 5 }, ctx))).toBe(message);
    }
    expect(refused(() => assignTask(doc, { objectiveId: objective, text: 'Fix it', owner: { kind: 'person', responderId: 'nobody' }, timeboxMinutes: 5 }, ctx))).toBe(
      'A task needs one owner who has checked in.',
    );
    expect(refused(() => assignTask(doc, { objectiveId: objective, text: 'Fix it', owner: { kind: 'role', roleId: 'ic' }, timeboxMinutes: 0 }, ctx))).toBe(
      'A timebox is at least 1 minute.',
    );
  });

  it('resolves a task given to a role to whoever holds it, the IC while nobody does', () => {
    const { doc, ctx, jo, objective } = incident();
    const role = (addRole(doc, { role: { kind: 'sme', area: 'Database' } }, ctx) as OrgEvent).org as { roleId: string };
    const e = assignTask(doc, { objectiveId: objective, text: 'Promote the replica', owner: { kind: 'role', roleId: role.roleId }, timeboxMinutes: 10 }, ctx);
    expect(task(doc, taskId(e)).ownerLabel).toBe('Database SME (Ada)');
    // The owner follows the role: once Jo holds it, the task is Jo's.
    assignRole(doc, { roleId: role.roleId, responderId: jo }, ctx);
    expect(task(doc, taskId(e))).toMatchObject({ ownerLabel: 'Database SME (Jo)', ownerId: jo });
  });

  it('follows a task from acknowledgement through expiry, extension and completion', () => {
    const { doc, ctx, jo, objective } = incident();
    const id = taskId(assignTask(doc, { objectiveId: objective, text: 'Check replication lag', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx));
    expect(acknowledgeTask(doc, id, ctx).text).toBe('Jo: understood, "Check replication lag".');
    ctx.advance(6 * MINUTE);
    const due = task(doc, id).dueAt!;
    expect(timerState(due, ctx.time)).toBe('overdue');
    const ext = extendTask(doc, { taskId: id, minutes: 10 }, ctx);
    expect(ext.text).toBe('Jo needs 10 more minutes for "Check replication lag".');
    expect(task(doc, id)).toMatchObject({ extensions: 1, dueAt: ext.at + 10 * MINUTE });
    expect(setTaskStatus(doc, { taskId: id, status: 'done', note: 'lag 0 s' }, ctx).text).toBe('Task done: Check replication lag (lag 0 s).');
    expect(task(doc, id).dueAt).toBeNull();
    expect(refused(() => extendTask(doc, { taskId: id, minutes: 5 }, ctx))).toBe('That task is already done.');
  });

  it('reassigns a task to a new owner with a fresh timebox, waiting for their "understood"', () => {
    const { doc, ctx, jo, objective } = incident();
    const bo = (checkIn(doc, { name: 'Bo' }, ctx).org as { responderId: string }).responderId;
    const id = taskId(assignTask(doc, { objectiveId: objective, text: 'Page the vendor', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx));
    acknowledgeTask(doc, id, ctx);
    const e = reassignTask(doc, { taskId: id, owner: { kind: 'person', responderId: bo }, timeboxMinutes: 15 }, ctx);
    expect(e.text).toBe('Task "Page the vendor" moves from Jo to Bo (timebox 15 min).');
    expect(task(doc, id)).toMatchObject({ ownerId: bo, acknowledged: false, dueAt: e.at + 15 * MINUTE });
    releaseResponder(doc, jo, ctx);
    expect(refused(() => reassignTask(doc, { taskId: id, owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx))).toBe(
      'Jo has been released; give the task to someone on duty.',
    );
  });

  it('decides by "any strong objections?": logs the decision and its outcome, never a vote', () => {
    const { doc, ctx } = incident();
    const first = (proposeDecision(doc, 'Fail over to the EU region', ctx).plan as { decisionId: string }).decisionId;
    expect(decide(doc, { decisionId: first, outcome: 'adopted' }, ctx).text).toBe('Hearing no strong objections, we go ahead: Fail over to the EU region.');
    const second = (proposeDecision(doc, 'Restart every app server', ctx).plan as { decisionId: string }).decisionId;
    recordObjection(doc, { decisionId: second, text: 'Sessions would be lost' }, ctx);
    expect(decide(doc, { decisionId: second, outcome: 'adopted', note: 'one at a time' }, ctx).text).toBe('Decided: Restart every app server (one at a time).');
    expect(refused(() => recordObjection(doc, { decisionId: second, text: 'late' }, ctx))).toBe('That proposal was already adopted.');
    expect(plan(doc).decisions.map((d) => [d.outcome, d.objections.length])).toEqual([['adopted', 0], ['adopted', 1]]);
  });

  it('tracks a change as in flight until its result is observed, and warns about a second one', () => {
    const { doc, ctx } = incident();
    const first = (announceChange(doc, 'Raise max_connections to 500', ctx).plan as { changeId: string }).changeId;
    expect(plan(doc).inFlight.map((c) => c.text)).toEqual(['Raise max_connections to 500']);
    expect(announceChange(doc, 'Restart the pooler', ctx).text).toBe('Change announced: Restart the pooler. While another change is in flight: one change at a time.');
    expect(plan(doc).inFlight).toHaveLength(2);
    observeChange(doc, { changeId: first, result: 'errors down to 2%', worked: true }, ctx);
    expect(plan(doc).inFlight.map((c) => c.text)).toEqual(['Restart the pooler']);
  });

  it('closes objectives, and refuses tasks under a closed one', () => {
    const { doc, ctx, jo, objective } = incident();
    closeObjective(doc, { objectiveId: objective, outcome: 'met' }, ctx);
    expect(refused(() => assignTask(doc, { objectiveId: objective, text: 'x', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx))).toBe(
      'That objective is closed; add the task to an open one.',
    );
  });

  it('two concurrent reassignments leave one owner on every replica', () => {
    const { doc: a, ctx, jo, objective } = incident();
    const bo = (checkIn(a, { name: 'Bo' }, ctx).org as { responderId: string }).responderId;
    const cy = (checkIn(a, { name: 'Cy' }, ctx).org as { responderId: string }).responderId;
    const id = taskId(assignTask(a, { objectiveId: objective, text: 'Page the vendor', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx));
    const b = createIncidentDoc('incident-1');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const ctxB = testContext('Bo', ctx.time, 'b');
    reassignTask(a, { taskId: id, owner: { kind: 'person', responderId: bo }, timeboxMinutes: 5 }, ctx);
    reassignTask(b, { taskId: id, owner: { kind: 'person', responderId: cy }, timeboxMinutes: 5 }, ctxB);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(task(a, id).ownerId).toBe(task(b, id).ownerId);
    expect([bo, cy]).toContain(task(a, id).ownerId);
  });
});

describe('"understood"', () => {
  /** Two machines with the task on both: the IC's (a) and the owner's (b), whose clock is `skew` off. */
  function twoMachines(skew: number) {
    const { doc: a, ctx, jo, objective } = incident();
    const bo = (checkIn(a, { name: 'Bo' }, ctx).org as { responderId: string }).responderId;
    const id = taskId(assignTask(a, { objectiveId: objective, text: 'Page the vendor', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx));
    const b = createIncidentDoc('incident-1');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const ctxB = testContext('Jo', ctx.time + skew, 'b');
    const sync = () => {
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    };
    return { a, b, ctx, ctxB, jo, bo, id, sync };
  }

  it('sticks when the IC gives the same owner a new timebox at the same moment on another machine', () => {
    // The owner says "understood" a few seconds before the IC, not having seen it, gives Jo 15 more minutes through Reassign.
    const { a, b, ctx, ctxB, jo, id, sync } = twoMachines(0);
    ctxB.advance(5_000);
    acknowledgeTask(b, id, ctxB);
    ctx.advance(10_000);
    reassignTask(a, { taskId: id, owner: { kind: 'person', responderId: jo }, timeboxMinutes: 15 }, ctx);
    sync();
    for (const doc of [a, b]) expect(task(doc, id)).toMatchObject({ ownerId: jo, acknowledged: true, timeboxMs: 15 * MINUTE });
  });

  it('counts for the person who said it only: a task that moved to someone else at the same moment still waits for theirs', () => {
    // The owner's clock runs 2 minutes fast: their "understood" sorts after the IC's reassignment to Bo.
    const { a, b, ctx, ctxB, bo, id, sync } = twoMachines(2 * MINUTE);
    ctx.advance(5_000);
    reassignTask(a, { taskId: id, owner: { kind: 'person', responderId: bo }, timeboxMinutes: 10 }, ctx);
    const ack = acknowledgeTask(b, id, ctxB);
    sync();
    for (const doc of [a, b]) {
      expect(task(doc, id)).toMatchObject({ ownerId: bo, acknowledged: false });
      expect(plan(doc).refused.get(ack.id)).toBe('Jo said "understood", but the task had moved to Bo, who has not said it yet.');
    }
  });

  it('is logged naming the owner and the task, and a reassignment to the same person by role keeps it', () => {
    const { doc, ctx, jo, objective } = incident();
    const sme = ((addRole(doc, { role: { kind: 'sme', area: 'Database' }, holderId: jo }, ctx) as OrgEvent).org as { roleId: string }).roleId;
    const id = taskId(assignTask(doc, { objectiveId: objective, text: 'Check replication lag', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx));
    const ack = acknowledgeTask(doc, id, ctx);
    expect(ack.text).toBe('Jo: understood, "Check replication lag".');
    expect(projectionOf(doc).snapshot.timeline.at(-1)).toMatchObject({ id: ack.id, kind: 'plan', author: 'Ada' });
    reassignTask(doc, { taskId: id, owner: { kind: 'role', roleId: sme }, timeboxMinutes: 10 }, ctx);
    expect(task(doc, id)).toMatchObject({ ownerLabel: 'Database SME (Jo)', acknowledged: true });
  });
});

describe('the timers board', () => {
  it('lists every deadline by what is due next, in normal, due-soon or overdue state', () => {
    const { doc, ctx, jo, objective } = incident();
    assignTask(doc, { objectiveId: objective, text: 'Check replication lag', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx);
    startTimer(doc, { label: 'Vendor calls back', minutes: 45 }, ctx);
    const declaredAt = projectionOf(doc).snapshot.header!.declaredAt;
    ctx.advance(4 * MINUTE);
    const board = timersBoard(projectionOf(doc).snapshot, ctx.time);
    expect(board.map((t) => [t.kind, t.state])).toEqual([
      ['task', 'due-soon'],
      ['deputy-callout', 'normal'],
      ['status-update', 'normal'],
      ['custom', 'normal'],
      ['review', 'normal'],
      // Everyone on duty (the IC and Jo) rotates out after 90 minutes: listed like any deadline.
      ['rotation', 'normal'],
      ['rotation', 'normal'],
    ]);
    expect(board.find((t) => t.kind === 'status-update')?.dueAt).toBe(declaredAt + 20 * MINUTE);
    expect(board.find((t) => t.kind === 'review')?.dueAt).toBe(declaredAt + 60 * MINUTE);
    ctx.advance(2 * MINUTE);
    expect(timersBoard(projectionOf(doc).snapshot, ctx.time)[0]).toMatchObject({ kind: 'task', state: 'overdue', label: 'Jo: Check replication lag' });
  });

  it('restarts the status-update timer from the last update, at the cadence of the current severity', () => {
    const { doc, ctx } = incident();
    ctx.advance(10 * MINUTE);
    const update = logEvent(doc, { kind: 'status', text: 'Writes failing; failover under way' }, ctx);
    const next = () => timersBoard(projectionOf(doc).snapshot, ctx.time).find((t) => t.kind === 'status-update')!;
    expect(next().dueAt).toBe(update.at + 20 * MINUTE);
    changeSeverity(doc, { to: 'SEV-2' }, ctx);
    expect(next().dueAt).toBe(update.at + 30 * MINUTE);
    setCadence(doc, { statusMinutes: { 'SEV-2': 15 }, reviewMinutes: 30 }, ctx);
    expect(next().dueAt).toBe(update.at + 15 * MINUTE);
  });

  it('lists each on-duty responder’s rotation when the org chart asks "rotate?", by the rotation time in force; not once released', () => {
    const { doc, ctx, jo } = incident();
    const rotation = () => timersBoard(projectionOf(doc).snapshot, ctx.time).find((t) => t.id === `rotation:${jo}`);
    const chart = () => projectionOf(doc).snapshot.org!;
    const joNow = () => chart().responders.find((r) => r.id === jo)!;
    expect(rotation()).toMatchObject({ kind: 'rotation', label: 'Rotate Jo (after 90 min on duty)', responderId: jo, dueAt: joNow().checkedInAt + 90 * MINUTE });
    ctx.advance(20 * MINUTE);
    const set = setRotation(doc, 15, ctx);
    // On duty 20 minutes when 15 became the rule: due at that moment, overdue as the chart asks.
    expect(rotation()).toMatchObject({ label: 'Rotate Jo (after 15 min on duty)', dueAt: set.at, state: 'overdue' });
    expect(rotationDue(joNow(), chart().rotation, ctx.time)).toBe(true);
    releaseResponder(doc, jo, ctx);
    expect(rotation()).toBeUndefined();
  });

  it('computes cadences from the declaration, whatever the time now', () => {
    expect(nextOnCadence(0, 10, 0)).toBe(10);
    expect(nextOnCadence(0, 10, 9)).toBe(10);
    expect(nextOnCadence(0, 10, 10)).toBe(20);
    expect(nextOnCadence(100, 10, 50)).toBe(110);
  });

  it('drops a cancelled timer and everything once the incident has ended', () => {
    const { doc, ctx } = incident();
    const id = (startTimer(doc, { label: 'Vendor calls back', minutes: 45 }, ctx).plan as { timerId: string }).timerId;
    cancelTimer(doc, id, ctx);
    expect(timersBoard(projectionOf(doc).snapshot, ctx.time).some((t) => t.kind === 'custom')).toBe(false);
  });
});

describe('adopting entries of the timeline into the plan', () => {
  it('makes a logged action a task and a logged decision a proposal, each naming the entry it came from', () => {
    const { doc, ctx, jo, objective } = incident();
    const action = logEvent(doc, { kind: 'action', text: 'Paused the nightly batch jobs' }, ctx);
    const decision = logEvent(doc, { kind: 'decision', text: 'Fail over to the standby' }, ctx);
    const t = assignTask(doc, { objectiveId: objective, text: 'Keep the batch jobs paused', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 30, source: action.id }, ctx);
    expect(t.text).toBe('Task for Jo: Keep the batch jobs paused (timebox 30 min; from an action in the timeline).');
    const d = proposeDecision(doc, { text: 'Fail over to the standby', source: decision.id }, ctx);
    expect(d.text).toBe('Proposed (from a decision in the timeline): Fail over to the standby. Any strong objections?');
    expect(task(doc, taskId(t)).source).toBe(action.id);
    expect(plan(doc).decisions[0]).toMatchObject({ text: 'Fail over to the standby', source: decision.id });
    expect(plan(doc).adopted.get(action.id)).toEqual({ kind: 'task', id: taskId(t) });
    expect(plan(doc).adopted.get(decision.id)).toEqual({ kind: 'decision', id: (d.plan as { decisionId: string }).decisionId });
    // A plain proposal still takes its text alone, and names no entry.
    proposeDecision(doc, 'Page the storage vendor', ctx);
    expect(plan(doc).decisions[1]!.source).toBeNull();
  });

  it('adopts an entry once, only as the kind it was logged as, and never a struck one', () => {
    const { doc, ctx, jo, objective } = incident();
    const owner = { kind: 'person' as const, responderId: jo };
    const action = logEvent(doc, { kind: 'action', text: 'Paused the batch jobs' }, ctx);
    const note = logEvent(doc, { kind: 'note', text: 'Disk at 91%' }, ctx);
    const wrong = logEvent(doc, { kind: 'decision', text: 'Restart everything' }, ctx);
    assignTask(doc, { objectiveId: objective, text: 'Keep them paused', owner, timeboxMinutes: 10, source: action.id }, ctx);
    expect(refused(() => assignTask(doc, { objectiveId: objective, text: 'Again', owner, timeboxMinutes: 10, source: action.id }, ctx))).toBe('That entry is already in the plan, as a task.');
    expect(refused(() => assignTask(doc, { objectiveId: objective, text: 'A note', owner, timeboxMinutes: 10, source: note.id }, ctx))).toBe(
      'Only an action logged in the timeline can become a task this way.',
    );
    expect(refused(() => proposeDecision(doc, { text: 'x', source: action.id }, ctx))).toBe('Only a decision logged in the timeline can become a proposal this way.');
    expect(refused(() => proposeDecision(doc, { text: 'x', source: 'no-such-entry' }, ctx))).toBe('That entry is not in this timeline.');
    strikeEntry(doc, { eventId: wrong.id, reason: 'Logged by mistake' }, ctx);
    expect(refused(() => proposeDecision(doc, { text: 'Restart everything', source: wrong.id }, ctx))).toBe('That entry is struck through (Logged by mistake); it cannot go into the plan.');
    expect(plan(doc).objectives[0]!.tasks).toHaveLength(1);
  });

  it('keeps one adoption on every replica when two peers adopt the same entry at once', () => {
    const { doc, ctx } = incident();
    const decision = logEvent(doc, { kind: 'decision', text: 'Fail over to the standby' }, ctx);
    const other = new Y.Doc({ guid: doc.guid });
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const theirs = testContext('Bo', ctx.time + 1, 'bo');
    proposeDecision(doc, { text: 'Fail over', source: decision.id }, ctx);
    proposeDecision(other, { text: 'Fail over now', source: decision.id }, theirs);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    for (const replica of [doc, other]) {
      expect(plan(replica).decisions.map((d) => d.text)).toEqual(['Fail over']);
      expect(plan(replica).refused.size).toBe(1);
    }
  });

  it('drops a stored change whose source is not an entry id, as malformed', () => {
    const base = { id: 'x', at: 1, loggedAt: 1, author: 'Ada', text: 't', kind: 'plan' };
    expect(isTimelineEvent({ ...base, plan: { change: 'decision-propose', decisionId: 'd1', text: 'Fail over' } })).toBe(true);
    expect(isTimelineEvent({ ...base, plan: { change: 'decision-propose', decisionId: 'd1', text: 'Fail over', source: 'ev-1' } })).toBe(true);
    for (const source of [42, '', 'x'.repeat(65), null]) {
      expect(isTimelineEvent({ ...base, plan: { change: 'decision-propose', decisionId: 'd1', text: 'Fail over', source } })).toBe(false);
    }
    const task = { change: 'task-add', taskId: 't1', objectiveId: 'o1', text: 'Check', owner: { kind: 'role', roleId: 'ic' }, timeboxMinutes: 5 };
    expect(isTimelineEvent({ ...base, plan: { ...task, source: { id: 'ev-1' } } })).toBe(false);
  });
});
