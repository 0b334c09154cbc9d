import { describe, expect, it } from 'vitest';
import {
  acceptHandover,
  addObjective,
  addRole,
  assignTask,
  checkIn,
  createIncidentDoc,
  declareIncident,
  editEntry,
  IC_ROLE_ID,
  logEvent,
  offerHandover,
  projectionOf,
  reassignTask,
  releaseResponder,
  setTaskStatus,
  strikeEntry,
  type OrgEvent,
  type PlanEvent,
} from '../../../src/shared/incident';
import { activityLog } from '../../../src/shared/views/activity-log';
import { authorRoles, NO_ROLE, STAGING } from '../../../src/shared/views/author-roles';
import { MINUTE, T0, testContext } from '../harness/context';

/**
 * Ada declares (IC). Jo checks in, becomes Scribe, logs, gets a task, is
 * handed command, hands a task on and is released later by the new IC.
 */
function story() {
  const doc = createIncidentDoc('incident-1');
  const ada = testContext('Ada', T0, 'ada');
  const jo = testContext('Jo', T0, 'jo');
  const step = () => {
    ada.advance(MINUTE);
    jo.time = ada.time;
  };
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-2', synopsis: 'Checkout fails' }, ada);
  step();
  const joId = (checkIn(doc, { name: 'Jo', skills: 'DBA, Postgres', contact: '+1 555 0100' }, ada).org as { responderId: string }).responderId;
  const boId = (checkIn(doc, { name: 'Bo', skills: 'Network' }, ada).org as { responderId: string }).responderId;
  step();
  const scribe = (addRole(doc, { role: { kind: 'scribe' }, holderId: joId }, ada).org as { roleId: string }).roleId;
  step();
  const first = logEvent(doc, { kind: 'note', text: 'Replication lag 40 s' }, jo);
  const wrong = logEvent(doc, { kind: 'action', text: 'Restarted the wrong pooler' }, jo);
  const objective = (addObjective(doc, 'Restore writes', ada).plan as { objectiveId: string }).objectiveId;
  const task = assignTask(doc, { objectiveId: objective, text: 'Check replication lag', owner: { kind: 'person', responderId: joId }, timeboxMinutes: 10 }, ada) as PlanEvent;
  const taskId = (task.plan as { taskId: string }).taskId;
  const other = assignTask(doc, { objectiveId: objective, text: 'Page the vendor', owner: { kind: 'person', responderId: joId }, timeboxMinutes: 5 }, ada) as PlanEvent;
  const otherId = (other.plan as { taskId: string }).taskId;
  step();
  editEntry(doc, { eventId: first.id, text: 'Replication lag 45 s' }, jo);
  strikeEntry(doc, { eventId: wrong.id, reason: 'Never happened; misheard' }, jo);
  setTaskStatus(doc, { taskId, status: 'done', note: 'Lag back under 1 s' }, jo);
  step();
  const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: joId, briefing: 'Situation: …' }, ada) as OrgEvent;
  step();
  acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, jo);
  step();
  reassignTask(doc, { taskId: otherId, owner: { kind: 'person', responderId: boId }, timeboxMinutes: 5 }, jo);
  step();
  logEvent(doc, { kind: 'decision', text: 'Fail over to the replica' }, ada);
  return { doc, ada, jo, joId, boId, scribe, first, wrong, taskId, otherId };
}

describe("a responder's activity log (ICS 214)", () => {
  it('heads it with the incident, the period and who they are; lists roles with their times', () => {
    const { doc, joId, ada } = story();
    const snapshot = projectionOf(doc).snapshot;
    const log = activityLog(snapshot, { responderId: joId })!;
    expect(log).toMatchObject({ incidentName: '26-Bravo', name: 'Jo', skills: 'DBA, Postgres', contact: '+1 555 0100', from: T0 + MINUTE, to: null });
    expect(log.roles.map((r) => [r.title, r.from - T0, r.to === null ? null : r.to - T0])).toEqual([
      ['Scribe', 2 * MINUTE, null],
      ['Incident Commander', 6 * MINUTE, null],
    ]);
    expect(log.positions).toEqual(['Scribe', 'Incident Commander']);

    // Ada held command from the declaration until the handover.
    const adaLog = activityLog(snapshot, { name: ' ada ' })!;
    expect(adaLog.roles.map((r) => [r.title, r.from - T0, r.to === null ? null : r.to - T0])).toEqual([['Incident Commander', 0, 6 * MINUTE]]);
    expect(adaLog.entries[0]!.text).toMatch(/26-Bravo declared/);

    // Released by the new IC: the period ends at the release.
    ada.advance(MINUTE);
    const bo = snapshot.org!.responders.find((r) => r.name === 'Bo')!;
    releaseResponder(doc, bo.id, testContext('Jo', ada.time, 'jo2'));
    const boLog = activityLog(projectionOf(doc).snapshot, { responderId: bo.id })!;
    expect(boLog.to).toBe(ada.time);
  });

  it('lists the tasks they owned and how each ended, and every entry that concerns them, in time order', () => {
    const { doc, joId, taskId, otherId, first, wrong } = story();
    const log = activityLog(projectionOf(doc).snapshot, { responderId: joId })!;
    expect(log.tasks).toEqual([
      expect.objectContaining({ id: taskId, text: 'Check replication lag', objective: 'Restore writes', status: 'done', note: 'Lag back under 1 s', to: null }),
      expect.objectContaining({ id: otherId, text: 'Page the vendor', status: 'open', to: T0 + 7 * MINUTE }),
    ]);
    const texts = log.entries.map((e) => e.text);
    expect(texts[0]).toBe('Jo checked in (DBA, Postgres; reach at +1 555 0100).');
    expect(texts).toContain('Jo assigned as Scribe, reporting to Ada (Incident Commander).');
    // Their own entries as they read now: edited text, the struck one still there, marked.
    expect(log.entries.find((e) => e.id === first.id)).toMatchObject({ text: 'Replication lag 45 s', own: true, edited: true });
    expect(log.entries.find((e) => e.id === wrong.id)!.struck?.reason).toBe('Never happened; misheard');
    expect(texts.some((t) => /Jo is now the Incident Commander|handover/i.test(t))).toBe(true);
    // Someone else's entry that does not concern them is not in it.
    expect(texts).not.toContain('Fail over to the replica');
    const times = log.entries.map((e) => e.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('works for an author who never checked in: their entries, no roles', () => {
    const { doc, ada } = story();
    logEvent(doc, { kind: 'note', text: 'Watching from the NOC' }, { ...ada, actor: 'Visitor' });
    const log = activityLog(projectionOf(doc).snapshot, { name: 'Visitor' })!;
    expect(log.roles).toEqual([]);
    expect(log.entries.map((e) => e.text)).toEqual(['Watching from the NOC']);
    expect(log.from).toBe(ada.time);
    expect(activityLog(projectionOf(doc).snapshot, { responderId: 'nobody' })).toBeNull();
  });
});

describe('the role an author held when an entry happened', () => {
  it('follows the org chart through time', () => {
    const { doc, first } = story();
    const snapshot = projectionOf(doc).snapshot;
    const roles = authorRoles(snapshot.timeline);
    const declared = snapshot.timeline.at(0)!;
    expect(roles.byEvent.get(declared.id)).toEqual(['Incident Commander']);
    // Jo logged as Scribe, before taking command.
    expect(roles.byEvent.get(first.id)).toEqual(['Scribe']);
    // Ada's decision after handing over command: she holds no role but is still on duty.
    const decision = snapshot.timeline.find((e) => e.text === 'Fail over to the replica')!;
    expect(roles.byEvent.get(decision.id)).toEqual([STAGING]);
    expect(roles.labels).toEqual(['Incident Commander', 'Scribe', STAGING]);
    expect(authorRoles(snapshot.timeline)).toBe(roles);
  });

  it('says when the author holds no incident role', () => {
    const doc = createIncidentDoc('incident-2');
    const ctx = testContext('Ada');
    declareIncident(doc, { name: '26-Echo', severity: 'SEV-3', synopsis: 'x' }, ctx);
    const note = logEvent(doc, { kind: 'note', text: 'hello' }, { ...ctx, actor: 'Stranger' });
    expect(authorRoles(projectionOf(doc).snapshot.timeline).byEvent.get(note.id)).toEqual([NO_ROLE]);
  });
});
