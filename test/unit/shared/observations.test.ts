import { describe, expect, it } from 'vitest';
import {
  checkObservations,
  createIncidentDoc,
  declareIncident,
  isBackdated,
  logEvent,
  logObservations,
  projectIncident,
  timelineOf,
  MAX_OBSERVATIONS,
  editEntry,
  strikeEntry,
} from '../../../src/shared/incident';
import { firstImpactNote } from '../../../src/shared/views/impact-note';
import { postmortemFacts } from '../../../src/shared/report/postmortem-facts';
import { HOUR, MINUTE, T0, testContext } from '../harness/context';
import { refusedWith as refused } from '../harness/refused';

/** Noted in the pad before the declaration at T0: the first one 40 minutes before, for a time stated 50 minutes before. */
const PAD = [
  { kind: 'note' as const, text: 'UPS alarm in hall B', at: T0 - 50 * MINUTE, loggedAt: T0 - 40 * MINUTE },
  { kind: 'impact' as const, text: 'Rack 12 dark', at: T0 - 30 * MINUTE, loggedAt: T0 - 30 * MINUTE },
];

function declaredWith(observations = PAD) {
  const doc = createIncidentDoc('incident-1');
  const ctx = testContext();
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-1', synopsis: 'Power failure in hall B' }, ctx);
  const logged = logObservations(doc, { observations }, ctx);
  return { doc, ctx, logged };
}

describe('observations before the declaration', () => {
  it('become the first entries, with the time each happened and was noted, before the declaration', () => {
    const { doc, logged } = declaredWith();
    const timeline = projectIncident(doc).timeline;
    expect(timeline.map((e) => [e.kind, e.text, e.at, e.loggedAt])).toEqual([
      ['note', 'UPS alarm in hall B', T0 - 50 * MINUTE, T0 - 40 * MINUTE],
      ['impact', 'Rack 12 dark', T0 - 30 * MINUTE, T0 - 30 * MINUTE],
      ['declared', expect.any(String), T0, T0],
    ]);
    expect(logged.map((e) => e.author)).toEqual(['Dana Scribe', 'Dana Scribe']);
    // Noted ten minutes after it happened: shown as backdated. Noted as it happened: not.
    expect(timeline.map(isBackdated)).toEqual([true, false, false]);
  });

  it('writes all of them in one transaction, so a peer never sees half a pad', () => {
    const doc = createIncidentDoc('incident-1');
    const ctx = testContext();
    declareIncident(doc, { name: '26-Bravo', severity: 'SEV-1', synopsis: 'Power failure' }, ctx);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    logObservations(doc, { observations: PAD }, ctx);
    expect(transactions).toBe(1);
  });

  it('refuses them all when one was noted more than a day before the declaration, naming it', () => {
    const doc = createIncidentDoc('incident-1');
    const ctx = testContext();
    declareIncident(doc, { name: '26-Bravo', severity: 'SEV-1', synopsis: 'Power failure' }, ctx);
    const stale = { kind: 'note' as const, text: 'Generator test', at: T0 - 25 * HOUR, loggedAt: T0 - 25 * HOUR };
    const error = refused(() => logObservations(doc, { observations: [...PAD, stale] }, ctx));
    expect(error.message).toBe(
      'The observation “Generator test” cannot be logged: An event can be at most 24 hours older than the declaration. Remove it from the pad, or copy it into a note.',
    );
    expect(timelineOf(doc).length).toBe(1);
  });

  it('checks them before declaring, against the declaration to come', () => {
    expect(checkObservations({ observations: PAD }, T0, T0)).toHaveLength(2);
    expect(refused(() => checkObservations({ observations: [{ ...PAD[0]!, at: T0 + HOUR }] }, T0, T0)).message).toMatch(/cannot be logged in the future/);
    expect(refused(() => checkObservations({ observations: [{ ...PAD[0]!, text: '  ' }] }, T0, T0)).message).toBe('Write what happened.');
    expect(refused(() => checkObservations({ observations: [{ ...PAD[0]!, kind: 'ended' as never }] }, T0, T0)).field).toBe('observations.0.kind');
    const flood = Array.from({ length: MAX_OBSERVATIONS + 1 }, () => PAD[0]!);
    expect(refused(() => checkObservations({ observations: flood }, T0, T0)).message).toBe(`At most ${MAX_OBSERVATIONS} observations can be logged at once.`);
  });

  it('needs a declared, running incident', () => {
    const doc = createIncidentDoc('incident-1');
    expect(refused(() => logObservations(doc, { observations: PAD }, testContext())).message).toBe('No incident has been declared in this document.');
  });
});

describe('the postmortem', () => {
  it('places pad notes and backdated entries at the time they happened', () => {
    const { doc, ctx } = declaredWith();
    ctx.advance(30 * MINUTE);
    logEvent(doc, { kind: 'decision', text: 'Fail over to the second feed', at: T0 + 10 * MINUTE }, ctx);
    logEvent(doc, { kind: 'note', text: 'Power restored' }, ctx);
    const facts = postmortemFacts(projectIncident(doc), ctx.now());
    expect(facts.timeline.map((f) => [f.at, f.text.split(' declared')[0]])).toEqual([
      [T0 - 50 * MINUTE, 'UPS alarm in hall B'],
      [T0 - 30 * MINUTE, 'Rack 12 dark'],
      [T0, '26-Bravo'],
      [T0 + 10 * MINUTE, 'Fail over to the second feed'],
      [T0 + 30 * MINUTE, 'Power restored'],
    ]);
  });
});

describe('isBackdated', () => {
  it('marks an entry written a minute or more after it happened, not a capture written seconds later', () => {
    const { doc, ctx } = declaredWith([]);
    ctx.advance(20 * MINUTE);
    expect(isBackdated(logEvent(doc, { kind: 'note', text: 'Power back in hall B', at: ctx.now() - 10 * MINUTE }, ctx))).toBe(true);
    expect(isBackdated(logEvent(doc, { kind: 'note', text: 'captured', at: ctx.now() - 5_000 }, ctx))).toBe(false);
    expect(isBackdated(logEvent(doc, { kind: 'note', text: 'now' }, ctx))).toBe(false);
  });
});

describe('the first impact note, offered for "Impact since"', () => {
  it('is the earliest impact entry still standing, backdated or noted before the declaration', () => {
    const { doc, ctx } = declaredWith([]);
    expect(firstImpactNote(projectIncident(doc))).toBeNull();
    ctx.advance(30 * MINUTE);
    logEvent(doc, { kind: 'note', text: 'Paged facilities' }, ctx);
    const later = logEvent(doc, { kind: 'impact', text: 'Checkout down for all' }, ctx);
    expect(firstImpactNote(projectIncident(doc))).toEqual({ id: later.id, at: later.at, text: 'Checkout down for all' });
    // Logged afterwards, but happened 40 minutes before the declaration: it is the first.
    const first = logEvent(doc, { kind: 'impact', text: 'First customer calls', at: T0 - 40 * MINUTE }, ctx);
    expect(firstImpactNote(projectIncident(doc))?.at).toBe(T0 - 40 * MINUTE);
    editEntry(doc, { eventId: first.id, text: 'First customer calls (EU)' }, ctx);
    expect(firstImpactNote(projectIncident(doc))?.text).toBe('First customer calls (EU)');
    strikeEntry(doc, { eventId: first.id, reason: 'That was a test call' }, ctx);
    expect(firstImpactNote(projectIncident(doc))?.id).toBe(later.id);
  });
});
