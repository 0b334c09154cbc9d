import { describe, expect, it } from 'vitest';
import { POSTMORTEM_SECTIONS, acceptHandover, addRole, checkIn, moveRole, offerHandover, releaseResponder, createIncidentDoc, declareEnd, declareIncident, projectionOf, setStatusPhase, statusMapOf, type StatusPhase } from '../../../src/shared/incident';
import { postmortemFacts } from '../../../src/shared/report/postmortem-facts';
import { LAYOUTS, layoutSections } from '../../../src/shared/report/postmortem-layouts';
import { draftSections, formatDuration, phaseFigures } from '../../../src/shared/report/postmortem-draft';
import { postmortemMarkdown } from '../../../src/shared/report/postmortem-markdown';
import { postmortemHtml } from '../../../src/shared/report/postmortem-html';
import { testContext } from '../harness/context';
import { FIXTURE_EXPORTED_AT, FIXTURE_T0, HOSTILE, HOSTILE_NAME, fixtureIncident } from '../../fixtures/postmortem/incident';

const MINUTE = 60_000;
const snapshotOf = () => projectionOf(fixtureIncident().doc).snapshot;

describe('the postmortem’s facts', () => {
  it('time the incident and each severity from the declaration to the end', () => {
    const { incident } = postmortemFacts(snapshotOf(), FIXTURE_EXPORTED_AT);
    expect(incident).toMatchObject({ name: '26-Bravo', severity: 'SEV-1', worstSeverity: 'SEV-1', declaredAt: FIXTURE_T0, impactSince: FIXTURE_T0 - 12 * MINUTE });
    expect(incident.severities.map((p) => [p.severity, Math.round((p.to - p.from) / MINUTE)])).toEqual([
      ['SEV-2', 9],
      ['SEV-1', 57],
    ]);
    expect(formatDuration(incident.durationMs)).toBe('1 h 6 min');
  });

  it('list each responder with the roles they held and when, in the order they came', () => {
    const { responders } = postmortemFacts(snapshotOf(), FIXTURE_EXPORTED_AT);
    const minute = (t: number) => Math.round((t - FIXTURE_T0) / MINUTE);
    expect(responders.map((r) => [r.name, r.team, r.roles.map((x) => `${x.title} ${minute(x.from)}-${x.to === null ? 'end' : minute(x.to)}`), r.releasedAt !== null, r.entries])).toEqual([
      ['Ada Lovelace', '', ['Incident Commander 0-56'], false, 20],
      ['Cal Scribe', 'SRE', ['Scribe 1-end'], false, 6],
      ['Jo Kim', 'DBA, Postgres', ['Database SME 3-66'], true, 5],
      ['Mo Comms', 'Support', ['Comms Lead 3-end'], false, 5],
      ['Grace Hopper', 'Incident commanders', ['Incident Commander 56-end'], false, 5],
    ]);
  });

  it('carry reporting lines from the chart at each moment, the chart’s warnings in the timeline, and times to the second', () => {
    const doc = createIncidentDoc('incident-1');
    const ctx = testContext('Dana Ross');
    declareIncident(doc, { name: '26-Bravo', severity: 'SEV-1', synopsis: 'Power lost in hall B' }, ctx);
    const who = (name: string) => (checkIn(doc, { name }, ctx).org as { responderId: string }).responderId;
    const roleOf = (e: { org: unknown }) => (e.org as { roleId: string }).roleId;
    const [sam, ana, omar, priya] = ['Sam Ortiz', 'Ana Ruiz', 'Omar Haddad', 'Priya Shah'].map(who) as [string, string, string, string];
    const net = roleOf(addRole(doc, { role: { kind: 'team-lead', team: 'Network' }, holderId: sam }, ctx));
    const lan = roleOf(addRole(doc, { role: { kind: 'team-lead', team: 'LAN' }, holderId: ana }, ctx));
    const member = roleOf(addRole(doc, { role: { kind: 'member', parentId: net }, holderId: priya }, ctx));
    ctx.advance(20 * MINUTE + 7_000);
    const moved = moveRole(doc, { roleId: member, parentId: lan }, ctx);
    ctx.advance(30 * MINUTE);
    const offer = offerHandover(doc, { roleId: lan, toId: omar, briefing: 'Two switches down' }, ctx);
    const handed = acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, ctx);
    ctx.advance(45 * MINUTE);
    releaseResponder(doc, ana, ctx);
    declareEnd(doc, { summary: 'Power back' }, ctx);
    const facts = postmortemFacts(projectionOf(doc).snapshot, ctx.time);
    const lines = (name: string) => facts.responders.find((r) => r.name === name)!.reportsTo.map((l) => [l.lead, l.leadRole, l.from, l.to]);
    expect(lines('Priya Shah')).toEqual([
      ['Sam Ortiz', 'Network Team Lead', expect.any(Number), moved.at],
      ['Ana Ruiz', 'LAN Team Lead', moved.at, handed.at],
      ['Omar Haddad', 'LAN Team Lead', handed.at, null],
    ]);
    expect(lines('Dana Ross')).toEqual([]);
    // The rotation prompts that came due before the end are in the timeline, after what preceded them.
    const rotations = facts.timeline.filter((t) => t.kind === 'rotation');
    expect(rotations.map((t) => t.text)).toContain('Rotation due: Ana Ruiz on duty 1:30 (rotate after 90 minutes); released 5 minutes later.');
    expect(rotations.every((t) => t.label === 'Rotation due' && t.author === '')).toBe(true);
    const times = facts.timeline.map((t) => t.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const md = postmortemMarkdown(projectionOf(doc).snapshot, { exportedAt: ctx.time, exportedBy: 'Dana Ross' });
    expect(md).toContain('| Reported to (UTC) |');
    expect(md).toMatch(/Sam Ortiz, Network Team Lead \(09:30:00–09:50:07\); Ana Ruiz, LAN Team Lead \(09:50:07–10:20:07\); Omar Haddad, LAN Team Lead \(10:20:07–end\)/);
    expect(md).toMatch(/\| 2026-03-14 09:50:07 \| {2}\| Organization \| Priya Shah \(Team Member\) moved from Sam Ortiz \(Network Team Lead\) to Ana Ruiz \(LAN Team Lead\)\. \| Dana Ross \|/);
    const html = postmortemHtml(projectionOf(doc).snapshot, { exportedAt: ctx.time, exportedBy: 'Dana Ross' });
    expect(html).toContain('<td class="name">Dana Ross</td></tr>');
  });

  it('keep the timeline in forward order with milestones marked, the impact’s start placed, and refused changes left out', () => {
    const facts = postmortemFacts(snapshotOf(), FIXTURE_EXPORTED_AT);
    const times = facts.timeline.map((f) => f.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(facts.timeline[0]).toMatchObject({ kind: 'impact-start', milestone: true, at: FIXTURE_T0 - 12 * MINUTE });
    expect(facts.timeline.filter((f) => f.milestone).map((f) => f.label)).toEqual([
      'Impact began',
      'Declared',
      'Internal update sent (first message)',
      'External update sent (first message)',
      'Severity',
      'Phase',
      'Phase',
      'Phase',
      'Phase',
      'Ended',
    ]);
    expect(facts.timeline.filter((f) => f.kind === 'phase').map((f) => f.text)).toEqual([
      'Investigating → Identified',
      'Identified → Mitigating',
      'Mitigating → Monitoring',
      'Monitoring → Resolved',
    ]);
    expect(facts.struck).toBe(1);
  });

  it('leave struck entries out, mark key events and show edited text, from the timeline’s amendments', () => {
    const facts = postmortemFacts(snapshotOf(), FIXTURE_EXPORTED_AT);
    expect(facts.timeline.filter((f) => f.key).map((f) => f.text)).toEqual(['Severity changed from SEV-2 to SEV-1: revenue impact confirmed', 'Freeze deploys to checkout until Monday']);
    expect(facts.timeline.find((f) => f.kind === 'note')).toMatchObject({ edited: true, text: 'Error rate on checkout-api at 42% in eu-west-1, from the edge dashboard' });
    expect(facts.timeline.some((f) => f.text.includes('Disk full'))).toBe(false);
    expect(facts.timeline.some((f) => (f.kind as string) === 'amend')).toBe(false);
    expect(facts.struck).toBe(1);
  });

  it('leave a struck decision out of the decisions', () => {
    const snapshot = snapshotOf();
    const decision = snapshot.timeline.find((e) => e.kind === 'decision')!;
    const amendments = new Map(snapshot.amendments);
    amendments.set(decision.id, { text: decision.text, versions: [], struck: { id: 'x', by: 'Cal', at: 0, reason: 'Duplicate' }, key: false });
    const facts = postmortemFacts({ ...snapshot, amendments }, FIXTURE_EXPORTED_AT);
    expect(facts.decisions.map((d) => d.outcome)).toEqual(['adopted']);
  });

  it('gather the plan’s decisions with their objections and the decisions logged in the timeline', () => {
    const { decisions } = postmortemFacts(snapshotOf(), FIXTURE_EXPORTED_AT);
    expect(decisions.map((d) => [d.outcome, d.text, d.objections])).toEqual([
      ['adopted', 'Fail over the database to the replica', ['The replica is 30 s behind']],
      ['logged', 'Freeze deploys to checkout until Monday', []],
    ]);
  });

  it('count what the response did, for the response-process section', () => {
    const { response } = postmortemFacts(snapshotOf(), FIXTURE_EXPORTED_AT);
    expect(response).toEqual({
      firstUpdateMinutes: { internal: 4, external: 7 },
      updatesSent: 5,
      // Both audiences' second updates came after the time the first promised, and the closing notice after the last one's.
      lateUpdates: 3,
      icHandovers: 1,
      responders: 5,
      tasks: 1,
      tasksExtended: 1,
      changes: 1,
      changesThatDidNotWork: 0,
      decisionsAdopted: 1,
    });
  });

  it('time each phase from its logged changes, and say how soon the cause was identified and the fix was in', () => {
    const { incident } = postmortemFacts(snapshotOf(), FIXTURE_EXPORTED_AT);
    const minute = (t: number | null) => (t === null ? null : Math.round((t - FIXTURE_T0) / MINUTE));
    expect(incident.phases.map((p) => [p.phase, minute(p.from), minute(p.to)])).toEqual([
      ['investigating', 0, 24],
      ['identified', 24, 25],
      ['mitigating', 25, 30],
      ['monitoring', 30, 56],
      ['resolved', 56, 66],
    ]);
    const m = incident.phaseMilestones;
    expect([m.identifiedAt, m.mitigatingAt, m.mitigatedAt, m.resolvedAt].map(minute)).toEqual([24, 25, 30, 56]);
    expect(phaseFigures(incident)).toEqual([
      { label: 'Time to identify', value: '24 min', detail: 'identified at 09:54 UTC' },
      { label: 'Time to mitigate', value: '30 min', detail: 'mitigating from 09:55 UTC, monitoring from 10:00 UTC' },
      { label: 'Time to resolve', value: '56 min', detail: 'resolved at 10:26 UTC' },
    ]);
  });

  it('lint every action item', () => {
    const { actionItems } = postmortemFacts(snapshotOf(), FIXTURE_EXPORTED_AT);
    expect(actionItems.map((i) => [i.text, i.warnings.map((w) => w.rule)])).toEqual([
      ['Add an alert on replication lag', []],
      ['Better monitoring', ['verb', 'vague', 'short', 'owner']],
      ['Document the failover steps in the database runbook', []],
    ]);
  });
});

describe('the layouts', () => {
  it('each show every narrative section exactly once, in their own order', () => {
    for (const layout of ['pagerduty', 'google'] as const) {
      const sections = layoutSections(layout);
      expect([...sections].sort()).toEqual([...POSTMORTEM_SECTIONS].sort());
    }
    expect(layoutSections('pagerduty').slice(0, 3)).toEqual(['overview', 'whatHappened', 'detection']);
    expect(layoutSections('google').slice(0, 3)).toEqual(['overview', 'impact', 'contributingFactors']);
    expect(LAYOUTS.google.map((b) => b.title)).toContain('Lessons learned');
    expect(LAYOUTS.pagerduty.map((b) => b.title)).toContain("How'd we do?");
  });
});

describe('the first draft', () => {
  it('is written from the incident, leaves blanks for people, and never drafts the contributing factors', () => {
    const drafts = draftSections(snapshotOf(), FIXTURE_EXPORTED_AT);
    expect(drafts.overview).toMatch(/^On 14 March 2026, 26-Bravo \(SEV-1\) lasted 1 h 6 min: Checkout fails for EU customers\./);
    expect(drafts.detection).toContain('The incident was declared at 09:30 UTC by Ada Lovelace.');
    expect(drafts.detection).toContain('The impact had begun at 09:18 UTC, 12 min before.');
    expect(drafts.resolution).toContain('Failed over to the replica; checkout works again.');
    expect(drafts.resolution).toContain('- Fail over orders-db to replica 2: worked, error rate back under 1%');
    expect(drafts.responseProcess).toMatch(/^- Cause identified 24 min after the declaration; fix in \(monitoring\) after 30 min; resolved after 56 min\.\n/);
    expect(drafts.responseProcess).toContain('- The first internal update went out 4 min after the declaration.');
    expect(drafts.responseProcess).toContain('command changed hands 1 time.');
    expect(drafts.contributingFactors).toBeUndefined();
    expect(drafts.externalMessage).toContain('What we are doing about it: [');
  });

  it('takes hostile text as text', () => {
    const snapshot = projectionOf(fixtureIncident({ say: HOSTILE, sayName: HOSTILE_NAME, incidentName: '<b>26</b><script>x</script>' }).doc).snapshot;
    const drafts = draftSections(snapshot, FIXTURE_EXPORTED_AT);
    expect(drafts.overview).toContain('<b>26</b><script>x</script>');
  });
});

describe('the phases of a response', () => {
  /** A SEV-2 declared at T0 whose phase moves as given, `[minutes after T0, phase]`, ended at `endAt` minutes. */
  function incident(moves: ReadonlyArray<readonly [number, StatusPhase]>, endAt = 60) {
    const doc = createIncidentDoc('phases');
    const ctx = testContext('Ada');
    declareIncident(doc, { name: '26-Delta', severity: 'SEV-2', synopsis: 'Logins fail' }, ctx);
    for (const [at, phase] of moves) {
      ctx.time = FIXTURE_T0 + at * MINUTE;
      setStatusPhase(doc, phase, ctx);
    }
    ctx.time = FIXTURE_T0 + endAt * MINUTE;
    declareEnd(doc, {}, ctx);
    return doc;
  }
  const factsOf = (doc: ReturnType<typeof incident>) => postmortemFacts(projectionOf(doc).snapshot, FIXTURE_EXPORTED_AT).incident;

  it('give no figure the phases do not support: never moved, skipped, or never marked as fixed', () => {
    const still = factsOf(incident([]));
    expect(still.phases.map((p) => p.phase)).toEqual(['investigating']);
    expect(phaseFigures(still)).toEqual([]);

    // Straight to monitoring (a rollback before anyone knew the cause): mitigated, never identified.
    const rolledBack = factsOf(incident([[15, 'monitoring']]));
    expect(phaseFigures(rolledBack).map((f) => `${f.label}: ${f.value} (${f.detail})`)).toEqual(['Time to mitigate: 15 min (monitoring from 09:45 UTC)']);

    const stuck = factsOf(incident([[10, 'identified'], [20, 'mitigating']]));
    expect(phaseFigures(stuck).map((f) => f.label)).toEqual(['Time to identify', 'Mitigation began']);
    expect(phaseFigures(stuck)[1]!.detail).toBe('mitigating from 09:50 UTC; the fix was never marked as in');
  });

  it('count from the first time a phase was reached, also when the response went back', () => {
    const relapse = factsOf(incident([[10, 'identified'], [20, 'monitoring'], [30, 'investigating'], [40, 'identified'], [50, 'monitoring']]));
    expect(relapse.phases.map((p) => p.phase)).toEqual(['investigating', 'identified', 'monitoring', 'investigating', 'identified', 'monitoring']);
    expect(phaseFigures(relapse).map((f) => f.value)).toEqual(['10 min', '20 min']);
    const draft = draftSections(projectionOf(incident([[10, 'identified']])).snapshot, FIXTURE_EXPORTED_AT);
    expect(draft.responseProcess).toMatch(/^- Cause identified 10 min after the declaration\.\n/);
  });

  it('say so when the phase changed before changes were logged (an incident kept by an earlier version)', () => {
    const doc = incident([]);
    // What version 6 wrote: the phase in the document only.
    statusMapOf(doc).set('phase', 'monitoring');
    const facts = postmortemFacts(projectionOf(doc).snapshot, FIXTURE_EXPORTED_AT);
    expect(facts.incident.phases).toEqual([]);
    expect(postmortemMarkdown(projectionOf(doc).snapshot, { exportedAt: FIXTURE_EXPORTED_AT, exportedBy: 'Ada' }, facts)).toContain(
      '### Phases of the response\n\n_The phase was not logged while it changed (an incident kept by an earlier version)._',
    );
  });
});
