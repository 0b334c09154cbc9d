import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CORE_SCHEMA_VERSION,
  CREDIT_SCHEMA_VERSION,
  IC_ROLE_ID,
  acceptHandover,
  addRole,
  byline,
  checkIn,
  createIncidentDoc,
  declareEnd,
  declareIncident,
  isTimelineEvent,
  logEvent,
  metaOf,
  offerHandover,
  projectionOf,
  proposeDecision,
  releaseResponder,
  timelineOf,
  type Attribution,
  type CommandContext,
  type OrgEvent,
} from '../../../src/shared/incident';
import { activityLog } from '../../../src/shared/views/activity-log';
import { authorRoles } from '../../../src/shared/views/author-roles';
import { postmortemFacts } from '../../../src/shared/report/postmortem-facts';
import { activityLogCsv } from '../../../src/shared/report/ics214';
import { declaredIncident } from '../harness/incident';
import { refused } from '../harness/refused';
import { MINUTE, testContext } from '../harness/context';

/** The same person at the keyboard, logging for someone else. */
const forWhom = (ctx: CommandContext, onBehalfOf: Attribution | null): CommandContext => ({ ...ctx, onBehalfOf });
const responderId = (e: OrgEvent) => (e.org as { responderId: string }).responderId;
const snapshot = (doc: Y.Doc) => projectionOf(doc).snapshot;

/** Ada declares and is IC; Dana checks in as Scribe and types for everyone. */
function warRoom() {
  const { doc, ctx: ada } = declaredIncident('Ada');
  const dana = testContext('Dana', ada.time + MINUTE, 'dana');
  const danaId = responderId(checkIn(doc, { name: 'Dana' }, ada));
  addRole(doc, { role: { kind: 'scribe' }, holderId: danaId }, ada);
  const boId = responderId(checkIn(doc, { name: 'Bo', skills: 'DBA' }, ada));
  return { doc, ada, dana, danaId, boId };
}

describe('logged by, and for', () => {
  it('keeps who typed an entry and whom it is for: a role is its holder at that moment', () => {
    const { doc, dana } = warRoom();
    const event = logEvent(doc, { kind: 'decision', text: 'Fail over to the standby' }, forWhom(dana, { role: IC_ROLE_ID }));
    expect(event).toMatchObject({ author: 'Dana', for: { name: 'Ada', role: 'IC' } });
    expect(byline(event)).toBe('Ada (IC), logged by Dana');
    // An older version would credit Dana with it (and fold another chart): it must show this doc read-only.
    expect(metaOf(doc).get('schemaVersion')).toBe(CREDIT_SCHEMA_VERSION);
  });

  it('follows the role to its next holder, and leaves the entries before with the one who held it then', () => {
    const { doc, ada, dana, boId } = warRoom();
    const before = logEvent(doc, { kind: 'note', text: 'Paging the DBA' }, forWhom(dana, { role: IC_ROLE_ID }));
    ada.advance(5 * MINUTE);
    dana.advance(10 * MINUTE);
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: boId, briefing: 'Situation: primary DB down' }, ada);
    acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, testContext('Bo', ada.time, 'bo'));
    const after = logEvent(doc, { kind: 'decision', text: 'Restore from the snapshot' }, forWhom(dana, { role: IC_ROLE_ID }));
    expect(before.for).toEqual({ name: 'Ada', role: 'IC' });
    expect(after.for).toEqual({ name: 'Bo', role: 'IC' });
    // Ada's entry stays Ada's in the role filter: "what did whoever was IC decide" finds both.
    const roles = authorRoles(snapshot(doc).timeline);
    expect(roles.byEvent.get(before.id)).toContain('Incident Commander');
    expect(roles.byEvent.get(after.id)).toContain('Incident Commander');
  });

  it('records nothing extra when the entry is for the person typing, and keeps a plain doc at its version', () => {
    const { doc, dana, danaId } = warRoom();
    const scribeRole = snapshot(doc).org!.roles.find((r) => r.holderId === danaId)!.id;
    const event = logEvent(doc, { kind: 'note', text: 'Timeline started' }, forWhom(dana, { role: scribeRole }));
    expect(event.for).toBeUndefined();
    expect(logEvent(doc, { kind: 'note', text: 'Mine' }, forWhom(dana, { person: ' dana ' })).for).toBeUndefined();
    expect(metaOf(doc).get('schemaVersion')).toBe(CORE_SCHEMA_VERSION);
  });

  it('credits a person by name, with the role they hold, or by the name alone when they are not on the chart', () => {
    const { doc, dana } = warRoom();
    expect(logEvent(doc, { kind: 'note', text: 'On the bridge' }, forWhom(dana, { person: 'ada' })).for).toEqual({ name: 'Ada', role: 'IC' });
    expect(logEvent(doc, { kind: 'note', text: 'Checking lag' }, forWhom(dana, { person: 'Bo' })).for).toEqual({ name: 'Bo' });
    expect(logEvent(doc, { kind: 'note', text: 'Facilities say power is back' }, forWhom(dana, { person: 'Site Manager Ito' })).for).toEqual({ name: 'Site Manager Ito' });
  });

  it('refuses a role nobody holds, a role not in the incident and a blank or overlong name, and writes nothing', () => {
    const { doc, ada, dana } = warRoom();
    const comms = (addRole(doc, { role: { kind: 'comms-lead' } }, ada).org as { roleId: string }).roleId;
    const count = timelineOf(doc).length;
    expect(refused(() => logEvent(doc, { kind: 'note', text: 'x' }, forWhom(dana, { role: comms })))).toMatch(/^Nobody holds Comms Lead now/);
    expect(refused(() => logEvent(doc, { kind: 'note', text: 'x' }, forWhom(dana, { role: 'gone' })))).toMatch(/^That role is not part of this incident/);
    expect(refused(() => logEvent(doc, { kind: 'note', text: 'x' }, forWhom(dana, { person: '   ' })))).toBe('The name of whom it is for is required.');
    expect(refused(() => logEvent(doc, { kind: 'note', text: 'x' }, forWhom(dana, { person: 'x'.repeat(81) })))).toMatch(/at most 80 characters/);
    expect(timelineOf(doc).length).toBe(count);
  });

  it('declares for someone else: they are the IC, and the declaration says who typed it', () => {
    const doc = createIncidentDoc('incident-2');
    const dana = testContext('Dana');
    const declared = declareIncident(doc, { name: '26-Delta', severity: 'SEV-1', synopsis: 'Power lost in hall B' }, forWhom(dana, { person: 'Sue Park' }));
    expect(declared).toMatchObject({ author: 'Dana', for: { name: 'Sue Park' } });
    const { header, org } = snapshot(doc);
    expect(header?.declaredBy).toBe('Sue Park');
    expect(org?.responders.find((r) => r.id === org.icId)?.name).toBe('Sue Park');
    expect(metaOf(doc).get('schemaVersion')).toBe(CREDIT_SCHEMA_VERSION);
    // Before the declaration nobody holds a role: "for the IC" cannot be resolved yet.
    expect(refused(() => declareIncident(createIncidentDoc('incident-3'), { name: '26-Echo', severity: 'SEV-2', synopsis: 'x' }, forWhom(dana, { role: IC_ROLE_ID })))).toMatch(
      /^That role is not part of this incident/,
    );
  });

  it('hands over, releases, proposes and ends for the IC: each is the IC’s act in the record', () => {
    const { doc, dana, boId } = warRoom();
    const asIc = forWhom(dana, { role: IC_ROLE_ID });
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: boId, briefing: 'Situation: primary DB down' }, asIc);
    expect(snapshot(doc).org!.handovers[0]).toMatchObject({ offeredBy: 'Ada' });
    expect(offer.for).toEqual({ name: 'Ada', role: 'IC' });
    proposeDecision(doc, 'Fail over to the standby', asIc);
    expect(snapshot(doc).plan!.decisions[0]).toMatchObject({ proposedBy: 'Ada' });
    expect(releaseResponder(doc, boId, asIc).for?.name).toBe('Ada');
    const ended = declareEnd(doc, { summary: 'Power restored' }, asIc);
    expect(byline(ended)).toBe('Ada (IC), logged by Dana');
    expect(snapshot(doc).header?.endedBy).toBe('Ada');
  });

  it('counts entries for the person they are for in the activity logs, the ICS 214 and the postmortem', () => {
    const { doc, dana } = warRoom();
    for (const text of ['Fail over', 'Page the network team', 'Freeze deploys']) logEvent(doc, { kind: 'decision', text }, forWhom(dana, { role: IC_ROLE_ID }));
    logEvent(doc, { kind: 'note', text: 'Bo reports lag at 30 s' }, forWhom(dana, { person: 'Bo' }));
    const snap = snapshot(doc);
    const ada = activityLog(snap, { name: 'Ada' })!;
    expect(ada.entries.filter((e) => e.own && e.kind === 'decision').map((e) => e.author)).toEqual(Array(3).fill('Ada (IC), logged by Dana'));
    const danaLog = activityLog(snap, { name: 'Dana' })!;
    expect(danaLog.entries.some((e) => e.own && e.kind === 'decision')).toBe(false);
    const facts = postmortemFacts(snap, dana.time);
    const entriesOf = (name: string) => facts.responders.find((r) => r.name === name)?.entries;
    expect(entriesOf('Ada')).toBeGreaterThanOrEqual(3);
    expect(entriesOf('Bo')).toBe(1);
    expect(facts.timeline.filter((t) => t.author === 'Ada (IC), logged by Dana')).toHaveLength(3);
    const csv = activityLogCsv(snap, { exportedBy: 'Dana', exportedAt: dana.time });
    expect(csv.split('\n').filter((line) => line.startsWith('26-Bravo') && line.includes('Fail over') && line.includes(',Ada,'))).toHaveLength(1);
  });

  it('drops an event whose credit a hostile peer malformed, as it drops any malformed event', () => {
    const base = { id: 'e1', kind: 'note', at: 1, loggedAt: 1, author: 'Dana', text: 'x' };
    expect(isTimelineEvent({ ...base, for: { name: 'Ada', role: 'IC' } })).toBe(true);
    expect(isTimelineEvent({ ...base, for: 'Ada' })).toBe(false);
    expect(isTimelineEvent({ ...base, for: { name: '' } })).toBe(false);
    expect(isTimelineEvent({ ...base, for: { name: 'x'.repeat(81) } })).toBe(false);
    expect(isTimelineEvent({ ...base, for: { name: 'Ada', role: 7 } })).toBe(false);
    expect(isTimelineEvent({ ...base, for: null })).toBe(false);
  });
});
