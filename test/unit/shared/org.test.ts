import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  IC_ROLE_ID,
  acceptHandover,
  addRole,
  assignRole,
  cancelHandover,
  checkIn,
  checkInAgain,
  createIncidentDoc,
  declareEnd,
  icAnnouncement,
  markBriefed,
  metaOf,
  moveRole,
  offerHandover,
  projectionOf,
  releaseResponder,
  removeRole,
  setRotation,
  tickChecklist,
  vacateRole,
  CORE_SCHEMA_VERSION,
  SCHEMA_VERSION,
  type OrgEvent,
} from '../../../src/shared/incident';
import { SHORT_ROTATION_SCHEMA_VERSION } from '../../../src/shared/incident/org-schema';
import { incidentRolesOf, rotationDue, rotationDueAt, type OrgChart } from '../../../src/shared/incident/org-chart';
import { draftBriefing } from '../../../src/shared/views/briefing';
import { logEvent } from '../../../src/shared/incident';
import { declaredIncident } from '../harness/incident';
import { refused } from '../harness/refused';
import { MINUTE, testContext, type TestContext } from '../harness/context';

const chart = (doc: Y.Doc): OrgChart => projectionOf(doc).snapshot.org!;
const responderId = (e: OrgEvent) => (e.org as { responderId: string }).responderId;
const roleId = (e: OrgEvent) => (e.org as { roleId: string }).roleId;
const person = (doc: Y.Doc, name: string) => chart(doc).responders.find((r) => r.name === name)!;
const role = (doc: Y.Doc, title: string) => chart(doc).roles.find((r) => r.title === title)!;
const byName = (doc: Y.Doc, id: string | null) => chart(doc).responders.find((r) => r.id === id)?.name ?? null;

describe('the org chart', () => {
  it('starts with the declarer as IC, holding every role until it is delegated', () => {
    const { doc } = declaredIncident();
    const org = chart(doc);
    expect(org.roles).toHaveLength(1);
    expect(org.roles[0]).toMatchObject({ id: IC_ROLE_ID, title: 'Incident Commander', holderId: org.icId });
    expect(byName(doc, org.icId)).toBe('Ada');
    expect(person(doc, 'Ada')).toMatchObject({ status: 'assigned', isIc: true, bossId: null });
  });

  it('checks responders in to staging, with how to reach them and their skills, and logs it', () => {
    const { doc, ctx } = declaredIncident();
    ctx.advance(MINUTE);
    const event = checkIn(doc, { name: ' Bo ', contact: '+1 555 0100', skills: 'DBA, Postgres' }, ctx);
    expect(event.text).toBe('Bo checked in (DBA, Postgres; reach at +1 555 0100).');
    expect(person(doc, 'Bo')).toMatchObject({ status: 'staging', briefed: false, contact: '+1 555 0100', skills: 'DBA, Postgres', bossId: null });
    expect(refused(() => checkIn(doc, { name: 'bo' }, ctx))).toBe('Bo is already checked in.');
    markBriefed(doc, responderId(event), ctx);
    expect(person(doc, 'Bo').briefed).toBe(true);
    expect(metaOf(doc).get('schemaVersion')).toBe(CORE_SCHEMA_VERSION);
  });

  it('assigns roles under the IC or a lead, showing people by their incident role', () => {
    const { doc, ctx } = declaredIncident();
    const bo = responderId(checkIn(doc, { name: 'Bo', skills: 'SRE' }, ctx));
    const cy = responderId(checkIn(doc, { name: 'Cy', skills: 'DBA' }, ctx));
    const tl = roleId(addRole(doc, { role: { kind: 'tech-lead' }, holderId: bo }, ctx));
    const e = addRole(doc, { role: { kind: 'sme', area: 'Database', parentId: tl }, holderId: cy }, ctx);
    // Issue 16: an assignment names whom the person reports to, not only the role above.
    expect(e.text).toBe('Cy assigned as Database SME, reporting to Bo (Tech Lead).');
    expect(chart(doc).roles.map((r) => [r.title, r.depth, byName(doc, r.holderId)])).toEqual([
      ['Incident Commander', 0, 'Ada'],
      ['Tech Lead', 1, 'Bo'],
      ['Database SME', 2, 'Cy'],
    ]);
    expect(byName(doc, person(doc, 'Cy').bossId)).toBe('Bo');
    expect(byName(doc, person(doc, 'Bo').bossId)).toBe('Ada');
    expect(person(doc, 'Cy').status).toBe('assigned');
  });

  it('lets subordinates of a role nobody holds report to the IC, who holds it', () => {
    const { doc, ctx } = declaredIncident();
    const cy = responderId(checkIn(doc, { name: 'Cy' }, ctx));
    const tl = roleId(addRole(doc, { role: { kind: 'tech-lead' } }, ctx));
    addRole(doc, { role: { kind: 'sme', area: 'Database', parentId: tl }, holderId: cy }, ctx);
    expect(role(doc, 'Tech Lead').holderId).toBeNull();
    expect(byName(doc, person(doc, 'Cy').bossId)).toBe('Ada');
  });

  it('refuses a second role of the same title, and a second Incident Commander', () => {
    const { doc, ctx } = declaredIncident();
    addRole(doc, { role: { kind: 'scribe' } }, ctx);
    expect(refused(() => addRole(doc, { role: { kind: 'scribe' } }, ctx))).toBe('The incident already has a Scribe.');
    addRole(doc, { role: { kind: 'sme', area: 'Database' } }, ctx);
    expect(refused(() => addRole(doc, { role: { kind: 'sme', area: 'database' } }, ctx))).toBe('The incident already has a Database SME.');
    expect(refused(() => addRole(doc, { role: { kind: 'incident-commander' } }, ctx))).toContain('exactly one Incident Commander');
    // Team members are many and alike.
    addRole(doc, { role: { kind: 'member' } }, ctx);
    addRole(doc, { role: { kind: 'member' } }, ctx);
  });

  it('keeps one boss per person: a second role under another lead is refused with the reason', () => {
    const { doc, ctx } = declaredIncident();
    const bo = responderId(checkIn(doc, { name: 'Bo' }, ctx));
    const cy = responderId(checkIn(doc, { name: 'Cy' }, ctx));
    const tl = roleId(addRole(doc, { role: { kind: 'tech-lead' }, holderId: bo }, ctx));
    addRole(doc, { role: { kind: 'sme', area: 'Database', parentId: tl }, holderId: cy }, ctx);
    // Deputy and Scribe both report to the IC: one person may hold both.
    const deputy = roleId(addRole(doc, { role: { kind: 'deputy' } }, ctx));
    expect(refused(() => assignRole(doc, { roleId: deputy, responderId: cy }, ctx))).toBe(
      'Cy already reports to Bo as Database SME; one person, one boss.',
    );
    const dy = responderId(checkIn(doc, { name: 'Dy' }, ctx));
    assignRole(doc, { roleId: deputy, responderId: dy }, ctx);
    addRole(doc, { role: { kind: 'scribe' }, holderId: dy }, ctx);
    expect(person(doc, 'Dy').roleIds).toHaveLength(2);
    expect(refused(() => addRole(doc, { role: { kind: 'sme', area: 'Network', parentId: tl }, holderId: bo }, ctx))).toBe(
      'Bo would report to themselves.',
    );
  });

  it('flags the IC holding another role, without refusing it', () => {
    const { doc, ctx } = declaredIncident();
    const ada = chart(doc).icId;
    addRole(doc, { role: { kind: 'scribe' }, holderId: ada }, ctx);
    expect(chart(doc).warnings).toEqual([
      expect.objectContaining({ kind: 'ic-holds-role', message: expect.stringContaining('The Incident Commander also holds Scribe') }),
    ]);
  });

  it('warns when a lead has more than 7 direct reports, and clears when a level is added', () => {
    const { doc, ctx } = declaredIncident();
    const people = Array.from({ length: 8 }, (_, i) => responderId(checkIn(doc, { name: `Responder ${i + 1}` }, ctx)));
    const roles = people.map((id, i) => roleId(addRole(doc, { role: { kind: 'sme', area: `Area ${i + 1}` }, holderId: id }, ctx)));
    expect(person(doc, 'Ada').directReports).toBe(8);
    const span = chart(doc).warnings.find((w) => w.kind === 'span');
    expect(span?.message).toBe(
      'Ada has 8 people reporting directly (5 is ideal, 7 the most anyone can follow). Add a level: group them under a team lead, or delegate a role that is still held above them.',
    );
    // Restructure: a Network team lead takes four of them.
    const lead = responderId(checkIn(doc, { name: 'Lee' }, ctx));
    const team = roleId(addRole(doc, { role: { kind: 'team-lead', team: 'Network' }, holderId: lead }, ctx));
    for (const id of roles.slice(0, 4)) moveRole(doc, { roleId: id, parentId: team }, ctx);
    expect(person(doc, 'Ada').directReports).toBe(5);
    expect(person(doc, 'Lee').directReports).toBe(4);
    expect(chart(doc).warnings).toEqual([]);
  });

  it('logs a move naming the person moved, the lead they leave and the lead they join', () => {
    const { doc, ctx } = declaredIncident();
    const [sam, ana, priya, raj] = ['Sam Ortiz', 'Ana Ruiz', 'Priya Shah', 'Raj Iyer'].map((name) => responderId(checkIn(doc, { name }, ctx))) as [string, string, string, string];
    const net = roleId(addRole(doc, { role: { kind: 'team-lead', team: 'Network' }, holderId: sam }, ctx));
    const lan = roleId(addRole(doc, { role: { kind: 'team-lead', team: 'LAN' }, holderId: ana }, ctx));
    const member = roleId(addRole(doc, { role: { kind: 'member', parentId: net }, holderId: priya }, ctx));
    const vacant = roleId(addRole(doc, { role: { kind: 'member', parentId: net } }, ctx));
    expect(moveRole(doc, { roleId: member, parentId: lan }, ctx).text).toBe('Priya Shah (Team Member) moved from Sam Ortiz (Network Team Lead) to Ana Ruiz (LAN Team Lead).');
    // Two team members moved read as two people, not two identical rows.
    const second = roleId(addRole(doc, { role: { kind: 'sme', area: 'Switching', parentId: net }, holderId: raj }, ctx));
    expect(moveRole(doc, { roleId: second, parentId: lan }, ctx).text).toBe('Raj Iyer (Switching SME) moved from Sam Ortiz (Network Team Lead) to Ana Ruiz (LAN Team Lead).');
    // A role nobody holds yet is the IC's; a lead moved takes their people along, and says how many.
    expect(moveRole(doc, { roleId: vacant, parentId: lan }, ctx).text).toBe(
      'Team Member (held by the IC, Ada) moved from Sam Ortiz (Network Team Lead) to Ana Ruiz (LAN Team Lead).',
    );
    expect(moveRole(doc, { roleId: lan, parentId: net }, ctx).text).toBe(
      'Ana Ruiz (LAN Team Lead), with the 2 people under them, moved from Ada (Incident Commander) to Sam Ortiz (Network Team Lead).',
    );
    expect(releaseResponder(doc, priya, ctx).text).toBe('Priya Shah released from Team Member, reporting to Ana Ruiz; the role is back with the IC.');
    const staged = responderId(checkIn(doc, { name: 'Lu' }, ctx));
    expect(releaseResponder(doc, staged, ctx).text).toBe('Lu released from staging.');
  });

  it('refuses a move that would put a role under itself or its own subordinate', () => {
    const { doc, ctx } = declaredIncident();
    const net = roleId(addRole(doc, { role: { kind: 'team-lead', team: 'Network' } }, ctx));
    const lan = roleId(addRole(doc, { role: { kind: 'team-lead', team: 'LAN', parentId: net } }, ctx));
    expect(refused(() => moveRole(doc, { roleId: net, parentId: lan }, ctx))).toBe(
      'Network Team Lead cannot report to itself or to someone who reports to it.',
    );
    expect(refused(() => moveRole(doc, { roleId: IC_ROLE_ID, parentId: net }, ctx))).toBe('The Incident Commander is the top of the chart.');
  });

  it('hands a role over only when the incoming person acknowledges the briefing, and logs from whom, to whom', () => {
    const { doc, ctx } = declaredIncident();
    const bo = responderId(checkIn(doc, { name: 'Bo' }, ctx));
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: bo, briefing: 'Situation: primary DB down…' }, ctx);
    expect(offer.text).toBe('Ada is handing Incident Commander to Bo; briefing given, waiting for acknowledgement.');
    // Nobody becomes IC by arriving, nor by being offered it.
    expect(byName(doc, chart(doc).icId)).toBe('Ada');
    expect(chart(doc).handovers[0]).toMatchObject({ status: 'pending', briefing: 'Situation: primary DB down…' });
    ctx.advance(2 * MINUTE);
    const accept = acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, testContext('Bo', ctx.time, 'bo'));
    expect(accept.text).toBe('Handover: Bo is now the Incident Commander, taking over from Ada.');
    expect(byName(doc, chart(doc).icId)).toBe('Bo');
    expect(person(doc, 'Bo')).toMatchObject({ isIc: true, briefed: true });
    expect(person(doc, 'Ada')).toMatchObject({ isIc: false, status: 'staging' });
    expect(icAnnouncement('Bo')).toBe('Everyone, Bo is now the Incident Commander.');
  });

  it('refuses an IC handover that would leave the outgoing IC with two bosses (found by the convergence harness)', () => {
    const { doc, ctx } = declaredIncident();
    const ada = chart(doc).icId;
    const bo = responderId(checkIn(doc, { name: 'Bo' }, ctx));
    const cy = responderId(checkIn(doc, { name: 'Cy' }, ctx));
    const tl = roleId(addRole(doc, { role: { kind: 'tech-lead' }, holderId: bo }, ctx));
    // The IC may hold other roles (flagged): here one under the Tech Lead and one under the IC.
    addRole(doc, { role: { kind: 'sme', area: 'Database', parentId: tl }, holderId: ada }, ctx);
    const scribe = roleId(addRole(doc, { role: { kind: 'scribe' }, holderId: ada }, ctx));
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: cy, briefing: 'b' }, ctx);
    const id = (offer.org as { handoverId: string }).handoverId;
    expect(refused(() => acceptHandover(doc, id, ctx))).toBe('Ada would report to both Bo and Cy; one person, one boss.');
    vacateRole(doc, scribe, ctx);
    acceptHandover(doc, id, ctx);
    expect(byName(doc, person(doc, 'Ada').bossId)).toBe('Bo');
  });

  it('cancels a pending handover, and refuses a second one for the same role meanwhile', () => {
    const { doc, ctx } = declaredIncident();
    const bo = responderId(checkIn(doc, { name: 'Bo' }, ctx));
    const cy = responderId(checkIn(doc, { name: 'Cy' }, ctx));
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: bo, briefing: 'b' }, ctx);
    expect(refused(() => offerHandover(doc, { roleId: IC_ROLE_ID, toId: cy, briefing: 'b' }, ctx))).toContain('already waiting');
    const id = (offer.org as { handoverId: string }).handoverId;
    cancelHandover(doc, id, ctx);
    expect(refused(() => acceptHandover(doc, id, ctx))).toBe('That handover was already cancelled.');
    expect(refused(() => offerHandover(doc, { roleId: IC_ROLE_ID, toId: cy, briefing: '  ' }, ctx))).toContain('needs a briefing');
  });

  it('releases people as easily as it checks them in; their roles go back to the IC; the IC hands over first', () => {
    const { doc, ctx } = declaredIncident();
    const bo = responderId(checkIn(doc, { name: 'Bo' }, ctx));
    addRole(doc, { role: { kind: 'scribe' }, holderId: bo }, ctx);
    ctx.advance(30 * MINUTE);
    // Issue 16: a release names the role and whom they reported to.
    expect(releaseResponder(doc, bo, ctx).text).toBe('Bo released from Scribe, reporting to Ada; the role is back with the IC.');
    expect(person(doc, 'Bo')).toMatchObject({ status: 'released', releasedAt: ctx.time, roleIds: [] });
    expect(role(doc, 'Scribe').holderId).toBeNull();
    expect(refused(() => releaseResponder(doc, chart(doc).icId, ctx))).toBe('Ada is the Incident Commander: hand over command before leaving.');
    expect(refused(() => addRole(doc, { role: { kind: 'deputy' }, holderId: bo }, ctx))).toBe('Bo has been released; check them in again first.');
    ctx.advance(MINUTE);
    checkInAgain(doc, bo, ctx);
    expect(person(doc, 'Bo')).toMatchObject({ status: 'staging', releasedAt: null, checkedInAt: ctx.time });
  });

  it('stands a role down and moves its people up; a holder can step down', () => {
    const { doc, ctx } = declaredIncident();
    const cy = responderId(checkIn(doc, { name: 'Cy' }, ctx));
    const lee = responderId(checkIn(doc, { name: 'Lee' }, ctx));
    const net = roleId(addRole(doc, { role: { kind: 'team-lead', team: 'Network' }, holderId: lee }, ctx));
    const lan = roleId(addRole(doc, { role: { kind: 'sme', area: 'LAN', parentId: net }, holderId: cy }, ctx));
    vacateRole(doc, net, ctx);
    expect(byName(doc, person(doc, 'Cy').bossId)).toBe('Ada');
    removeRole(doc, net, ctx);
    expect(chart(doc).roles.find((r) => r.id === lan)?.parentId).toBe(IC_ROLE_ID);
  });

  it('prompts rotation after 90 minutes on duty by default, or as configured', () => {
    const { doc, ctx } = declaredIncident();
    checkIn(doc, { name: 'Bo' }, ctx);
    const bo = person(doc, 'Bo');
    expect(rotationDue(bo, chart(doc).rotation, bo.checkedInAt + 89 * MINUTE)).toBe(false);
    expect(rotationDue(bo, chart(doc).rotation, bo.checkedInAt + 90 * MINUTE)).toBe(true);
    setRotation(doc, 60, ctx);
    expect(rotationDue(person(doc, 'Bo'), chart(doc).rotation, bo.checkedInAt + 60 * MINUTE)).toBe(true);
    // Anything from a minute (drills) to a day; a refusal says why.
    expect(refused(() => setRotation(doc, 0, ctx))).toBe('Rotate people after a minute at the least.');
    expect(refused(() => setRotation(doc, 1441, ctx))).toBe('Rotate people within 24 hours (1440 minutes).');
    expect(refused(() => setRotation(doc, 2.5, ctx))).toBe('Give the rotation time in whole minutes.');
    expect(refused(() => setRotation(doc, 60, ctx))).toBe('People already rotate after 60 minutes on duty.');
  });

  it('takes a rotation time of a minute, raising the doc to the schema that knows it, and every replica applies it', () => {
    const { doc, ctx } = declaredIncident();
    setRotation(doc, 30, ctx);
    // 15 minutes and more, every version reads.
    expect(metaOf(doc).get('schemaVersion')).toBe(CORE_SCHEMA_VERSION);
    const event = setRotation(doc, 1, ctx);
    expect(event.text).toBe('Responders rotate after 1 minute on duty.');
    expect(metaOf(doc).get('schemaVersion')).toBe(SHORT_ROTATION_SCHEMA_VERSION);
    expect(SHORT_ROTATION_SCHEMA_VERSION).toBeLessThanOrEqual(SCHEMA_VERSION);
    const peer = createIncidentDoc(doc.guid);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    expect(chart(peer).rotation).toEqual({ minutes: 1, since: event.at });
    expect(projectionOf(peer).snapshot.malformedEntries).toBe(0);
  });

  it('counts a rotation time from when it was set: someone on duty longer is due then, not before', () => {
    const { doc, ctx } = declaredIncident();
    checkIn(doc, { name: 'Bo' }, ctx);
    const bo = person(doc, 'Bo');
    ctx.advance(50 * MINUTE);
    const set = setRotation(doc, 30, ctx);
    // On duty 50 minutes when the 30-minute rule came in: due at that moment, not at 30 minutes.
    expect(rotationDueAt(bo, chart(doc).rotation)).toBe(set.at);
    expect(rotationDue(bo, chart(doc).rotation, set.at - 1)).toBe(false);
    expect(rotationDue(bo, chart(doc).rotation, set.at)).toBe(true);
    // Someone who checks in afterwards: 30 minutes after they came.
    const cy = responderId(checkIn(doc, { name: 'Cy' }, ctx));
    const cyNow = chart(doc).responders.find((r) => r.id === cy)!;
    expect(rotationDueAt(cyNow, chart(doc).rotation)).toBe(cyNow.checkedInAt + 30 * MINUTE);
  });

  it('ticks duties per role and incident; the last tick wins; a duty of another role is refused', () => {
    const { doc, ctx } = declaredIncident();
    tickChecklist(doc, { roleId: IC_ROLE_ID, itemId: 'ic.announce', done: true }, ctx);
    expect(projectionOf(doc).snapshot.checklist.get(`${IC_ROLE_ID}/ic.announce`)).toMatchObject({ done: true, by: 'Ada' });
    tickChecklist(doc, { roleId: IC_ROLE_ID, itemId: 'ic.announce', done: false }, ctx);
    expect(projectionOf(doc).snapshot.checklist.get(`${IC_ROLE_ID}/ic.announce`)?.done).toBe(false);
    expect(refused(() => tickChecklist(doc, { roleId: IC_ROLE_ID, itemId: 'scr.roles', done: true }, ctx))).toBe(
      'That duty is not on the Incident Commander checklist.',
    );
  });

  it('drafts the handover briefing from the document: situation, objectives, actions, organization, resources', () => {
    const { doc, ctx } = declaredIncident();
    const bo = responderId(checkIn(doc, { name: 'Bo', skills: 'SRE' }, ctx));
    checkIn(doc, { name: 'Cy', skills: 'DBA' }, ctx);
    addRole(doc, { role: { kind: 'tech-lead' }, holderId: bo }, ctx);
    addRole(doc, { role: { kind: 'scribe' } }, ctx);
    logEvent(doc, { kind: 'status', text: 'Replica promoted; writes failing' }, ctx);
    logEvent(doc, { kind: 'decision', text: 'Fail over to the EU region' }, ctx);
    logEvent(doc, { kind: 'action', text: 'Bo restarts the pooler' }, ctx);
    ctx.advance(75 * MINUTE);
    const text = draftBriefing(projectionOf(doc).snapshot, { roleId: IC_ROLE_ID, toName: 'Bo', now: ctx.time });
    expect(text).toContain('Briefing for Bo, taking over as Incident Commander.');
    expect(text).toContain('SITUATION\n- 26-Bravo, SEV-1 (Critical');
    expect(text).toContain('Declared 1 h 15 min ago by Ada.');
    expect(text).toContain('- Replica promoted; writes failing (Ada)');
    expect(text).toContain('OBJECTIVES AND DECISIONS\n- Fail over to the EU region (Ada)');
    expect(text).toContain('CURRENT ACTIONS\n- Bo restarts the pooler (Ada)');
    expect(text).toContain('ORGANIZATION\n- Incident Commander: Ada\n  - Tech Lead: Bo\n  - Scribe: held by the IC (Ada)');
    expect(text).toContain('- 3 responders on duty, 0 released.\n- Waiting in staging: Cy (DBA).');
    expect(text).toContain('YOUR DUTIES AS INCIDENT COMMANDER');
  });

  it('names the incident roles of a person by the name presence knows them by', () => {
    const { doc, ctx } = declaredIncident();
    const dy = responderId(checkIn(doc, { name: 'Dy' }, ctx));
    checkIn(doc, { name: 'Eve' }, ctx);
    addRole(doc, { role: { kind: 'deputy' }, holderId: dy }, ctx);
    addRole(doc, { role: { kind: 'scribe' }, holderId: dy }, ctx);
    expect(incidentRolesOf(chart(doc), 'ada')).toBe('Incident Commander');
    expect(incidentRolesOf(chart(doc), ' Dy ')).toBe('Deputy, Scribe');
    expect(incidentRolesOf(chart(doc), 'Eve')).toBe('Staging');
    expect(incidentRolesOf(chart(doc), 'Mallory')).toBeNull();
  });

  it('closes the chart with the incident', () => {
    const { doc, ctx } = declaredIncident();
    declareEnd(doc, {}, ctx);
    expect(refused(() => checkIn(doc, { name: 'Bo' }, ctx))).toContain('has ended');
  });
});

/** Two replicas that edit apart, then merge. */
function split(): { a: Y.Doc; b: Y.Doc; ctxA: TestContext; ctxB: TestContext; heal: () => void } {
  const { doc: a, ctx: ctxA } = declaredIncident();
  const b = createIncidentDoc('incident-1');
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const ctxB = testContext('Bo', ctxA.time, 'b');
  return {
    a,
    b,
    ctxA,
    ctxB,
    heal: () => {
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    },
  };
}

describe('concurrent changes to the org chart', () => {
  it('two concurrent IC handovers leave exactly one IC on every replica, and the other one marked in the timeline', () => {
    const { a, b, ctxA, ctxB, heal } = split();
    const bo = responderId(checkIn(a, { name: 'Bo' }, ctxA));
    const cy = responderId(checkIn(a, { name: 'Cy' }, ctxA));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    ctxB.time = ctxA.time;
    // Apart: A hands IC to Bo, B (on Ada's other laptop) to Cy, and both are accepted.
    const toBo = offerHandover(a, { roleId: IC_ROLE_ID, toId: bo, briefing: 'b' }, ctxA);
    acceptHandover(a, (toBo.org as { handoverId: string }).handoverId, ctxA);
    const toCy = offerHandover(b, { roleId: IC_ROLE_ID, toId: cy, briefing: 'b' }, ctxB);
    acceptHandover(b, (toCy.org as { handoverId: string }).handoverId, ctxB);
    heal();
    const [ca, cb] = [chart(a), chart(b)];
    expect(ca.icId).toBe(cb.icId);
    expect(ca.responders.filter((r) => r.isIc)).toHaveLength(1);
    expect([...ca.refused.values()]).toEqual([...cb.refused.values()]);
    expect([...ca.refused.values()].join(' ')).toMatch(/did not take effect/);
  });

  it('two concurrent moves that together would form a cycle leave a tree, the same on every replica', () => {
    const { a, b, ctxA, ctxB, heal } = split();
    const net = roleId(addRole(a, { role: { kind: 'team-lead', team: 'Network' } }, ctxA));
    const db = roleId(addRole(a, { role: { kind: 'team-lead', team: 'Database' } }, ctxA));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    ctxB.time = ctxA.time;
    moveRole(a, { roleId: net, parentId: db }, ctxA);
    moveRole(b, { roleId: db, parentId: net }, ctxB);
    heal();
    for (const doc of [a, b]) {
      const org = chart(doc);
      // A tree: every role is reached from the IC exactly once.
      expect(org.roles.map((r) => r.id).sort()).toEqual([IC_ROLE_ID, net, db].sort());
      expect(org.refused.size).toBe(1);
    }
    expect(chart(a).roles).toEqual(chart(b).roles);
  });

  it('two concurrent assignments of one role keep the first and mark the second', () => {
    const { a, b, ctxA, ctxB, heal } = split();
    const scribe = roleId(addRole(a, { role: { kind: 'scribe' } }, ctxA));
    const bo = responderId(checkIn(a, { name: 'Bo' }, ctxA));
    const cy = responderId(checkIn(a, { name: 'Cy' }, ctxA));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    ctxB.time = ctxA.time;
    assignRole(a, { roleId: scribe, responderId: bo }, ctxA);
    assignRole(b, { roleId: scribe, responderId: cy }, ctxB);
    heal();
    expect(role(a, 'Scribe').holderId).toBe(role(b, 'Scribe').holderId);
    expect([...chart(a).refused.values()]).toEqual([expect.stringMatching(/already holds Scribe; hand it over instead/)]);
  });
});
