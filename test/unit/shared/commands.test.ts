import { describe, expect, it } from 'vitest';
import {
  LOCAL_ORIGIN,
  MAX_EVENT_TEXT,
  MAX_FUTURE_MS,
  MAX_NAME,
  MAX_PERSON,
  MAX_SYNOPSIS,
  SCHEMA_VERSION,
  CORE_SCHEMA_VERSION,
  changeSeverity,
  createIncidentDoc,
  declareEnd,
  declareIncident,
  logEvent,
  metaOf,
  projectIncident,
  projectionOf,
  timelineOf,
  type DeclareInput,
} from '../../../src/shared/incident';
import { HOUR, MINUTE, T0, testContext } from '../harness/context';
import { refusedWith as refused } from '../harness/refused';

const DECLARATION: DeclareInput = { name: '26-Bravo', severity: 'SEV-2', synopsis: 'Checkout fails for EU customers' };

function declared(input: Partial<DeclareInput> = {}) {
  const doc = createIncidentDoc('incident-1');
  const ctx = testContext();
  const event = declareIncident(doc, { ...DECLARATION, ...input }, ctx);
  return { doc, ctx, event };
}

describe('declareIncident', () => {
  it('logs a declared event and projects an active header', () => {
    const doc = createIncidentDoc('incident-1');
    const ctx = testContext('  Dana Scribe  ');
    const event = declareIncident(doc, { name: '  26-Bravo ', severity: 'SEV-2', synopsis: ' Checkout fails ' }, ctx);

    expect(event).toEqual({
      id: 'ev-0001',
      kind: 'declared',
      at: T0,
      loggedAt: T0,
      author: 'Dana Scribe',
      text: '26-Bravo declared at SEV-2: Checkout fails',
      name: '26-Bravo',
      severity: 'SEV-2',
      synopsis: 'Checkout fails',
      drill: false,
    });
    expect(timelineOf(doc).toArray()).toEqual([event]);
    expect(metaOf(doc).get('schemaVersion')).toBe(CORE_SCHEMA_VERSION);
    expect(metaOf(doc).get('incidentId')).toBe('incident-1');
    expect(projectIncident(doc).header).toEqual({
      id: 'incident-1',
      name: '26-Bravo',
      synopsis: 'Checkout fails',
      drill: false,
      declaredAt: T0,
      declaredBy: 'Dana Scribe',
      severity: 'SEV-2',
      state: 'active',
      endedAt: null,
      endedBy: null,
    });
  });

  it('marks a drill in the header and the log text', () => {
    const { doc, event } = declared({ drill: true });
    expect(event.text).toContain('(drill)');
    expect(projectIncident(doc).header?.drill).toBe(true);
  });

  it('writes one update with the local origin, so providers can tell it from remote ones', () => {
    const doc = createIncidentDoc('incident-1');
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    const ctx = testContext();
    declareIncident(doc, DECLARATION, ctx);
    logEvent(doc, { kind: 'note', text: 'x' }, ctx);
    changeSeverity(doc, { to: 'SEV-1' }, ctx);
    declareEnd(doc, {}, ctx);
    expect(origins).toEqual([LOCAL_ORIGIN, LOCAL_ORIGIN, LOCAL_ORIGIN, LOCAL_ORIGIN]);
  });

  it.each([
    ['an empty name', { name: '   ' }, 'name', 'The incident name is required.'],
    ['a missing name', { name: undefined }, 'name', 'The incident name is required.'],
    ['a name that is too long', { name: 'N'.repeat(MAX_NAME + 1) }, 'name', `The incident name is at most ${MAX_NAME} characters.`],
    ['a name on two lines', { name: '26-Bravo\nDB' }, 'name', 'The incident name must fit on one line.'],
    ['a name with a carriage return', { name: '26-Bravo\rDB' }, 'name', 'The incident name must fit on one line.'],
    ['an empty synopsis', { synopsis: '' }, 'synopsis', 'The synopsis is required.'],
    ['a synopsis that is too long', { synopsis: 's'.repeat(MAX_SYNOPSIS + 1) }, 'synopsis', `The synopsis is at most ${MAX_SYNOPSIS} characters.`],
    ['a synopsis on two lines', { synopsis: 'line one\nline two' }, 'synopsis', 'The synopsis must fit on one line.'],
    ['an unknown severity', { severity: 'SEV-0' }, 'severity', 'Severity must be one of SEV-1, SEV-2, SEV-3, SEV-4, SEV-5.'],
    ['a lower-case severity', { severity: 'sev-1' }, 'severity', 'Severity must be one of SEV-1, SEV-2, SEV-3, SEV-4, SEV-5.'],
  ])('refuses %s and writes nothing', (_label, override, field, message) => {
    const doc = createIncidentDoc('incident-1');
    const error = refused(() => declareIncident(doc, { ...DECLARATION, ...override } as DeclareInput, testContext()));
    expect(error.message).toBe(message);
    expect(error.field).toBe(field);
    expect(timelineOf(doc).length).toBe(0);
    expect(metaOf(doc).size).toBe(0);
  });

  it('accepts a name and synopsis of exactly the maximum length', () => {
    const { doc } = declared({ name: 'N'.repeat(MAX_NAME), synopsis: 's'.repeat(MAX_SYNOPSIS) });
    expect(projectIncident(doc).header?.name).toHaveLength(MAX_NAME);
  });

  it('refuses a missing or over-long actor name', () => {
    for (const actor of ['', '   ']) {
      const doc = createIncidentDoc('incident-1');
      expect(refused(() => declareIncident(doc, DECLARATION, testContext(actor))).message).toBe('Your name is required: every change records who made it.');
      expect(timelineOf(doc).length).toBe(0);
    }
    const doc = createIncidentDoc('incident-1');
    expect(refused(() => declareIncident(doc, DECLARATION, testContext('x'.repeat(MAX_PERSON + 1)))).message).toBe(
      `Your name is at most ${MAX_PERSON} characters.`,
    );
  });

  it('refuses to declare the same incident twice', () => {
    const { doc, ctx } = declared();
    const error = refused(() => declareIncident(doc, { ...DECLARATION, name: '26-Charlie' }, ctx));
    expect(error.message).toBe('This incident has already been declared.');
    expect(timelineOf(doc).length).toBe(1);
    expect(projectIncident(doc).header?.name).toBe('26-Bravo');
  });

  it('refuses to declare into a doc written by a newer version, and leaves its version alone', () => {
    const doc = createIncidentDoc('incident-1');
    metaOf(doc).set('schemaVersion', SCHEMA_VERSION + 1);
    const error = refused(() => declareIncident(doc, DECLARATION, testContext()));
    expect(error.message).toMatch(/newer version of Command Post; it is read-only/);
    expect(metaOf(doc).get('schemaVersion')).toBe(SCHEMA_VERSION + 1);
    expect(timelineOf(doc).length).toBe(0);
  });
});

describe('logEvent', () => {
  it('logs an event at now by default and shows it in the timeline', () => {
    const { doc, ctx } = declared();
    ctx.advance(3 * MINUTE);
    const event = logEvent(doc, { kind: 'decision', text: '  Roll back the 09:10 deploy.  ' }, ctx);
    expect(event).toEqual({
      id: 'ev-0002',
      kind: 'decision',
      at: T0 + 3 * MINUTE,
      loggedAt: T0 + 3 * MINUTE,
      author: 'Dana Scribe',
      text: 'Roll back the 09:10 deploy.',
    });
    const snapshot = projectionOf(doc).snapshot;
    expect(snapshot.timeline.map((e) => e.id)).toEqual(['ev-0001', 'ev-0002']);
    expect(snapshot.header?.state).toBe('active');
  });

  it('accepts every loggable kind', () => {
    const { doc, ctx } = declared();
    for (const kind of ['note', 'decision', 'action', 'status', 'followup', 'impact'] as const) {
      expect(logEvent(doc, { kind, text: `a ${kind}` }, ctx).kind).toBe(kind);
    }
    expect(projectIncident(doc).timeline).toHaveLength(7);
  });

  it('keeps a backdated event with its own time and the time it was written down', () => {
    const { doc, ctx } = declared();
    ctx.advance(30 * MINUTE);
    const event = logEvent(doc, { kind: 'impact', text: 'First customer report', at: T0 - 20 * MINUTE }, ctx);
    expect(event.at).toBe(T0 - 20 * MINUTE);
    expect(event.loggedAt).toBe(T0 + 30 * MINUTE);
    expect(projectIncident(doc).timeline.map((e) => e.kind)).toEqual(['impact', 'declared']);
  });

  it.each([
    ['empty text', { kind: 'note', text: '   ' }, 'text', 'Write what happened.'],
    ['missing text', { kind: 'note' }, 'text', 'Write what happened.'],
    ['an unknown kind', { kind: 'gossip', text: 'x' }, 'kind', 'The event type must be one of note, decision, action, status, followup, impact.'],
    ['a system kind', { kind: 'ended', text: 'x' }, 'kind', 'The event type must be one of note, decision, action, status, followup, impact.'],
  ])('refuses %s', (_label, input, field, message) => {
    const { doc, ctx } = declared();
    const error = refused(() => logEvent(doc, input as never, ctx));
    expect(error.message).toBe(message);
    expect(error.field).toBe(field);
    expect(timelineOf(doc).length).toBe(1);
  });

  it('refuses text over the limit and says how long it is', () => {
    const { doc, ctx } = declared();
    const error = refused(() => logEvent(doc, { kind: 'note', text: 'x'.repeat(MAX_EVENT_TEXT + 1) }, ctx));
    expect(error.message).toContain('at most 5,000 characters');
    expect(error.message).toContain('this one has 5,001');
    expect(error.field).toBe('text');
    const huge = refused(() => logEvent(doc, { kind: 'note', text: 'y'.repeat(12_345) }, ctx));
    expect(huge.message).toContain('this one has 12,345');
    expect(timelineOf(doc).length).toBe(1);
  });

  it('accepts exactly the maximum length (measured after trimming)', () => {
    const { doc, ctx } = declared();
    const event = logEvent(doc, { kind: 'note', text: `  ${'x'.repeat(MAX_EVENT_TEXT)}\n` }, ctx);
    expect(event.text).toHaveLength(MAX_EVENT_TEXT);
  });

  it('keeps a multi-line event text', () => {
    const { doc, ctx } = declared();
    expect(logEvent(doc, { kind: 'note', text: 'line one\nline two' }, ctx).text).toBe('line one\nline two');
  });

  it('refuses an event in the future beyond clock drift', () => {
    const { doc, ctx } = declared();
    const error = refused(() => logEvent(doc, { kind: 'note', text: 'later', at: T0 + MAX_FUTURE_MS + 1 }, ctx));
    expect(error.message).toBe('An event cannot be logged in the future.');
    expect(error.field).toBe('at');
    // A little drift is fine.
    expect(logEvent(doc, { kind: 'note', text: 'drift', at: T0 + MAX_FUTURE_MS }, ctx).at).toBe(T0 + MAX_FUTURE_MS);
  });

  it('refuses an event more than 24 hours before the declaration', () => {
    const { doc, ctx } = declared();
    ctx.advance(2 * HOUR);
    const error = refused(() => logEvent(doc, { kind: 'impact', text: 'old', at: T0 - 24 * HOUR - 1 }, ctx));
    expect(error.message).toBe('An event can be at most 24 hours older than the declaration.');
    expect(error.field).toBe('at');
    expect(logEvent(doc, { kind: 'impact', text: 'old but allowed', at: T0 - 24 * HOUR }, ctx).at).toBe(T0 - 24 * HOUR);
  });

  it('refuses a time that is not a finite number', () => {
    const { doc, ctx } = declared();
    for (const at of [Number.NaN, Number.POSITIVE_INFINITY, '09:30' as unknown as number]) {
      expect(refused(() => logEvent(doc, { kind: 'note', text: 'x', at }, ctx)).field).toBe('at');
    }
    expect(timelineOf(doc).length).toBe(1);
  });

  it('refuses to log before anything was declared', () => {
    const doc = createIncidentDoc('incident-1');
    expect(refused(() => logEvent(doc, { kind: 'note', text: 'hello' }, testContext())).message).toBe(
      'No incident has been declared in this document.',
    );
    expect(timelineOf(doc).length).toBe(0);
  });

  it('refuses a missing actor name', () => {
    const { doc } = declared();
    expect(refused(() => logEvent(doc, { kind: 'note', text: 'x' }, testContext(''))).message).toBe('Your name is required: every change records who made it.');
    expect(refused(() => logEvent(doc, { kind: 'note', text: 'x' }, testContext('Dana\nScribe'))).message).toBe(
      'Your name must fit on one line.',
    );
    expect(timelineOf(doc).length).toBe(1);
  });
});

describe('changeSeverity', () => {
  it('logs the old and new severity and updates the header', () => {
    const { doc, ctx } = declared();
    ctx.advance(10 * MINUTE);
    const event = changeSeverity(doc, { to: 'SEV-1', reason: ' Payments down everywhere ' }, ctx);
    expect(event).toMatchObject({
      kind: 'severity',
      from: 'SEV-2',
      to: 'SEV-1',
      at: T0 + 10 * MINUTE,
      author: 'Dana Scribe',
      text: 'Severity changed from SEV-2 to SEV-1: Payments down everywhere',
    });
    expect(projectionOf(doc).snapshot.header?.severity).toBe('SEV-1');

    ctx.advance(MINUTE);
    const down = changeSeverity(doc, { to: 'SEV-3' }, ctx);
    expect(down).toMatchObject({ from: 'SEV-1', to: 'SEV-3', text: 'Severity changed from SEV-1 to SEV-3' });
    expect(projectIncident(doc).header?.severity).toBe('SEV-3');
    expect(projectIncident(doc).timeline.map((e) => e.kind)).toEqual(['declared', 'severity', 'severity']);
  });

  it('refuses a change to the severity it already has', () => {
    const { doc, ctx } = declared();
    const error = refused(() => changeSeverity(doc, { to: 'SEV-2' }, ctx));
    expect(error.message).toBe('26-Bravo is already SEV-2.');
    expect(error.field).toBe('to');
    expect(timelineOf(doc).length).toBe(1);
  });

  it('refuses an unknown severity and an over-long reason', () => {
    const { doc, ctx } = declared();
    expect(refused(() => changeSeverity(doc, { to: 'SEV-9' as never }, ctx)).message).toBe(
      'Severity must be one of SEV-1, SEV-2, SEV-3, SEV-4, SEV-5.',
    );
    expect(refused(() => changeSeverity(doc, { to: 'SEV-1', reason: 'r'.repeat(MAX_SYNOPSIS + 1) }, ctx)).message).toBe(
      `The reason is at most ${MAX_SYNOPSIS} characters.`,
    );
    expect(timelineOf(doc).length).toBe(1);
    expect(projectIncident(doc).header?.severity).toBe('SEV-2');
  });

  it('refuses a missing actor name', () => {
    const { doc } = declared();
    expect(refused(() => changeSeverity(doc, { to: 'SEV-1' }, testContext(' '))).message).toBe('Your name is required: every change records who made it.');
    expect(projectIncident(doc).header?.severity).toBe('SEV-2');
  });

  it('refuses before a declaration', () => {
    const doc = createIncidentDoc('incident-1');
    expect(refused(() => changeSeverity(doc, { to: 'SEV-1' }, testContext())).message).toBe(
      'No incident has been declared in this document.',
    );
  });

  it('lets the later of two changes in the same millisecond count, whatever their ids', () => {
    const { doc } = declared();
    // Random ids (as in the app) can sort the second change before the first.
    const ids = ['zz-first', 'aa-second'];
    const ctx = { actor: 'Dana Scribe', now: () => T0 + MINUTE, newId: () => ids.shift()! };
    changeSeverity(doc, { to: 'SEV-1' }, ctx);
    changeSeverity(doc, { to: 'SEV-4' }, ctx);
    expect(projectionOf(doc).snapshot.header?.severity).toBe('SEV-4');
    expect(projectIncident(doc).timeline.map((e) => e.id)).toEqual(['ev-0001', 'zz-first', 'aa-second']);
  });

  it('takes effect even when this computer’s clock is behind the declarer’s', () => {
    // The declarer's laptop is two minutes ahead; ours receives the declaration and escalates at once.
    const { doc } = declared();
    const behind = testContext('Sam Ops', T0 - 2 * MINUTE, 'sam');
    const event = changeSeverity(doc, { to: 'SEV-1' }, behind);
    expect(event).toMatchObject({ from: 'SEV-2', to: 'SEV-1' });
    expect(projectionOf(doc).snapshot.header?.severity).toBe('SEV-1');
    expect(projectIncident(doc).header?.severity).toBe('SEV-1');
    // And the change after it, by the same lagging clock, is the one that counts.
    expect(changeSeverity(doc, { to: 'SEV-3' }, behind)).toMatchObject({ from: 'SEV-1', to: 'SEV-3' });
    expect(projectIncident(doc).header?.severity).toBe('SEV-3');
  });
});

describe('declareEnd', () => {
  it('logs the end and closes the header', () => {
    const { doc, ctx } = declared();
    ctx.advance(2 * HOUR);
    const event = declareEnd(doc, { summary: ' Rolled back; error rate normal. ' }, ctx);
    expect(event).toEqual({
      id: 'ev-0002',
      kind: 'ended',
      at: T0 + 2 * HOUR,
      loggedAt: T0 + 2 * HOUR,
      author: 'Dana Scribe',
      text: 'End of incident declared: Rolled back; error rate normal.',
    });
    const header = projectionOf(doc).snapshot.header;
    expect(header).toMatchObject({ state: 'ended', endedAt: T0 + 2 * HOUR, endedBy: 'Dana Scribe', severity: 'SEV-2' });
  });

  it('names the incident when no summary is given', () => {
    const { doc, ctx } = declared();
    expect(declareEnd(doc, {}, ctx).text).toBe('End of incident 26-Bravo declared.');
  });

  it('refuses an over-long summary and a missing actor', () => {
    const { doc, ctx } = declared();
    expect(refused(() => declareEnd(doc, { summary: 's'.repeat(MAX_EVENT_TEXT + 1) }, ctx)).message).toBe(
      `The closing summary is at most ${MAX_EVENT_TEXT} characters.`,
    );
    expect(refused(() => declareEnd(doc, {}, testContext(''))).message).toBe('Your name is required: every change records who made it.');
    expect(projectIncident(doc).header?.state).toBe('active');
  });

  it('closes the timeline: logging, changing severity and ending again are refused', () => {
    const { doc, ctx } = declared();
    declareEnd(doc, {}, ctx);
    const length = timelineOf(doc).length;
    const closed = '26-Bravo has ended; its timeline is closed.';
    expect(refused(() => logEvent(doc, { kind: 'note', text: 'one more thing' }, ctx)).message).toBe(closed);
    expect(refused(() => changeSeverity(doc, { to: 'SEV-1' }, ctx)).message).toBe(closed);
    expect(refused(() => declareEnd(doc, {}, ctx)).message).toBe(closed);
    expect(refused(() => declareIncident(doc, DECLARATION, ctx)).message).toBe('This incident has already been declared.');
    expect(timelineOf(doc).length).toBe(length);
    expect(projectIncident(doc).header?.state).toBe('ended');
  });

  it('ends the incident even when this computer’s clock is behind the declarer’s', () => {
    const { doc } = declared();
    const behind = testContext('Sam Ops', T0 - 90_000, 'sam');
    const event = declareEnd(doc, {}, behind);
    const header = projectionOf(doc).snapshot.header;
    expect(header?.state).toBe('ended');
    expect(header?.endedAt).toBe(event.at);
    expect(header!.endedAt!).toBeGreaterThanOrEqual(header!.declaredAt);
    expect(refused(() => logEvent(doc, { kind: 'note', text: 'x' }, behind)).message).toMatch(/has ended/);
  });
});

describe('a doc written by a newer version', () => {
  it('is read-only: every command is refused and nothing is written', () => {
    const { doc, ctx } = declared();
    metaOf(doc).set('schemaVersion', SCHEMA_VERSION + 1);
    expect(projectionOf(doc).snapshot.compatibility).toBe('newer');
    const readOnly = /saved by a newer version of Command Post; it is read-only here/;
    expect(refused(() => logEvent(doc, { kind: 'note', text: 'x' }, ctx)).message).toMatch(readOnly);
    expect(refused(() => changeSeverity(doc, { to: 'SEV-1' }, ctx)).message).toMatch(readOnly);
    expect(refused(() => declareEnd(doc, {}, ctx)).message).toMatch(readOnly);
    expect(timelineOf(doc).length).toBe(1);
    expect(metaOf(doc).get('schemaVersion')).toBe(SCHEMA_VERSION + 1);
  });

  it('stays writable when the version is the current one or older', () => {
    const { doc, ctx } = declared();
    metaOf(doc).set('schemaVersion', SCHEMA_VERSION - 1);
    expect(projectionOf(doc).snapshot.compatibility).toBe('ok');
    expect(logEvent(doc, { kind: 'note', text: 'fine' }, ctx).kind).toBe('note');
  });
});
