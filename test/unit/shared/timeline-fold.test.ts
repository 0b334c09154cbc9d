import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addObjective,
  addRole,
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
  releaseResponder,
  sendUpdate,
  setTaskStatus,
  startTimer,
  strikeEntry,
  type IncidentSnapshot,
  type TimelineEvent,
} from '../../../src/shared/incident';
import { authorRoles, computeAuthorRoles, NO_ROLE } from '../../../src/shared/views/author-roles';
import { computeDeadlineHistory, deadlineHistory } from '../../../src/shared/views/expiries';
import { computeOrgWatch, orgWatchHistory } from '../../../src/shared/views/org-watch';
import { Rng } from '../harness/random';
import { memoizedFold } from '../../../src/shared/views/timeline-fold';
import { Sequence } from '../../../src/shared/sequence';
import { authorsOf } from '../../../src/renderer/features/timeline/filter';
import { MINUTE, T0, testContext } from '../harness/context';

/** Every entry's roles, as a plain object, for comparing two answers. */
function rolesOf(timeline: Sequence<TimelineEvent>, roles = authorRoles(timeline)) {
  return { labels: roles.labels, byEvent: Object.fromEntries(timeline.map((e) => [e.id, roles.byEvent.get(e.id)])) };
}

/** The memoized answers equal the ones folded from the start. */
function expectSameAsFromScratch(snapshot: IncidentSnapshot) {
  expect(deadlineHistory(snapshot)).toEqual(computeDeadlineHistory(snapshot));
  expect(orgWatchHistory(snapshot)).toEqual(computeOrgWatch(snapshot.timeline));
  expect(rolesOf(snapshot.timeline)).toEqual(rolesOf(snapshot.timeline, computeAuthorRoles(snapshot.timeline)));
  // The same people; a newcomer whose entry arrived late is listed where it was first seen.
  expect([...authorsOf(snapshot.timeline)].sort()).toEqual([...new Set(snapshot.timeline.filter((e) => e.kind !== 'amend').map((e) => e.author))].sort());
}

describe('folds over the timeline that go on as it grows', () => {
  it('takes only the appended events, starts over otherwise, and answers the same timeline from memory', () => {
    const taken: string[] = [];
    let starts = 0;
    const ids = memoizedFold({
      timelineOf: (t: Sequence<TimelineEvent>) => t,
      start: () => {
        starts++;
        const seen: string[] = [];
        return {
          add: (e) => {
            taken.push(e.id);
            seen.push(e.id);
          },
          result: () => seen.join(','),
        };
      },
      resumesAfter: (e) => e.kind !== 'amend',
    });
    const ev = (id: string, kind = 'note') => ({ id, kind }) as unknown as TimelineEvent;
    const one = Sequence.from([ev('a'), ev('b')]);
    const two = one.appended([ev('c')]);
    expect(ids(one)).toBe('a,b');
    expect(ids(two)).toBe('a,b,c');
    expect(taken).toEqual(['a', 'b', 'c']);
    // Asked again, the earlier timeline's answer has not changed.
    expect(ids(one)).toBe('a,b');
    expect(taken).toHaveLength(3);
    // Not an extension of the last one folded: from the start.
    const other = Sequence.from([ev('a'), ev('x'), ev('b')]);
    expect(ids(other)).toBe('a,x,b');
    expect(starts).toBe(2);
    // An appended event it cannot resume after: from the start as well.
    expect(ids(other.appended([ev('s', 'amend')]))).toBe('a,x,b,s');
    expect(starts).toBe(3);
    // An event sorting before the last, to a fold without insert(): from the start.
    const byId = (a: TimelineEvent, b: TimelineEvent) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const sorted = Sequence.from([ev('a'), ev('c')]);
    expect(ids(sorted)).toBe('a,c');
    expect(ids(sorted.inserted([ev('b')], byId))).toBe('a,b,c');
    expect(starts).toBe(5);
  });

  it('gives the same deadlines, roles and authors as a fold from the start, after every change of an incident', () => {
    const doc = createIncidentDoc('incident-fold');
    const ada = testContext('Ada', T0, 'ada');
    const jo = testContext('Jo', T0, 'jo');
    const tick = (minutes: number) => {
      ada.advance(minutes * MINUTE);
      jo.time = ada.time;
    };
    const check = () => expectSameAsFromScratch(projectionOf(doc).snapshot);

    declareIncident(doc, { name: '26-Fold', severity: 'SEV-2', synopsis: 'Writes fail' }, ada);
    check();
    const joId = (checkIn(doc, { name: 'Jo' }, ada).org as { responderId: string }).responderId;
    check();
    logEvent(doc, { kind: 'note', text: 'Jo in staging' }, jo);
    check();
    addRole(doc, { role: { kind: 'scribe' }, holderId: joId }, ada);
    logEvent(doc, { kind: 'note', text: 'Jo as Scribe' }, jo);
    check();
    logEvent(doc, { kind: 'note', text: 'From the NOC' }, { ...ada, actor: 'Visitor' });
    check();
    const objective = (addObjective(doc, 'Restore writes', ada).plan as { objectiveId: string }).objectiveId;
    const task = assignTask(doc, { objectiveId: objective, text: 'Check lag', owner: { kind: 'person', responderId: joId }, timeboxMinutes: 5 }, ada);
    const taskId = (task.plan as { taskId: string }).taskId;
    check();
    tick(40);
    // The timebox ran out and the status update fell overdue meanwhile.
    const status = logEvent(doc, { kind: 'status', text: 'Investigating' }, ada);
    check();
    extendTask(doc, { taskId, minutes: 10 }, ada);
    const timer = startTimer(doc, { label: 'Vendor page', minutes: 15 }, ada);
    startTimer(doc, { label: 'Recheck', minutes: 5 }, ada);
    check();
    tick(20);
    cancelTimer(doc, (timer.plan as { timerId: string }).timerId, ada);
    setTaskStatus(doc, { taskId, status: 'done' }, jo);
    check();
    // Striking the status change makes it never given: the fold must replay, not go on.
    strikeEntry(doc, { eventId: status.id, reason: 'Posted to the wrong page' }, ada);
    check();
    expect(deadlineHistory(projectionOf(doc).snapshot).filter((e) => e.kind === 'status-update').map((e) => e.at - T0)).toEqual([30 * MINUTE]);
    changeSeverity(doc, { to: 'SEV-1' }, ada);
    sendUpdate(doc, { audience: 'internal', template: 'update', body: 'Failing over; next update in 15 minutes.', nextUpdateMinutes: 15 }, ada);
    check();
    releaseResponder(doc, joId, ada);
    logEvent(doc, { kind: 'note', text: 'Jo, released' }, jo);
    check();
    tick(5);
    declareEnd(doc, {}, ada);
    check();
  });

  it('never changes an answer already given as the log grows', () => {
    const doc = createIncidentDoc('incident-kept');
    const ctx = testContext('Ada');
    declareIncident(doc, { name: '26-Kept', severity: 'SEV-2', synopsis: 'x' }, ctx);
    const before = projectionOf(doc).snapshot.timeline;
    const roles = authorRoles(before);
    const authors = authorsOf(before);
    const note = logEvent(doc, { kind: 'note', text: 'hello' }, { ...ctx, actor: 'Stranger' });
    const after = projectionOf(doc).snapshot.timeline;
    expect(authorRoles(after).byEvent.get(note.id)).toEqual([NO_ROLE]);
    expect(authorsOf(after)).toEqual(['Ada', 'Stranger']);
    // The earlier answers stand as they were: the new entry is not in them.
    expect(roles.byEvent.get(note.id)).toBeUndefined();
    expect(roles.labels).toEqual(['Incident Commander']);
    expect(authors).toEqual(['Ada']);
    // Nobody new: the same list, so the view showing it need not render again.
    logEvent(doc, { kind: 'note', text: 'again' }, ctx);
    expect(authorsOf(projectionOf(doc).snapshot.timeline)).toBe(authorsOf(after));
    expect(authorRoles(projectionOf(doc).snapshot.timeline).labels).toBe(authorRoles(after).labels);
  });

  it('gives the same deadlines for the same history, as one array while nothing in it changed', () => {
    const doc = createIncidentDoc('incident-same');
    const ctx = testContext('Ada');
    declareIncident(doc, { name: '26-Same', severity: 'SEV-2', synopsis: 'x' }, ctx);
    const first = deadlineHistory(projectionOf(doc).snapshot);
    // A note changes no deadline: the status update still falls due at 30 minutes.
    logEvent(doc, { kind: 'note', text: 'Looking' }, ctx);
    expect(deadlineHistory(projectionOf(doc).snapshot)).toBe(first);
    ctx.advance(10 * MINUTE);
    logEvent(doc, { kind: 'status', text: 'Investigating' }, ctx);
    const later = deadlineHistory(projectionOf(doc).snapshot);
    expect(later).not.toBe(first);
    expect(later.map((e) => e.at - T0)).toEqual([40 * MINUTE]);
    expect(first.map((e) => e.at - T0)).toEqual([30 * MINUTE]);
  });

  it('folds again from the start when a peer’s earlier event lands in the middle of the log', () => {
    const doc = createIncidentDoc('incident-peer');
    const ada = testContext('Ada', T0, 'ada');
    declareIncident(doc, { name: '26-Peer', severity: 'SEV-2', synopsis: 'x' }, ada);
    const peer = createIncidentDoc(doc.guid);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const bo = testContext('Bo', T0 + 5 * MINUTE, 'bo');
    ada.advance(20 * MINUTE);
    logEvent(doc, { kind: 'note', text: 'Later, here' }, ada);
    // The derived answers are up to date with this replica's log…
    expectSameAsFromScratch(projectionOf(doc).snapshot);
    const before = projectionOf(doc).snapshot.timeline;
    // …then the peer's status change, logged earlier, arrives.
    logEvent(peer, { kind: 'status', text: 'Investigating' }, bo);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
    const snapshot = projectionOf(doc).snapshot;
    expect(snapshot.timeline.map((e) => e.author)).toEqual(['Ada', 'Bo', 'Ada']);
    expect(snapshot.timeline.changesSince(before)?.atEnd).toBe(false);
    expectSameAsFromScratch(snapshot);
    expect(deadlineHistory(snapshot).map((e) => e.at - T0)).toEqual([35 * MINUTE]);
    expect(authorsOf(snapshot.timeline)).toEqual(['Ada', 'Bo']);
  });

  it('takes a backdated entry without folding again, giving its author the roles held at its time', () => {
    const doc = createIncidentDoc('incident-backdated');
    const dana = testContext('Dana', T0, 'd');
    declareIncident(doc, { name: '26-Late', severity: 'SEV-2', synopsis: 'x' }, dana);
    const jo = (checkIn(doc, { name: 'Jo' }, dana).org as { responderId: string }).responderId;
    dana.advance(10 * MINUTE);
    addRole(doc, { role: { kind: 'scribe' }, holderId: jo }, dana);
    dana.advance(10 * MINUTE);
    logEvent(doc, { kind: 'note', text: 'Now' }, { ...dana, actor: 'Jo' });
    const before = projectionOf(doc).snapshot;
    const labels = authorRoles(before.timeline).labels;
    const history = deadlineHistory(before);
    orgWatchHistory(before);
    // Jo remembers something from before they were Scribe.
    const late = logEvent(doc, { kind: 'note', text: 'Earlier', at: T0 + 5 * MINUTE }, { ...dana, actor: 'Jo' });
    const after = projectionOf(doc).snapshot;
    expect(after.timeline.changesSince(before.timeline)?.atEnd).toBe(false);
    expect(authorRoles(after.timeline).byEvent.get(late.id)).toEqual(['Staging']);
    expect(authorRoles(after.timeline).labels).toEqual([...labels, 'Staging']);
    // The same folds went on (one started over gives new arrays), with the answers they would give from scratch.
    expect(deadlineHistory(after)).toBe(history);
    expectSameAsFromScratch(after);
    const again = logEvent(doc, { kind: 'note', text: 'Earlier still', at: T0 + 4 * MINUTE }, { ...dana, actor: 'Jo' });
    const last = projectionOf(doc).snapshot;
    expect(authorRoles(last.timeline).labels).toBe(authorRoles(after.timeline).labels);
    expect(authorRoles(last.timeline).byEvent.get(again.id)).toEqual(['Staging']);
    expectSameAsFromScratch(last);
  });

  it('answers as folding from the start would, over random logs with backdated and late entries', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = new Rng(seed);
      const doc = createIncidentDoc(`incident-random-${seed}`);
      const peer = createIncidentDoc(doc.guid);
      const dana = testContext('Dana', T0, `d${seed}-`);
      const bo = testContext('Bo', T0, `b${seed}-`);
      declareIncident(doc, { name: '26-Random', severity: 'SEV-2', synopsis: 'x' }, dana);
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
      const people: string[] = [];
      for (let step = 0; step < 60; step++) {
        dana.advance(rng.between(0, 4) * MINUTE);
        bo.time = dana.time - rng.int(20) * MINUTE;
        const roll = rng.next();
        const snapshot = projectionOf(doc).snapshot;
        try {
          if (roll < 0.45) {
            const back = rng.chance(0.4) ? rng.int(Math.max(1, dana.time - T0)) : 0;
            logEvent(doc, { kind: rng.pick(['note', 'decision', 'action', 'status'] as const), text: `s${step}`, at: dana.time - back }, { ...dana, actor: rng.pick(['Dana', 'Jo', 'Kim']) });
          } else if (roll < 0.6) {
            // A peer's entries, logged earlier, arrive now.
            logEvent(peer, { kind: 'note', text: `peer ${step}` }, bo);
            Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
          } else if (roll < 0.72) {
            const id = (checkIn(doc, { name: rng.pick(['Jo', 'Kim', 'Lee']) }, dana).org as { responderId: string }).responderId;
            people.push(id);
          } else if (roll < 0.82 && people.length) {
            addRole(doc, { role: { kind: rng.pick(['scribe', 'internal-liaison'] as const) }, holderId: rng.pick(people) }, dana);
          } else if (roll < 0.9) {
            changeSeverity(doc, { to: rng.pick(['SEV-1', 'SEV-2', 'SEV-3'] as const) }, dana);
          } else {
            startTimer(doc, { label: `t${step}`, minutes: rng.between(1, 10) }, dana);
          }
        } catch {
          // A command the incident refuses (a role already held): nothing was logged.
        }
        // Asked after every change, as the view does, so the folds go on from the last answer.
        const now = projectionOf(doc).snapshot;
        if (now !== snapshot) {
          deadlineHistory(now);
          orgWatchHistory(now);
          authorRoles(now.timeline);
          authorsOf(now.timeline);
        }
        if (step % 10 === 9) expectSameAsFromScratch(now);
      }
      expectSameAsFromScratch(projectionOf(doc).snapshot);
    }
  });
});
