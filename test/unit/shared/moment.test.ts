import { describe, expect, it } from 'vitest';
import { createIncidentDoc, declareIncident, projectionOf, setStatusPhase, statusMapOf } from '../../../src/shared/incident';
import { testContext } from '../harness/context';
import { keySteps, momentAt, replaySteps } from '../../../src/shared/views/moment';
import { fixtureIncident } from '../../fixtures/postmortem/incident';

const timeline = () => projectionOf(fixtureIncident().doc).snapshot;

describe('the incident at a moment (the replay)', () => {
  it('starts at the declaration: the IC alone, no plan yet', () => {
    const snapshot = timeline();
    const first = momentAt(snapshot.timeline, 0)!;
    expect(first.event.kind).toBe('declared');
    expect(first.severity).toBe('SEV-2');
    expect(first.org!.roles.map((r) => r.title)).toEqual(['Incident Commander']);
    expect(first.plan!.objectives).toEqual([]);
    expect(first.ended).toBe(false);
    expect(first.recent.map((e) => e.event.kind)).toEqual(['declared']);
  });

  it('shows the chart, the plan and the severity as they stood at each step, forward', () => {
    const snapshot = timeline();
    const { events } = replaySteps(snapshot.timeline);
    const at = (predicate: (text: string) => boolean) => momentAt(snapshot.timeline, events.findIndex((e) => predicate(e.text)))!;
    const assigned = at((t) => t.startsWith('Jo Kim assigned as Database SME'));
    expect(assigned.org!.roles.find((r) => r.title === 'Database SME')?.holderId).not.toBeNull();
    expect(assigned.severity).toBe('SEV-2');
    const task = at((t) => t.startsWith('Task for Jo Kim'));
    expect(task.severity).toBe('SEV-1');
    expect(task.plan!.objectives[0]!.tasks.map((t) => [t.text, t.status])).toEqual([['Check replication lag on the primary', 'open']]);
    const handover = at((t) => t.startsWith('Handover: Grace Hopper'));
    const ic = handover.org!.responders.find((r) => r.id === handover.org!.icId)!;
    expect(ic.name).toBe('Grace Hopper');
    const last = momentAt(snapshot.timeline, events.length - 1)!;
    expect(last.ended).toBe(true);
    expect(last.plan!.objectives[0]!.closed).toBe('met');
    // Beyond the ends: clamped.
    expect(momentAt(snapshot.timeline, events.length + 5)!.step).toBe(events.length - 1);
    expect(momentAt(snapshot.timeline, -3)!.step).toBe(0);
  });

  it('shows each entry as it read then: later edits not yet made, strikes made later not yet there', () => {
    const snapshot = timeline();
    const { events } = replaySteps(snapshot.timeline);
    const note = events.findIndex((e) => e.kind === 'note');
    const then = momentAt(snapshot.timeline, note)!;
    expect(then.recent[then.recent.length - 1]).toMatchObject({ text: 'Error rate on checkout-api at 42% in eu-west-1', struck: null });
    const later = momentAt(snapshot.timeline, note + 3)!;
    expect(later.recent.find((e) => e.event.id === events[note]!.id)?.text).toBe('Error rate on checkout-api at 42% in eu-west-1, from the edge dashboard');
    expect(later.recent.find((e) => e.text === 'Disk full on orders-db')?.struck).toBe('That was the staging cluster');
    expect(events.some((e) => e.kind === 'amend')).toBe(false);
  });

  it('jumps between key events and milestones', () => {
    const snapshot = timeline();
    const { events } = replaySteps(snapshot.timeline);
    const keys = keySteps(snapshot.timeline, (e) => snapshot.amendments.get(e.id)?.key ?? false).map((i) => events[i]!.kind);
    expect(keys).toEqual(['declared', 'severity', 'phase', 'phase', 'decision', 'phase', 'phase', 'ended']);
  });

  it('shows the status document’s phase as it stood at each step', () => {
    const snapshot = timeline();
    const { events } = replaySteps(snapshot.timeline);
    const phaseAt = (index: number) => momentAt(snapshot.timeline, index)!.phase;
    expect(phaseAt(0)).toBe('investigating');
    const changes = events.flatMap((e, i) => (e.kind === 'phase' ? [i] : []));
    expect(changes.map((i) => [phaseAt(i - 1), phaseAt(i)])).toEqual([
      ['investigating', 'identified'],
      ['identified', 'mitigating'],
      ['mitigating', 'monitoring'],
      ['monitoring', 'resolved'],
    ]);
    expect(phaseAt(events.length - 1)).toBe('resolved');
  });

  it('does not make up a phase that changed before changes were logged', () => {
    const doc = createIncidentDoc('legacy');
    const ctx = testContext('Ada');
    declareIncident(doc, { name: '26-Echo', severity: 'SEV-3', synopsis: 'Slow search' }, ctx);
    // What version 6 wrote: the phase in the document only; when it moved is not known.
    statusMapOf(doc).set('phase', 'monitoring');
    const snapshot = projectionOf(doc).snapshot;
    expect(momentAt(snapshot.timeline, 0, { phaseNow: snapshot.status.phase })!.phase).toBeNull();
    // Once a change is logged, the phase it left is known from then back.
    setStatusPhase(doc, 'resolved', ctx);
    const after = projectionOf(doc).snapshot;
    expect([0, 1].map((i) => momentAt(after.timeline, i, { phaseNow: after.status.phase })!.phase)).toEqual(['monitoring', 'resolved']);
  });
});
