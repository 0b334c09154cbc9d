import { describe, expect, it } from 'vitest';
import { POSTMORTEM_SECTIONS, projectionOf, type IncidentSnapshot } from '../../../src/shared/incident';
import { postmortemFacts } from '../../../src/shared/report/postmortem-facts';
import { LAYOUTS, layoutSections } from '../../../src/shared/report/postmortem-layouts';
import { draftSections, formatDuration } from '../../../src/shared/report/postmortem-draft';
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
      ['Ada Lovelace', '', ['Incident Commander 0-56'], false, 17],
      ['Cal Scribe', 'SRE', ['Scribe 1-end'], false, 5],
      ['Jo Kim', 'DBA, Postgres', ['Database SME 3-66'], true, 5],
      ['Mo Comms', 'Support', ['Comms Lead 3-end'], false, 5],
      ['Grace Hopper', 'Incident commanders', ['Incident Commander 56-end'], false, 4],
    ]);
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
      'Ended',
    ]);
    expect(facts.struck).toBe(0);
  });

  it('leave struck entries out, mark key events and show edited text, from the timeline’s amendments', () => {
    const snapshot = snapshotOf();
    const note = snapshot.timeline.find((e) => e.kind === 'note')!;
    const impact = snapshot.timeline.find((e) => e.kind === 'impact')!;
    const decision = snapshot.timeline.find((e) => e.kind === 'decision')!;
    const amended = {
      ...snapshot,
      amendments: new Map([
        [note.id, { text: 'Error rate at 42%', versions: [1, 2], struck: null, key: true }],
        [impact.id, { text: impact.text, versions: [1], struck: { reason: 'Wrong incident' }, key: false }],
        [decision.id, { text: decision.text, versions: [1], struck: { reason: 'Duplicate' }, key: false }],
      ]),
    } as unknown as IncidentSnapshot;
    const facts = postmortemFacts(amended, FIXTURE_EXPORTED_AT);
    expect(facts.timeline.find((f) => f.id === note.id)).toMatchObject({ key: true, edited: true, text: 'Error rate at 42%' });
    expect(facts.timeline.some((f) => f.id === impact.id)).toBe(false);
    expect(facts.struck).toBe(2);
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
